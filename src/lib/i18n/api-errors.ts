/**
 * What the server or the network answered, as a sentence for the reader in their language: the field is
 * named as the interface names it, the rule in words; never the server's developer text.
 */
import { ApiError } from '$lib/api/client';
import type { Lang, MessageKey } from './dictionary.ts';
import { translate } from './index.ts';

const FIELD_KEYS: Record<string, MessageKey> = {
  edgeKm: 'fieldEdgeKm', resolution: 'fieldEdgeKm', epsKm: 'fieldEpsKm', minPoints: 'fieldMinPoints', groupBy: 'fieldGroupBy',
  city: 'fieldCity', sector: 'fieldSector', kind: 'fieldKind', type: 'fieldType', q: 'fieldQuery', bbox: 'fieldBbox',
  near: 'fieldNear', radiusKm: 'fieldRadiusKm', limit: 'fieldLimit', file: 'fieldFile'
};

/** The field a message is about: the answer's `parameter`, or the `name:` the message starts with. */
function fieldOf(err: ApiError): string | undefined {
  const raw = err.parameter ?? /^([\w/.]+):/.exec(err.message)?.[1];
  return raw?.split('/').filter(Boolean).at(-1);
}

/** The broken rule of an Ajv/TypeBox message ("must be >= 0.001") in words, or ''. */
function ruleOf(message: string, lang: Lang): string {
  const bound = /must be (>=|>|<=|<) (-?[\d.e+-]+)/.exec(message);
  if (bound) {
    const key = ({ '>=': 'errorRuleMin', '>': 'errorRuleMinExclusive', '<=': 'errorRuleMax', '<': 'errorRuleMaxExclusive' } as const)[bound[1] as '>=' | '>' | '<=' | '<'];
    return translate(lang, key, { n: Number(bound[2]).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') });
  }
  if (/must be integer/.test(message)) return translate(lang, 'errorRuleInteger');
  if (/must be number|finite/.test(message)) return translate(lang, 'errorRuleNumber');
  if (/must be equal to one of|must match|unknown/.test(message)) return translate(lang, 'errorRuleChoice');
  return '';
}

/** A friendly bilingual-dictionary sentence for any error thrown by `$lib/api`. */
export function friendlyError(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (err.status === 400 || err.status === 422) {
      const field = fieldOf(err);
      if (!field) return translate(lang, 'errorBadRequest');
      const name = FIELD_KEYS[field] ? translate(lang, FIELD_KEYS[field]) : translate(lang, 'fieldOther', { name: field });
      return translate(lang, 'errorBadField', { field: name, rule: ruleOf(err.message, lang) });
    }
    if (err.status === 401 || err.status === 403) return translate(lang, 'errorNoKey');
    if (err.status === 404) return translate(lang, 'errorNotFound');
    if (err.status === 429) return translate(lang, 'errorTooMany');
    return translate(lang, 'errorServer', { status: err.status });
  }
  if (err instanceof TypeError) return translate(lang, 'errorNetwork');
  return translate(lang, 'errorUnknown');
}
