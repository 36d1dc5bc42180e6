/** Strings of the Hong Kong / Macau context layer: its legend, tooltip and card (issue 17). */
export const contextDictionary = {
  contextLayerName: { zh: '港澳参照（规划五市以外）', en: 'Hong Kong & Macau context (outside the plan)' },
  contextLegendNote: {
    zh: '参照信息，位于行动计划五市以外；不计入任何统计',
    en: "Context, outside the plan's five cities; never counted in any statistic"
  },
  contextLegendItem: { zh: '港澳高校与科学园', en: 'Hong Kong / Macau university or science park' },
  contextBadge: { zh: '参照，规划五市以外', en: "Context, outside the plan's five cities" },
  contextKindUniversity: { zh: '大学', en: 'University' },
  contextKindSciencePark: { zh: '科学园', en: 'Science park' },
  contextCardLabel: { zh: '港澳参照卡片', en: 'Context card' },
  contextPrecision: { zh: '位置精度约 {m} 米', en: 'Located within about {m} m' }
} as const;
