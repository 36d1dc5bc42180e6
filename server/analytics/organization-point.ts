/**
 * What the analytics read of one organisation: where it is, its city, type and sectors, and whether
 * it is a high-tech enterprise (null: unknown). An OrganizationFeature is one; a worker makes light ones from the columns.
 */
export interface OrganizationPoint {
  geometry: { coordinates: GeoJSON.Position };
  properties: { city: string; type?: string; sectors: readonly string[]; high_tech_enterprise?: boolean | null };
}
