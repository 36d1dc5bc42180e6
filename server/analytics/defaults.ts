/**
 * The analytic defaults, in one dependency-free module so the server's routes and the browser's panel,
 * plan-targets view and tours all use the same numbers (the browser imports this file directly).
 */

/** DBSCAN: neighbourhood radius, km; points (the point itself included) that make a core point. */
export const DBSCAN_DEFAULTS = { epsKm: 1.5, minPoints: 5 } as const;

/** The explorer's hexagons: 3 km edges read at city scale on the region-wide view. */
export const HEX_VIEW_DEFAULTS = { edgeKm: 3 } as const;
