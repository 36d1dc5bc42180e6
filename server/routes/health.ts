import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { shareOrigins } from '../http/share-origins.ts';

const Health = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptime_s: Type.Number(),
  data: Type.Object({ cities: Type.Integer(), districts: Type.Integer(), parks: Type.Integer(), organizations: Type.Integer() }),
  analytics: Type.Object({
    data_version: Type.Integer({ description: 'The organisations\' data version now; each import or deletion of a dataset makes a new one' }),
    prepared: Type.Boolean({
      description:
        'Whether the analytics workers have prepared every lookup kept per data version for data_version (each row\'s H3 cell and district, nearest neighbours, precision counts, each park profile\'s counts): then density, nni and park profiles only count. False while that runs in the background after a start or an import, and on a server that does not prepare (tests)'
    })
  }),
  share_origins: Type.Array(Type.String(), {
    description: 'Origins other devices on the network can open (for the booth QR code); empty when the server listens on loopback only'
  })
});

const listening = (address: AddressInfo | string | null): string[] =>
  address && typeof address === 'object' ? shareOrigins(address.address, address.port, networkInterfaces()) : [];

export default (async (app) => {
  app.get('/api/health', { schema: { tags: ['meta'], summary: 'Liveness and what data is loaded', response: { 200: Health } } }, async () => {
    const c = app.catalog;
    return {
      status: 'ok' as const,
      version: process.env.npm_package_version ?? '0.1.0',
      uptime_s: Math.round(process.uptime()),
      data: { cities: c.cities.length, districts: c.districts.length, parks: c.parks.length, organizations: c.organizationCount },
      analytics: { data_version: c.version, prepared: app.analyticsPool.preparedVersion === c.version },
      share_origins: listening(app.server.address())
    };
  });
}) satisfies FastifyPluginAsyncTypebox;
