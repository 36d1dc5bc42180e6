/** Strings of the context layer (Hong Kong / Macau places and the cooperation zones): its legend, tooltip and card (issue 17). */
export const contextDictionary = {
  contextLayerName: { zh: '港澳参照与合作区（不计入统计）', en: 'Hong Kong & Macau context, cooperation zones (not counted)' },
  contextLegendNote: {
    zh: '参照信息：港澳高校与科学园位于行动计划五市以外；合作区位于五市之内，但并非机构。均不计入任何统计',
    en: "Context: Hong Kong / Macau places lie outside the plan's five cities; the cooperation zones lie inside them but are not organisations. Never counted in any statistic"
  },
  contextLegendItem: { zh: '港澳高校与科学园', en: 'Hong Kong / Macau university or science park' },
  contextLegendZone: { zh: '粤港澳合作区（南沙为全区范围）', en: 'Cooperation zone with Hong Kong / Macau (Nansha: its whole district)' },
  contextBadge: { zh: '参照，规划五市以外', en: "Context, outside the plan's five cities" },
  contextZoneBadge: { zh: '合作区参照，位于{city}；并非机构，不计入任何统计', en: 'Cooperation zone in {city}: context, not an organisation, never counted in any statistic' },
  contextKindUniversity: { zh: '大学', en: 'University' },
  contextKindSciencePark: { zh: '科学园', en: 'Science park' },
  contextKindCooperationZone: { zh: '合作区', en: 'Cooperation zone' },
  contextCardLabel: { zh: '港澳参照卡片', en: 'Context card' },
  contextPrecision: { zh: '位置精度约 {m} 米', en: 'Located within about {m} m' },
  contextAreaOutline: { zh: '范围：所在区全域轮廓', en: 'Extent: the outline of its whole district' },
  contextZonePlan: { zh: '依据：{plan}（{year}年）', en: 'Set by: {plan} ({year})' },
  contextZoneArea: { zh: '面积约 {km2} 平方公里', en: 'About {km2} km²' },
  contextAiActivity: { zh: '人工智能：{text}', en: 'AI: {text}' }
} as const;
