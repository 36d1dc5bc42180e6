import { BASEMAP_LAYER_DESCRIPTIONS, PARK_LAYER_DESCRIPTIONS } from './layers.ts';
import { ORGANIZATION_LAYER, ORGANIZATION_LAYER_DESCRIPTIONS } from './organization-tiles.ts';

/** The tileset that carries every layer of the map in one tile, as the static PMTiles export stores it. */
export const ATLAS_TILESET = 'atlas';

/** The tilesets merged into each atlas tile, in this order; their MVT layer names are all distinct. */
export const ATLAS_MEMBERS = ['basemap', 'parks', ORGANIZATION_LAYER] as const;

/** Deepest zoom the atlas is published at; MapLibre overzooms past it, as it does for basemap and parks. */
export const ATLAS_MAX_ZOOM = 14;

export const ATLAS_LAYER_DESCRIPTIONS = [...BASEMAP_LAYER_DESCRIPTIONS, ...PARK_LAYER_DESCRIPTIONS, ...ORGANIZATION_LAYER_DESCRIPTIONS];

/**
 * One MVT holding the layers of all `parts`, or null when every part is empty.
 * An MVT `Tile` message has a single field, `repeated Layer layers = 3`, and protobuf merges
 * concatenated messages by appending repeated fields, so the byte concatenation of encoded
 * tiles is the encoded tile of their layers together: no decoding or re-encoding is needed.
 */
export function concatenateTiles(parts: readonly (Uint8Array | null | undefined)[]): Uint8Array | null {
  const present = parts.filter((p): p is Uint8Array => !!p && p.byteLength > 0);
  if (present.length === 0) return null;
  return Buffer.concat(present);
}
