import Papa from 'papaparse';
import { expect, test } from 'vitest';
import type { OrganizationFeature } from '$lib/api/client';
import { organizationsCsv } from './organizations.ts';

const tencent = {
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [113.9355, 22.5225] },
  properties: { id: 'tencent', name_zh: '腾讯', name_en: 'Tencent', type: 'firm', city: 'shenzhen', district: '南山区', sectors: ['medical-ai', 'voice-nlp'], precision_m: 500, source: 'curator', source_date: '2026-11-25' }
} as OrganizationFeature;
const names = (lang: 'zh' | 'en') => ({
  lang,
  cityName: (id: string) => ({ shenzhen: lang === 'zh' ? '深圳市' : 'Shenzhen' })[id] ?? id,
  sectorName: (id: string) => ({ 'medical-ai': lang === 'zh' ? '医疗人工智能' : 'Medical AI', 'voice-nlp': lang === 'zh' ? '智能语音' : 'Voice' })[id] ?? id
});
const rows = (csv: string) => Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;

test('the Chinese export writes names where a reader expects them, with the codes in extra columns', () => {
  const [row] = rows(organizationsCsv([tencent], names('zh')));
  expect(row).toMatchObject({ 名称: '腾讯', 类型: '企业', 城市: '深圳市', 产业方向: '医疗人工智能; 智能语音' });
  expect(row).toMatchObject({ id: 'tencent', type: 'firm', city: 'shenzhen', sectors: 'medical-ai; voice-nlp', name_zh: '腾讯', name_en: 'Tencent' });
});

test('the English export has English headings and names', () => {
  const [row] = rows(organizationsCsv([tencent], names('en')));
  expect(row).toMatchObject({ Name: 'Tencent', 'Chinese name': '腾讯', Type: 'Firm', City: 'Shenzhen', Sectors: 'Medical AI; Voice' });
});
