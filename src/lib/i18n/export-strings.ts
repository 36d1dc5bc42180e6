/** Column headings of the CSV exports, in the interface language (code columns keep stable English keys). */
export const exportDictionary = {
  csvName: { zh: '名称', en: 'Name' },
  csvOtherName: { zh: '英文名', en: 'Chinese name' },
  csvType: { zh: '类型', en: 'Type' },
  csvKind: { zh: '园区类型', en: 'Kind' },
  csvCity: { zh: '城市', en: 'City' },
  csvDistrict: { zh: '区', en: 'District' },
  csvSectors: { zh: '产业方向', en: 'Sectors' },
  csvLon: { zh: '经度', en: 'Longitude' },
  csvLat: { zh: '纬度', en: 'Latitude' },
  csvPrecision: { zh: '位置精度（米）', en: 'Location precision (m)' },
  csvSource: { zh: '来源', en: 'Source' },
  csvSourceDate: { zh: '资料日期', en: 'Source date' },
  csvOrgsNearby: { zh: '园区内及周边机构数', en: 'Organisations inside or nearby' },
  csvCatchment: { zh: '统计范围', en: 'Counted within' },
  csvCatchmentInside: { zh: '园区范围内', en: 'inside the place' },
  csvCatchmentRadius: { zh: '{km} 公里内', en: 'within {km} km' },
  csvAirport: { zh: '最近机场', en: 'Nearest airport' },
  csvAirportKm: { zh: '距机场（公里）', en: 'Airport distance (km)' },
  csvPort: { zh: '最近集装箱港口', en: 'Nearest container port' },
  csvPortKm: { zh: '距港口（公里）', en: 'Port distance (km)' }
} as const;
