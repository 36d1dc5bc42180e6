import { translate, type Lang, type MessageKey } from '$lib/i18n';

/** The interface language; the map's labels follow it. */
export const locale = $state<{ lang: Lang }>({ lang: 'zh' });

/** The string for `key` in the current language (reactive inside components). */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return translate(locale.lang, key, vars);
}
