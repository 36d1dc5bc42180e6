/** Strings of the compact legend (issue 13, screens round). */
export const screenFitDictionary = {
  legendSummary: { zh: '图例 · {n} 个图层', en: 'Legend · {n} layers' }
} as const;
