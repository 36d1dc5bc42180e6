import { defaultState, queryToState, stateToQuery, type AppState } from './url-state.ts';

/**
 * The one state every screen reads: filters, layers, selection, shortlist, camera, language.
 * It lives in the URL, so a copied link restores exactly this.
 */
export const app = $state<AppState>(defaultState());

/** Loads the state from the current URL (on start and when a shared link is opened). */
export function loadFromUrl(url: URL): void {
  Object.assign(app, queryToState(url.searchParams));
}

/** Writes the state into the address bar without a navigation. */
export function saveToUrl(): void {
  const url = new URL(location.href);
  url.search = stateToQuery(app).toString();
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}

/** The link that restores the current view. */
export function shareLink(): string {
  const url = new URL(location.href);
  url.search = stateToQuery(app).toString();
  return url.href;
}
