import type { NetworkInterfaceInfo } from 'node:os';

const LOOPBACK = /^(127\.|::1$|localhost$)/;
const ANY = new Set(['0.0.0.0', '::', '']);

/**
 * The origins a phone on the same network can open, for the booth's QR code: every external IPv4
 * address when the server listens on all interfaces, the one address it listens on otherwise, and
 * none when it listens on loopback only (then nothing but this computer can reach it).
 */
export function shareOrigins(listenHost: string, port: number, interfaces: Record<string, NetworkInterfaceInfo[] | undefined>): string[] {
  if (LOOPBACK.test(listenHost)) return [];
  if (!ANY.has(listenHost)) return [`http://${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`];
  return Object.values(interfaces)
    .flat()
    .filter((i): i is NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i.address}:${port}`);
}
