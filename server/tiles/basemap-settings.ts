import type { TiandituOptions } from './tianditu-style.ts';

/** How the map's basemap is configured: the shipped one by default, else a street archive or Tianditu. */
export interface BasemapSettings {
  /** BASEMAP_PMTILES: a local Protomaps-schema PMTiles archive the server serves as /tiles/streets */
  pmtilesPath?: string;
  /** TIANDITU_KEY + TIANDITU_REVIEW_NUMBER: draw Tianditu's raster basemap (off by default) */
  tianditu?: TiandituOptions;
}

/**
 * Reads BASEMAP_PMTILES, TIANDITU_KEY and TIANDITU_REVIEW_NUMBER. A map shown in public in China
 * must print its review number (审图号), so a Tianditu key without one is refused, not ignored.
 */
export function basemapSettingsFromEnv(env: NodeJS.ProcessEnv): BasemapSettings {
  const pmtilesPath = env.BASEMAP_PMTILES?.trim() || undefined;
  const key = env.TIANDITU_KEY?.trim();
  const reviewNumber = env.TIANDITU_REVIEW_NUMBER?.trim();
  if (key && !reviewNumber) {
    throw new Error(
      'TIANDITU_KEY is set but TIANDITU_REVIEW_NUMBER is not: set it to the 审图号 that Tianditu prints for its current map (footer of https://map.tianditu.gov.cn), e.g. TIANDITU_REVIEW_NUMBER="GS(…)…号"'
    );
  }
  return { pmtilesPath, ...(key && reviewNumber ? { tianditu: { key, reviewNumber } } : {}) };
}
