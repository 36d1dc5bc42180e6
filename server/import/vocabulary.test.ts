import { expect, test } from 'vitest';
import { cityResolver, organizationType, sectorResolver } from './vocabulary.ts';

const cityOf = cityResolver([
  { id: 'guangzhou', code: '440100', name_zh: '广州市', name_en: 'Guangzhou' },
  { id: 'hongkong', code: '810000', name_zh: '香港', name_en: 'Hong Kong' },
  { id: 'macau', code: '820000', name_zh: '澳门', name_en: 'Macau' }
]);

test.each(['广州市', '广州', 'Guangzhou', 'GUANGZHOU ', 'guangzhou', '440100', 'Ｇｕａｎｇｚｈｏｕ'])('"%s" is Guangzhou', (value) => {
  expect(cityOf(value)).toBe('guangzhou');
});

test.each([['香港特别行政区', 'hongkong'], ['hong kong', 'hongkong'], ['澳門', 'macau'], ['Macao', 'macau']])('"%s" is %s', (value, id) => {
  expect(cityOf(value)).toBe(id);
});

test.each(['北京', '广', '市', 'Guangzhou City Hall', ''])('"%s" is unknown rather than guessed', (value) => {
  expect(cityOf(value)).toBeUndefined();
});

test('sectors are found by id, Chinese or English name', () => {
  const sectorOf = sectorResolver([{ id: 'ai-chips', name_zh: '人工智能芯片', name_en: 'AI chips' }]);
  expect(['ai-chips', '人工智能芯片', 'ai chips'].map(sectorOf)).toEqual(['ai-chips', 'ai-chips', 'ai-chips']);
  expect(sectorOf('芯片')).toBeUndefined();
});

test('organisation types read Chinese and English words', () => {
  expect(['企业', '大学', 'Laboratory', '研究院', '平台', '协会'].map(organizationType)).toEqual(['firm', 'university', 'lab', 'institute', 'platform', undefined]);
});
