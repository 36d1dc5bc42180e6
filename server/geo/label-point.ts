import polylabel from 'polylabel';

type Area = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** The visual centre of an area (pole of inaccessibility of its largest part), where a label reads best. */
export function labelPoint(geometry: Area): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, p) => (ringArea(p[0]) > ringArea(best[0]) ? p : best));
  const [lon, lat] = polylabel(largest as [number, number][][], 0.0005);
  return [lon, lat];
}

function ringArea(ring: GeoJSON.Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(sum / 2);
}
