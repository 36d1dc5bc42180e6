/** What a suitability answer cannot tell, sent with every answer. */
export const SUITABILITY_CAVEATS = [
  {
    en: 'Organisation counts come from the curated dataset (about 80 real organisations, unevenly covered across cities) plus any imported registers; they show what the data holds, not the whole economy.',
    zh: '机构数来自整理的数据集（约 80 家真实机构，各城市覆盖不均）及导入的名录；反映的是数据所含内容，而非全部经济活动。'
  },
  {
    en: "Park locations carry their precision (precision_m, up to 15 km for a placeholder); a catchment inherits that uncertainty. A place made of whole districts (Foshan) is measured from its visual centre like a point.",
    zh: '园区位置带有精度（precision_m，占位点可达 15 公里），集聚范围继承这一不确定性。由整区组成的地点（佛山）与点状园区一样从其视觉中心量起。'
  },
  {
    en: 'Distances are straight lines (great circle), not travel times. Airports are all those in the catalog (CAN, SZX, HKG, MFM, ZUH, FUO); the catalog does not mark which are international.',
    zh: '距离为直线（大圆）距离，不是通行时间。机场为目录中的全部机场（CAN、SZX、HKG、MFM、ZUH、FUO），目录未标注是否为国际机场。'
  }
];
