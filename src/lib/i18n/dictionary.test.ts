import { expect, test } from 'vitest';
import { dictionary, ORGANIZATION_TYPE_NAMES, PARK_KIND_NAMES } from './dictionary.ts';
import { translate } from './index.ts';

test('every user-facing string has a Chinese and an English text', () => {
  for (const [key, value] of Object.entries({ ...dictionary, ...PARK_KIND_NAMES, ...ORGANIZATION_TYPE_NAMES })) {
    expect(value.zh.trim(), `${key} (zh)`).not.toBe('');
    expect(value.en.trim(), `${key} (en)`).not.toBe('');
    expect(value.zh, `${key}: the zh text must not be the English one`).not.toBe(value.en);
  }
});

test('placeholders are filled in both languages', () => {
  expect(translate('zh', 'organizationsFound', { n: 12 })).toBe('共 12 家机构');
  expect(translate('en', 'organizationsFound', { n: 12 })).toBe('12 organisations');
});
