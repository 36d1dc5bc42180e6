/** Analytic layers: computed by the server's /api/analytics/* for the current selection, drawn by deck.gl. */
import { getAnalytics, type Clusters, type Density, type Ellipses } from '$lib/api/analytics';
import { organizationQuery } from '$lib/api/query';
import type { DeckContext, DeckLayerDefinition, LegendItem, NameContext } from '../layer-registry.ts';
import { categoryColor, cssColor, HEX_RAMP, KERNEL_RAMP, rampColor } from '../palette.ts';

const pct = (share: unknown) => `${((share as number) * 100).toFixed(1)}%`;

type Props<T> = { properties: T };
type ClusterProps = Clusters['clusters']['features'][number]['properties'];
type EllipseProps = Ellipses['features'][number]['properties'];

const density = {
  key: 'density',
  load: (filters, params, options) => getAnalytics('density', organizationQuery(filters, { edgeKm: params.hexEdgeKm }), options)
} satisfies DeckLayerDefinition['data'];

/** Labels at given points in the page's font (deck.gl draws them from the browser's fonts, no glyph files). */
function labels<T>(id: string, ctx: DeckContext, data: T[], at: (d: T) => [number, number], text: (d: T) => string) {
  return new ctx.deck.TextLayer<T>({
    id: `${id}:labels`, beforeId: ctx.beforeId, data, getPosition: at, getText: text,
    characterSet: 'auto', fontFamily: ctx.fontFamily, fontWeight: 600, getSize: 13, sizeUnits: 'pixels',
    getColor: [31, 26, 20, Math.round(255 * ctx.alpha)], outlineWidth: 3, outlineColor: [255, 255, 255, Math.round(230 * ctx.alpha)],
    fontSettings: { sdf: true }, getTextAnchor: 'middle', getAlignmentBaseline: 'center',
    // Overlapping names hide each other (the first in the data wins) instead of piling up unreadably.
    extensions: [new ctx.deck.CollisionFilterExtension()], collisionGroup: id, getCollisionPriority: (_: T, { index }: { index: number }) => -index,
    updateTriggers: { getColor: [ctx.alpha], getText: [ctx.names.lang] }
  } as never);
}

/** Ellipses named on the map, the largest first. */
const MAX_ELLIPSE_LABELS = 6;

/** The northernmost vertex of a polygon's outer ring. */
function northernTip(polygon: GeoJSON.Polygon): [number, number] {
  return polygon.coordinates[0].reduce((top, c) => (c[1] > top[1] ? c : top)) as [number, number];
}

const ellipseGroupName = (p: EllipseProps, names: NameContext) => (p.group_by === 'city' ? names.cityName(p.group) : names.sectorName(p.group));

export const ANALYTIC_LAYERS: DeckLayerDefinition[] = [
  {
    id: 'hexagons',
    group: 'analysis',
    engine: 'deck',
    name: { zh: '六边形密度', en: 'Hexagon density' },
    defaultVisible: false,
    legend: {
      kind: 'ramp',
      units: { zh: '每个六边形内的机构数（家）', en: 'Organisations per hexagon (count)' },
      note: { zh: '立体显示时高度与颜色同为机构数', en: 'In 3D, height shows the same count' },
      colors: HEX_RAMP,
      domain: (d) => {
        const cells = (d as Density | undefined)?.hexagons.cells.features ?? [];
        return cells.length ? [1, Math.max(...cells.map((f) => f.properties.count))] : null;
      }
    },
    tooltip: (o, { lang }) => (lang === 'zh' ? `${o.count} 家机构（占 ${pct(o.share)}）` : `${o.count} organisations (${pct(o.share)})`),
    data: density,
    deckLayers: (data, ctx) => {
      const cells = (data as Density | undefined)?.hexagons.cells.features ?? [];
      const max = Math.max(1, ...cells.map((f) => f.properties.count));
      const extruded = ctx.params.extruded;
      return [
        new ctx.deck.GeoJsonLayer({
          id: 'hexagons', beforeId: ctx.beforeId, data: { type: 'FeatureCollection', features: cells } as never,
          pickable: true, stroked: !extruded, filled: true, extruded, wireframe: false,
          // Opaque in 3D so deck.gl's lighting shades the sides by height instead of blending them into mud.
          material: { ambient: 0.45, diffuse: 0.6, shininess: 24, specularColor: [255, 255, 255] },
          getElevation: (f: Props<{ count: number }>) => (f.properties.count / max) * 8000,
          getFillColor: (f: Props<{ count: number }>) => rampColor(HEX_RAMP, f.properties.count - 1, max, (extruded ? 1 : 0.8) * ctx.alpha),
          getLineColor: [177, 0, 38, Math.round(180 * ctx.alpha)], lineWidthMinPixels: 1,
          updateTriggers: { getFillColor: [max, ctx.alpha, extruded], getElevation: [max], getLineColor: [ctx.alpha] }
        })
      ];
    }
  },
  {
    id: 'heat',
    group: 'analysis',
    engine: 'deck',
    name: { zh: '核密度', en: 'Kernel density' },
    defaultVisible: false,
    legend: {
      kind: 'ramp',
      units: { zh: '核密度（家/平方公里，3 公里带宽）', en: 'Kernel density (organisations per km², 3 km bandwidth)' },
      colors: KERNEL_RAMP,
      digits: 2,
      domain: (d) => {
        const bands = (d as Density | undefined)?.kernel.bands.features ?? [];
        return bands.length ? [0, Math.max(...bands.map((f) => f.properties.upper_per_km2))] : null;
      }
    },
    tooltip: (o, { lang }) => `${(o.lower_per_km2 as number).toFixed(2)}–${(o.upper_per_km2 as number).toFixed(2)} ${lang === 'zh' ? '家/平方公里' : 'per km²'}`,
    data: density,
    deckLayers: (data, ctx) => {
      const bands = (data as Density | undefined)?.kernel.bands.features ?? [];
      const max = Math.max(1e-9, ...bands.map((f) => f.properties.upper_per_km2));
      return [
        new ctx.deck.GeoJsonLayer({
          id: 'heat', beforeId: ctx.beforeId, data: { type: 'FeatureCollection', features: bands } as never,
          pickable: true, stroked: true, filled: true,
          getFillColor: (f: Props<{ upper_per_km2: number }>) => rampColor(KERNEL_RAMP, f.properties.upper_per_km2 * 0.999, max, 0.78 * ctx.alpha),
          getLineColor: [12, 44, 132, Math.round(120 * ctx.alpha)], lineWidthMinPixels: 0.5,
          updateTriggers: { getFillColor: [max, ctx.alpha], getLineColor: [ctx.alpha] }
        })
      ];
    }
  },
  {
    id: 'clusters',
    group: 'analysis',
    engine: 'deck',
    name: { zh: 'DBSCAN 集群', en: 'DBSCAN clusters' },
    defaultVisible: false,
    legend: {
      kind: 'swatches',
      note: { zh: '凸包；颜色按集群所在城市，标注为编号与成员数', en: 'Convex hulls coloured by city, labelled with number and member count' },
      items: (d, names): LegendItem[] => {
        const cities = [...new Set((d as Clusters | undefined)?.clusters.features.map((f) => f.properties.city) ?? [])].sort();
        return cities.map((c) => ({ color: cssColor(categoryColor(c, cities)), label: names.cityName(c), shape: 'box' }));
      }
    },
    tooltip: (o, { lang, cityName }) =>
      lang === 'zh'
        ? `集群 ${o.id} · ${cityName(String(o.city))} · ${o.member_count} 家 · ${(o.area_km2 as number).toFixed(1)} 平方公里`
        : `Cluster ${o.id} · ${cityName(String(o.city))} · ${o.member_count} orgs · ${(o.area_km2 as number).toFixed(1)} km²`,
    data: {
      key: 'clusters',
      load: (filters, params, options) => getAnalytics('clusters', organizationQuery(filters, { epsKm: params.epsKm, minPoints: params.minPoints }), options)
    },
    deckLayers: (data, ctx) => {
      const features = (data as Clusters | undefined)?.clusters.features ?? [];
      const cities = features.map((f) => f.properties.city);
      const color = (p: ClusterProps, a: number) => categoryColor(p.city, cities, a * ctx.alpha);
      return [
        new ctx.deck.GeoJsonLayer({
          id: 'clusters', beforeId: ctx.beforeId, data: { type: 'FeatureCollection', features } as never,
          pickable: true, stroked: true, filled: true, pointType: 'circle',
          getFillColor: (f: Props<ClusterProps>) => color(f.properties, 0.28), getLineColor: (f: Props<ClusterProps>) => color(f.properties, 1),
          lineWidthMinPixels: 2.5, getPointRadius: 400, pointRadiusMinPixels: 8,
          updateTriggers: { getFillColor: [ctx.alpha, cities.join()], getLineColor: [ctx.alpha, cities.join()] }
        }),
        labels(`clusters`, ctx, features, (f) => f.properties.centre as [number, number], (f) => `#${f.properties.id} · ${f.properties.member_count}`)
      ];
    }
  },
  {
    id: 'ellipses',
    group: 'analysis',
    engine: 'deck',
    name: { zh: '标准差椭圆', en: 'Standard deviational ellipses' },
    defaultVisible: false,
    legend: {
      kind: 'swatches',
      note: { zh: '一倍标准差范围：方向与离散程度', en: 'One standard deviation: direction and spread' },
      items: (d, names): LegendItem[] => {
        const props = ((d as Ellipses | undefined)?.features ?? []).filter((f) => f.geometry).map((f) => f.properties);
        const keys = props.map((p) => p.group);
        return props.map((p) => ({ color: cssColor(categoryColor(p.group, keys)), label: `${ellipseGroupName(p, names)} (${p.n})`, shape: 'ring' }));
      }
    },
    tooltip: (o, names) =>
      `${ellipseGroupName(o as unknown as EllipseProps, names)} · n = ${o.n} · ${(o.major_axis_km as number).toFixed(1)} × ${(o.minor_axis_km as number).toFixed(1)} km`,
    data: {
      key: 'ellipse',
      load: (filters, params, options) => getAnalytics('ellipse', organizationQuery(filters, { groupBy: params.ellipseBy }), options)
    },
    deckLayers: (data, ctx) => {
      const features = ((data as Ellipses | undefined)?.features ?? []).filter((f) => f.geometry);
      const keys = features.map((f) => f.properties.group);
      return [
        new ctx.deck.GeoJsonLayer({
          id: 'ellipses', beforeId: ctx.beforeId, data: { type: 'FeatureCollection', features } as never,
          // Outlines only: a dozen overlapping tinted ellipses turn the region into one muddy blot.
          pickable: true, stroked: true, filled: false,
          getLineColor: (f: Props<EllipseProps>) => categoryColor(f.properties.group, keys, ctx.alpha), lineWidthMinPixels: 2.5,
          updateTriggers: { getLineColor: [ctx.alpha, keys.join()] }
        }),
        // Ellipses of one selection share nearly one centre: each name sits on its own ellipse's northern tip instead.
        // …and only the largest groups are named on the map (the legend names every colour), so names stay legible.
        labels('ellipses', ctx, [...features].sort((a, b) => b.properties.n - a.properties.n).slice(0, MAX_ELLIPSE_LABELS), (f) => northernTip(f.geometry as GeoJSON.Polygon), (f) => ellipseGroupName(f.properties, ctx.names))
      ];
    }
  }
];
