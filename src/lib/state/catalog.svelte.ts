import { getCities, getParks, getSectors, type CityFeature, type ParkFeature, type Sector } from '$lib/api/client';
import { nameOf } from '$lib/i18n';
import { locale } from './locale.svelte.ts';

/** Reference data every screen shares, loaded once: all parks, cities and sectors. */
export const catalog = $state<{ parks: ParkFeature[]; cities: CityFeature[]; sectors: Sector[]; error: string | null; loaded: boolean }>({
  parks: [],
  cities: [],
  sectors: [],
  error: null,
  loaded: false
});

export async function loadCatalog(): Promise<void> {
  try {
    const [parks, cities, sectors] = await Promise.all([getParks(), getCities(), getSectors()]);
    catalog.parks = parks.features;
    catalog.cities = cities.features;
    catalog.sectors = sectors;
    catalog.loaded = true;
  } catch (err) {
    catalog.error = (err as Error).message;
  }
}

export const focusCities = () => catalog.cities.filter((c) => c.properties.focus);

/** A city's, sector's or park's name in the current language, by id (the id itself if unknown). */
export function cityName(id: string): string {
  const c = catalog.cities.find((x) => x.properties.id === id);
  return c ? nameOf(c.properties, locale.lang) : id;
}

export function sectorName(id: string): string {
  const s = catalog.sectors.find((x) => x.id === id);
  return s ? nameOf(s, locale.lang) : id;
}

export function parkName(id: string): string {
  const p = catalog.parks.find((x) => x.properties.id === id);
  return p ? nameOf(p.properties, locale.lang) : id;
}
