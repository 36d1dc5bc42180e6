import vtpbf from 'vt-pbf';
import type { OrganizationIndex } from '../catalog/organization-index.ts';
import { featureOfRow } from '../catalog/organization-table.ts';
import { POINT_GRID_DEFAULTS, type GridFeature } from './point-grid.ts';

export const ORGANIZATION_LAYER = 'organizations';

/** Same short form as supercluster's `point_count_abbreviated`: 950, 1.2k, 35k. */
export function abbreviatedCount(count: number): string | number {
  if (count >= 10000) return `${Math.round(count / 1000)}k`;
  if (count >= 1000) return `${Math.round(count / 100) / 10}k`;
  return count;
}

/** The MVT tile of a tile's grid features (see OrganizationGrids), clustered at low zooms; null when there are none. */
export function encodeOrganizationTile(found: readonly GridFeature[], index: OrganizationIndex, extent: number = POINT_GRID_DEFAULTS.extent): Uint8Array | null {
  if (found.length === 0) return null;
  const features = found.map((f) => {
    let tags: Record<string, string | number | boolean>;
    if (f.count > 1) {
      tags = { cluster: true, point_count: f.count, point_count_abbreviated: abbreviatedCount(f.count) };
    } else {
      const p = featureOfRow(index.table, f.id).properties;
      tags = { id: p.id, name_zh: p.name_zh, name_en: p.name_en, type: p.type, city: p.city, sectors: p.sectors.join(','), point_count: 1 };
    }
    return { type: 1 as const, geometry: [[f.x, f.y]], tags };
  });
  return vtpbf.fromGeojsonVt({ [ORGANIZATION_LAYER]: { features } } as never, { version: 2, extent });
}

export const ORGANIZATION_LAYER_DESCRIPTIONS = [
  {
    id: ORGANIZATION_LAYER,
    description:
      'Organisations passing the query filters; up to z14 points sharing a grid cell merge into a cluster (cluster=true, point_count, point_count_abbreviated)',
    fields: {
      id: 'String',
      name_zh: 'String',
      name_en: 'String',
      type: 'String',
      city: 'String',
      sectors: 'String (comma list)',
      cluster: 'Boolean',
      point_count: 'Number',
      point_count_abbreviated: 'String'
    }
  }
];
