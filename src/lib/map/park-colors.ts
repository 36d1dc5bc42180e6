// The style on the server owns the colours; the list and legend reuse them so they always agree.
export { PARK_KIND_COLORS } from '$server/tiles/style.ts';
