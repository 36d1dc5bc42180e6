import KDBush from 'kdbush';
import type { FilterVocabulary } from '../schemas/filters.ts';
import type { OrganizationFeature } from '../schemas/places.ts';

/**
 * The organisations as columns, each on a SharedArrayBuffer: posting them to a worker thread shares
 * the memory instead of copying it, so a million organisations cost the analytics pool nothing to
 * hand over. Row i of every column is organisation i (shipped first, then each imported dataset).
 */
export interface OrganizationColumns {
  size: number;
  /** 32-bit words of sector bits per organisation. */
  sectorWords: number;
  lon: Float64Array;
  lat: Float64Array;
  /** Index into vocabulary.cities; 255 for a value outside it. */
  cityCode: Uint8Array;
  /** Index into vocabulary.types; 255 for a value outside it. */
  typeCode: Uint8Array;
  /** high_tech_enterprise: 1 true, 2 false, 0 unknown (most records: only a cited list may set it). */
  highTech: Uint8Array;
  /** 1 when the record was placed at an area's centre by its address (located_by = admin-area): it stands for an area, not a location. */
  areaPlaced: Uint8Array;
  /** precision_m: radius of uncertainty of the location, metres. */
  precisionM: Float32Array;
  /** Bit (code & 31) of word (code >> 5) of row i's words is set when it lists sector `code`. */
  sectorBits: Uint32Array;
  /** KDBush data over (lon, lat): tree item i is row i (`KDBush.from(tree)` in a worker). */
  tree: SharedArrayBuffer;
  /** Every row's id, UTF-8, one after another: row i is bytes idEnd[i − 1] (0 for the first row) to idEnd[i]. */
  idText: Uint8Array;
  idEnd: Uint32Array;
  vocabulary: FilterVocabulary;
}

/** An imported value outside the vocabulary gets this code, which no filter selects. */
export const UNKNOWN_CODE = 255;

/** A typed array of `length` elements on a SharedArrayBuffer (at least one element: a zero-length SAB cannot be posted everywhere). */
export const shared = <T>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T =>
  new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));

/** Empty columns for `n` rows (ids and tree still to come). */
export function emptyColumns(n: number, vocabulary: FilterVocabulary): OrganizationColumns {
  const sectorWords = Math.max(1, Math.ceil(vocabulary.sectors.length / 32));
  return {
    size: n,
    sectorWords,
    lon: shared(Float64Array, n),
    lat: shared(Float64Array, n),
    cityCode: shared(Uint8Array, n),
    typeCode: shared(Uint8Array, n),
    highTech: shared(Uint8Array, n),
    areaPlaced: shared(Uint8Array, n),
    precisionM: shared(Float32Array, n),
    sectorBits: shared(Uint32Array, n * sectorWords),
    tree: new SharedArrayBuffer(0),
    idText: shared(Uint8Array, 0),
    idEnd: shared(Uint32Array, n),
    vocabulary
  };
}

/** Columns of `features` over the filter vocabulary, without the KD-tree (see `withTree`). */
export function columnsOf(features: readonly OrganizationFeature[], vocabulary: FilterVocabulary): OrganizationColumns {
  const n = features.length;
  const cities = new Map(vocabulary.cities.map((c, i) => [c, i]));
  const types = new Map(vocabulary.types.map((t, i) => [t, i]));
  const sectors = new Map(vocabulary.sectors.map((s, i) => [s, i]));
  const columns = { ...emptyColumns(n, vocabulary), ...stringTableOf(features.map((f) => f.properties.id), 'id') };
  const { sectorWords } = columns;
  for (let i = 0; i < n; i++) {
    const { geometry, properties: p } = features[i];
    columns.lon[i] = geometry.coordinates[0];
    columns.lat[i] = geometry.coordinates[1];
    columns.cityCode[i] = cities.get(p.city) ?? UNKNOWN_CODE;
    columns.typeCode[i] = types.get(p.type) ?? UNKNOWN_CODE;
    columns.highTech[i] = p.high_tech_enterprise === true ? 1 : p.high_tech_enterprise === false ? 2 : 0;
    columns.areaPlaced[i] = p.located_by === 'admin-area' ? 1 : 0;
    columns.precisionM[i] = p.precision_m;
    for (const s of p.sectors) {
      const code = sectors.get(s);
      if (code !== undefined) columns.sectorBits[i * sectorWords + (code >> 5)] |= 1 << (code & 31);
    }
  }
  return columns;
}

/** The same columns with a KD-tree over (lon, lat) built in. */
export function withTree(columns: OrganizationColumns): OrganizationColumns {
  const n = columns.size;
  const tree = new KDBush(Math.max(n, 1), 64, Float64Array, SharedArrayBuffer);
  for (let i = 0; i < n; i++) tree.add(columns.lon[i], columns.lat[i]);
  // KDBush cannot finish an empty tree; a far-away dummy keeps the empty case uniform (range() never reaches it).
  if (n === 0) tree.add(1e9, 1e9);
  tree.finish();
  return { ...columns, tree: tree.data as SharedArrayBuffer };
}

/** Builds the columns (and the KD-tree) of `features` over the filter vocabulary. */
export function organizationColumns(features: readonly OrganizationFeature[], vocabulary: FilterVocabulary): OrganizationColumns {
  return withTree(columnsOf(features, vocabulary));
}

/** Strings as one shared UTF-8 table: string i is bytes `end[i − 1]` (0 for the first) to `end[i]` of `text`. */
export interface StringTable {
  text: Uint8Array;
  end: Uint32Array;
}

/** `strings` as a shared string table; `as: 'id'` names the parts idText/idEnd (the columns' id table). */
export function stringTableOf(strings: readonly string[], as: 'id'): Pick<OrganizationColumns, 'idText' | 'idEnd'>;
export function stringTableOf(strings: readonly string[]): StringTable;
export function stringTableOf(strings: readonly string[], as?: 'id'): StringTable | Pick<OrganizationColumns, 'idText' | 'idEnd'> {
  const end = shared(Uint32Array, strings.length);
  let bytes = 0;
  for (let i = 0; i < strings.length; i++) end[i] = bytes += Buffer.byteLength(strings[i]);
  const text = shared(Uint8Array, bytes);
  const writer = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  for (let i = 0; i < strings.length; i++) writer.write(strings[i], i === 0 ? 0 : end[i - 1]);
  return as === 'id' ? { idText: text, idEnd: end } : { text, end };
}

/** String `i` of a string table. */
export function stringAt(text: Uint8Array, end: Uint32Array, i: number): string {
  const from = i === 0 ? 0 : end[i - 1];
  return Buffer.from(text.buffer, text.byteOffset + from, end[i] - from).toString('utf8');
}

/** The id of row `i`, read from the string table. */
export function idOfRow(columns: OrganizationColumns, i: number): string {
  return stringAt(columns.idText, columns.idEnd, i);
}

/** The sector ids row `i` lists, in vocabulary order. */
export function sectorsOfRow(columns: OrganizationColumns, i: number): string[] {
  const out: string[] = [];
  for (let w = 0; w < columns.sectorWords; w++) {
    let bits = columns.sectorBits[i * columns.sectorWords + w];
    while (bits !== 0) {
      const bit = 31 - Math.clz32(bits & -bits);
      out.push(columns.vocabulary.sectors[w * 32 + bit]);
      bits &= bits - 1;
    }
  }
  return out;
}
