import { getCities, getParks, getSectors, type CityFeature, type ParkFeature, type Sector } from '$lib/api/client';

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
