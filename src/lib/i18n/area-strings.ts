/** Strings of the address search and the district choropleth (issue 15). */
export const areaDictionary = {
  importPlacedByArea: {
    zh: '按地址定位：镇街 {town} 行、区 {district} 行、市 {city} 行（无坐标，置于该区域中心，精度为区域半径）；按坐标 {point} 行',
    en: 'Placed by address: {town} to a town, {district} to a district, {city} to a city (no coordinates: at the area’s centre, precision = its radius); {point} by coordinates'
  },
  placedByAreaBadge: { zh: '（按地址定位：{area}，±{km} 公里）', en: '(placed by address: {area}, ±{km} km)' },
  areaSearchTitle: { zh: '按地址定位', en: 'Find an address or area' },
  areaSearchLabel: { zh: '地址或区域名称', en: 'Address or area name' },
  areaSearchPlaceholder: { zh: '如 南山区粤海街道、松山湖', en: 'e.g. 南山区粤海街道, 松山湖' },
  areaSearchGo: { zh: '定位', en: 'Go' },
  areaSearchFound: { zh: '{name}（{level}），以{placed}的轮廓表示', en: '{name} ({level}), shown by the outline of {placed}' },
  areaSetNear: { zh: '设为“距某点范围”筛选（{km} 公里）', en: 'Use as the "near" filter ({km} km)' },
  areaLevelCity: { zh: '市', en: 'city' },
  areaLevelDistrict: { zh: '区', en: 'district' },
  areaLevelTown: { zh: '镇街', en: 'town / subdistrict' },
  choroplethTitle: { zh: '分区统计图', en: 'District choropleth' },
  choroplethShow: { zh: '显示各区机构分级着色', en: 'Shade districts by organisations' },
  choroplethMeasure: { zh: '指标', en: 'Measure' },
  measureCount: { zh: '机构数', en: 'Organisations' },
  measurePerKm2: { zh: '每平方公里机构数', en: 'Organisations per km²' },
  measureLq: { zh: '区位商', en: 'Location quotient' },
  choroplethSector: { zh: '区位商的产业', en: 'Sector for the location quotient' },
  choroplethMethod: { zh: '分级方法', en: 'Classes' },
  methodCkmeans: { zh: '自然断点（ckmeans）', en: 'Natural breaks (ckmeans)' },
  methodQuantile: { zh: '分位数', en: 'Quantiles' },
  choroplethNoData: { zh: '无数据', en: 'No data' },
  choroplethAreaPlaced: { zh: '其中 {n} 家按地址定位到该区（不显示为点）', en: '{n} of them placed here by address (not drawn as points)' },
  choroplethCityOnly: { zh: '另有 {n} 家地址只写到市，未计入任何区', en: '{n} more name only a city and count in no district' },
  choroplethPopup: { zh: '{name}：{count} 家机构，{density} 家/km²', en: '{name}: {count} organisations, {density} per km²' }
} as const;
