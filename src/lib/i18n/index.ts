import { dictionary, type Lang, type MessageKey } from './dictionary.ts';

export type { Lang, MessageKey } from './dictionary.ts';
export { ORGANIZATION_TYPE_NAMES, PARK_KIND_NAMES } from './dictionary.ts';

/** The string for `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionary[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A record's name in the chosen language (records always carry both). */
export function nameOf(record: { name_zh: string; name_en: string }, lang: Lang): string {
  return lang === 'zh' ? record.name_zh : record.name_en;
}

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'zh';
}
