import type { FastifyRequest } from 'fastify';

const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]+$/;

/** The origin the client reached us at, so style and TileJSON URLs point back at this server. */
export function requestOrigin(req: FastifyRequest): string {
  // A Host header we would not put in a URL falls back to the socket's own address.
  const local = req.socket.localAddress ? `${req.socket.localAddress}:${req.socket.localPort}` : '127.0.0.1';
  const host = SAFE_HOST.test(req.host) ? req.host : local;
  return `${req.protocol}://${host}`;
}
