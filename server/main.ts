import { buildApp } from './app.ts';
import { warmSearch } from './routes/warm-search.ts';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const app = await buildApp({
  logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  geodataDir: process.env.GEODATA_DIR,
  // The analytics workers load their code while the datasets load, and prepare them once loaded.
  analyticsPool: { warm: true }
});
const close = async (signal: string) => {
  app.log.warn(`${signal}: closing`);
  await app.close();
  process.exit(0);
};
process.once('SIGINT', close);
process.once('SIGTERM', close);

try {
  await app.listen({ host: HOST, port: PORT });
} catch (err) {
  console.error(`Cannot listen on ${HOST}:${PORT}: ${(err as Error).message}. Set PORT (and HOST) to a free address.`);
  process.exit(1);
}
// The first search's one-time costs are paid by the server, not by the first user who types (routes/warm-search.ts).
void warmSearch(app);
const { port } = app.server.address() as { port: number };
console.log(`Cluster Atlas is ready at http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${port}/`);
