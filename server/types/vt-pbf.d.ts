declare module 'vt-pbf' {
  import type { Tile } from 'geojson-vt';
  interface Options {
    version?: number;
    extent?: number;
  }
  const vtpbf: {
    fromGeojsonVt(layers: Record<string, Tile>, options?: Options): Uint8Array;
  };
  export default vtpbf;
}
