/** OGC API – Features link objects and media types (OGC 17-069r4 §7.2, §7.15.5–6). */

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  /** The type of our /openapi.json, which is OpenAPI 3.1 (not the 3.0 of the oas30 conformance class). */
  openapi: 'application/vnd.oai.openapi+json;version=3.1'
} as const;

export interface OgcLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

/** The query parameters of one items request, as the client sent them (order kept). */
export type QueryPairs = readonly (readonly [string, string])[];

export interface PageRequest {
  /** Absolute URL of the items resource without query, e.g. `http://host/ogc/collections/parks/items`. */
  itemsUrl: string;
  /** Every query parameter of the request; `limit` and `offset` are replaced in the paging links. */
  query: QueryPairs;
  offset: number;
  limit: number;
  numberMatched: number;
}

function withPaging(query: QueryPairs, offset: number, limit: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of query) if (name !== 'offset' && name !== 'limit') params.append(name, value);
  params.set('limit', String(limit));
  if (offset > 0) params.set('offset', String(offset));
  return params.toString();
}

/**
 * The links of one page of items: `self`, `next` while features remain, `prev` after the first
 * page (clamped at 0), and `collection`. Paging is by offset, so a link is stable while the data is.
 */
export function itemsPageLinks(page: PageRequest): OgcLink[] {
  const { itemsUrl, query, offset, limit, numberMatched } = page;
  const url = (o: number) => `${itemsUrl}?${withPaging(query, o, limit)}`;
  const links: OgcLink[] = [
    { href: url(offset), rel: 'self', type: MEDIA.geojson, title: 'this page' }
  ];
  if (offset + limit < numberMatched) links.push({ href: url(offset + limit), rel: 'next', type: MEDIA.geojson, title: 'next page' });
  if (offset > 0) links.push({ href: url(Math.max(0, offset - limit)), rel: 'prev', type: MEDIA.geojson, title: 'previous page' });
  links.push({ href: itemsUrl.replace(/\/items$/, ''), rel: 'collection', type: MEDIA.json, title: 'the collection' });
  return links;
}

/** Links of the landing page (§7.2.2: API definition, conformance, collections). */
export function landingLinks(ogcUrl: string, origin: string): OgcLink[] {
  return [
    { href: ogcUrl, rel: 'self', type: MEDIA.json, title: 'this document' },
    { href: `${origin}/openapi.json`, rel: 'service-desc', type: MEDIA.openapi, title: 'the API definition (OpenAPI 3.1)' },
    { href: `${origin}/docs`, rel: 'service-doc', type: MEDIA.html, title: 'the API documentation' },
    { href: `${ogcUrl}/conformance`, rel: 'conformance', type: MEDIA.json, title: 'conformance classes implemented' },
    { href: `${ogcUrl}/collections`, rel: 'data', type: MEDIA.json, title: 'the feature collections' }
  ];
}
