/** Every user-facing string, in both languages. Keys read as what the string is for. */
export const dictionary = {
  appTitle: { zh: '人工智能集群地图', en: 'Cluster Atlas' },
  appSubtitle: { zh: '广东省新一代人工智能创新发展行动计划（2018–2020）', en: 'Guangdong New-Generation AI Action Plan 2018–2020' },
  language: { zh: '语言', en: 'Language' },
  switchLanguage: { zh: 'English', en: '中文' },
  switchLanguageLabel: { zh: 'Switch to English', en: '切换到中文' },
  placesOfPlan: { zh: '行动计划中的 12 个集聚区', en: 'The 12 places named in the plan' },
  city: { zh: '城市', en: 'City' },
  district: { zh: '区', en: 'District' },
  kind: { zh: '类型', en: 'Kind' },
  sectors: { zh: '产业方向', en: 'Sectors' },
  aim: { zh: '行动计划要求', en: "The plan's aim" },
  precision: { zh: '位置精度', en: 'Location precision' },
  precisionValue: { zh: '约 {m} 米以内', en: 'within about {m} m' },
  wholeDistricts: { zh: '整区边界', en: 'whole district boundaries' },
  source: { zh: '来源', en: 'Source' },
  locationNote: { zh: '定位说明', en: 'How it was located' },
  close: { zh: '关闭', en: 'Close' },
  legend: { zh: '图例', en: 'Legend' },
  loadingMap: { zh: '地图加载中…', en: 'Loading map…' },
  loadFailed: { zh: '数据加载失败：{message}', en: 'Could not load data: {message}' },
  focusCity: { zh: '重点城市', en: 'Focus city' },
  contextCity: { zh: '周边城市', en: 'Neighbouring city' },
  attributionNote: { zh: '位置为近似值，详见精度说明', en: 'Locations are approximate; see each precision' }
} as const;

export type MessageKey = keyof typeof dictionary;
export type Lang = 'zh' | 'en';

export const PARK_KIND_NAMES: Record<string, { zh: string; en: string }> = {
  'value-innovation-park': { zh: '价值创新园', en: 'Value innovation park' },
  'science-city': { zh: '科学城', en: 'Science city' },
  'knowledge-city': { zh: '知识城', en: 'Knowledge city' },
  'tech-park': { zh: '科技园', en: 'Technology park' },
  'high-tech-zone': { zh: '高新区', en: 'High-tech zone' },
  'new-area': { zh: '新区', en: 'New area' },
  'test-field': { zh: '测试场', en: 'Test field' },
  'industry-park': { zh: '产业园', en: 'Industry park' },
  'innovation-cluster': { zh: '创新集聚区', en: 'Innovation cluster' }
};
