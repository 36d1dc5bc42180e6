/**
 * The server under benchmark, run as its own process so it can be pinned to one core:
 * BENCH_COUNT seeded synthetic organisations (bench/synthetic.ts) replace the shipped ones.
 * Prints `{"port":…}` on stdout once listening.
 */
import { buildApp } from '../server/app.ts';
import { centresFromParks, syntheticOrganizations } from './synthetic.ts';

const count = Number(process.env.BENCH_COUNT ?? 100_000);
const seed = Number(process.env.BENCH_SEED ?? 1);

const probe = await buildApp({ http: { rateLimitPerMinute: false } });
const centres = centresFromParks(probe.catalog.parks);
await probe.close();

const app = await buildApp({ organizations: syntheticOrganizations(centres, { count, seed }), http: { rateLimitPerMinute: false } });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
console.log(JSON.stringify({ port }));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
