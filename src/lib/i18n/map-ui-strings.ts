/** MapLibre's own control labels and the scale names of the server's precision warnings, in both languages (issue 13). */
export const mapUiDictionary = {
  mapTitle: { zh: '地图', en: 'Map' },
  mapZoomIn: { zh: '放大', en: 'Zoom in' },
  mapZoomOut: { zh: '缩小', en: 'Zoom out' },
  mapResetBearing: { zh: '拖动可旋转地图，点击恢复正北', en: 'Drag to rotate map, click to reset north' },
  mapCloseTooltip: { zh: '关闭弹出框', en: 'Close popup' },
  scaleEps: { zh: '邻域半径 eps', en: 'neighbourhood eps' },
  scaleBandwidth: { zh: '核密度带宽', en: 'kernel bandwidth' },
  scaleHexagonEdge: { zh: '六边形边长', en: 'hexagon edge' },
  scaleNearestNeighbour: { zh: '观测平均最近邻距离', en: 'observed mean nearest-neighbour distance' }
} as const;
