/**
 * The first type-ahead search after a start used to be the slowest of all (issue #12, search p99 ≤ 30 ms):
 * on the main thread it paid once for what the route does only once per process (a schema compiled on
 * first use, helmet's per-route headers, the first brotli stream, code not yet compiled): about 100 ms of
 * CPU, while the same search again took a few. `warmSearch` asks one search through the whole route
 * (`inject`, compressed like a browser's) so that a user's first search does not pay it.
 * It waits for the name index like any search: at a million names the answer (and the main thread's work)
 * comes once the index is built in its worker, off the main thread; the server answers everything else
 * meanwhile. Its own client address keeps it out of anyone's rate-limit allowance.
 */
import type { FastifyInstance } from 'fastify';

/** Any text search takes the same main-thread path; one letter is in most names, shipped or imported. */
export const WARM_SEARCH_PATH = '/api/organizations?limit=10&q=a';

/** Asks one search through the route (see above); its status, or the reason it could not be asked. */
export async function warmSearch(app: FastifyInstance): Promise<number | Error> {
  try {
    const reply = await app.inject({ method: 'GET', url: WARM_SEARCH_PATH, headers: { 'accept-encoding': 'br, gzip' }, remoteAddress: '127.0.0.2' });
    return reply.statusCode;
  } catch (err) {
    // Closed before it was answered: nothing left to warm.
    return err as Error;
  }
}
