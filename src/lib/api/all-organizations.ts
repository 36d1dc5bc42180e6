import { getOrganizations, type OrganizationFeature } from './client.ts';

const PAGE = 5000;

/** Every organisation matching `query`, fetched page by page (for exports). */
export async function getAllOrganizations(query: URLSearchParams, signal?: AbortSignal): Promise<OrganizationFeature[]> {
  const all: OrganizationFeature[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const q = new URLSearchParams(query);
    q.set('limit', String(PAGE));
    q.set('offset', String(offset));
    const page = await getOrganizations(q, signal);
    all.push(...page.features);
    if (page.features.length < PAGE || all.length >= (page.total ?? 0)) return all;
  }
}
