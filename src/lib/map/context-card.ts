/**
 * The card of a context record: a click on one opens it, saying in the interface language that the place is context
 * (a Hong Kong / Macau place outside the plan's five cities, or a cooperation zone inside one of them; in no statistic
 * either way), with its kind, its AI activity or the plan that set the zone, precision and source.
 */
import maplibregl, { type Map as MapLibreMap } from 'maplibre-gl';
import { translate } from '$lib/i18n';
import type { NameContext } from './layer-registry.ts';
import { contextBadge, contextKindName } from './layers/context.ts';

/** The circle layers of context points: cooperation-zone markers, and the Hong Kong / Macau rings drawn over them. */
export const CONTEXT_POINT_LAYERS = ['context-zone-point', 'context-point'];

/** The card's content for one context point's tile properties. */
export function contextCardContent(p: Record<string, unknown>, names: NameContext): HTMLElement {
  const { lang } = names;
  const card = document.createElement('section');
  card.className = 'context-card';
  card.setAttribute('aria-label', translate(lang, 'contextCardLabel'));
  const add = (tag: string, text: string, className?: string) => {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    card.append(el);
  };
  add('strong', String(lang === 'zh' ? p.name_zh : p.name_en));
  const city = names.cityName(String(p.city));
  add('p', contextBadge(p.kind, city, lang), 'context-badge');
  add('p', `${contextKindName(p.kind, lang)} · ${city}`);
  const plan = lang === 'zh' ? p.zone_plan_zh : p.zone_plan_en;
  if (typeof plan === 'string') add('p', translate(lang, 'contextZonePlan', { plan, year: String(p.zone_plan_year ?? '') }));
  if (typeof p.area_km2 === 'number') add('p', translate(lang, 'contextZoneArea', { km2: p.area_km2 }));
  const activity = lang === 'zh' ? p.ai_activity_zh : p.ai_activity;
  if (typeof activity === 'string') add('p', translate(lang, 'contextAiActivity', { text: activity }));
  if (p.geometry_kind === 'districts') add('p', translate(lang, 'contextAreaOutline'));
  else if (typeof p.precision_m === 'number') add('p', translate(lang, 'contextPrecision', { m: p.precision_m }));
  if (typeof p.source === 'string') add('p', `${translate(lang, 'source')}: ${p.source}`, 'context-source');
  return card;
}

/** Opens the card on a click on a visible context point. */
export function attachContextCard(map: MapLibreMap, names: () => NameContext): void {
  const popup = new maplibregl.Popup({ closeButton: true, offset: 10, className: 'atlas-context-card', maxWidth: '300px' });
  map.on('click', CONTEXT_POINT_LAYERS, (e) => {
    const hit = e.features?.[0];
    if (!hit) return;
    popup
      .setLngLat((hit.geometry as GeoJSON.Point).coordinates as [number, number])
      .setDOMContent(contextCardContent(hit.properties ?? {}, names()))
      .addTo(map);
  });
  map.on('mouseenter', CONTEXT_POINT_LAYERS, () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', CONTEXT_POINT_LAYERS, () => (map.getCanvas().style.cursor = ''));
}
