import pg from 'pg';
import { CHANGES_CHANNEL, connectionConfig, type StoreLog } from './postgres-pool.ts';
import type { DatasetChangeListener } from './repository.ts';

/** The application_name of listening connections, so an operator can find them in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'cluster-atlas-listener';

/** How soon to retry a lost LISTEN connection: doubling from the first delay up to the longest. */
export const RECONNECT_DEFAULTS = { firstDelayMs: 250, maxDelayMs: 30_000 };

export interface ChangeSubscription {
  close(): Promise<void>;
}

/**
 * LISTENs for dataset writes on a connection of its own (a pooled one would be handed to queries
 * and lose the LISTEN). When that connection drops it says so in the log, reconnects with backoff,
 * and then reports `missed`, since NOTIFYs sent while it was away are gone for good.
 */
export async function listenForChanges(
  databaseUrl: string,
  listener: DatasetChangeListener,
  log: StoreLog,
  retry = RECONNECT_DEFAULTS
): Promise<ChangeSubscription> {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async (): Promise<pg.Client> => {
    const candidate = new pg.Client(connectionConfig(databaseUrl, LISTENER_APPLICATION_NAME));
    candidate.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload) listener.changed(message.payload);
    });
    candidate.on('error', (error) => log.warn(`PostgreSQL LISTEN connection error: ${error.message}`));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      await candidate.end().catch(() => undefined);
      throw error;
    }
    candidate.on('end', () => {
      if (closed) return;
      client = undefined;
      reconnectLater();
    });
    return candidate;
  };

  const reconnectLater = () => {
    const delayMs = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** failures);
    failures += 1;
    log.warn(`lost the PostgreSQL LISTEN connection: writes made through other instances are not seen here until it is back; retrying in ${delayMs} ms`);
    timer = setTimeout(async () => {
      try {
        const reconnected = await connect();
        if (closed) return void (await reconnected.end());
        client = reconnected;
        failures = 0;
        log.warn('PostgreSQL LISTEN connection restored; reloading every dataset');
        listener.missed();
      } catch (error) {
        log.error(`cannot reconnect the PostgreSQL LISTEN connection: ${(error as Error).message}`);
        if (!closed) reconnectLater();
      }
    }, delayMs);
  };

  client = await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end();
    }
  };
}
