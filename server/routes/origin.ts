import type { FastifyRequest } from 'fastify';

const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]+$/;

/** The origin the client reached us at, so style and TileJSON URLs point back at this server. */
export function requestOrigin(req: FastifyRequest): string {
  const host = SAFE_HOST.test(req.host) ? req.host : `${req.server.addresses()[0]?.address ?? '127.0.0.1'}`;
  return `${req.protocol}://${host}`;
}
