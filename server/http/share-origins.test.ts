import type { NetworkInterfaceInfo } from 'node:os';
import { expect, test } from 'vitest';
import { shareOrigins } from './share-origins.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
const interfaces = { lo: [nic('127.0.0.1', 'IPv4', true)], eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')], wlan0: [nic('10.0.0.5', 'IPv4')] };

test('a server on all interfaces offers each external IPv4 address, never loopback or IPv6 link-local', () => {
  expect(shareOrigins('0.0.0.0', 8080, interfaces)).toEqual(['http://192.168.1.20:8080', 'http://10.0.0.5:8080']);
  expect(shareOrigins('::', 8080, interfaces)).toEqual(['http://192.168.1.20:8080', 'http://10.0.0.5:8080']);
});

test('a server on loopback offers nothing: no phone can reach it', () => {
  expect(shareOrigins('127.0.0.1', 8080, interfaces)).toEqual([]);
  expect(shareOrigins('::1', 8080, interfaces)).toEqual([]);
});

test('a server on one address offers that address', () => {
  expect(shareOrigins('192.168.1.20', 9000, interfaces)).toEqual(['http://192.168.1.20:9000']);
});
