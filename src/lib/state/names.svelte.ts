import type { NameContext } from '$lib/map/layer-registry';
import { cityName, sectorName } from './catalog.svelte.ts';
import { locale } from './locale.svelte.ts';

/** Names in the current language, for the registry's legends and tooltips (reactive inside components). */
export function currentNames(): NameContext {
  return { lang: locale.lang, cityName, sectorName };
}
