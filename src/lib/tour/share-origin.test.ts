import { expect, test } from 'vitest';
import { chooseShareOrigin } from './share-origin.ts';

test('a booth opened on 127.0.0.1 shares the server’s LAN address instead', () => {
  expect(chooseShareOrigin('http://127.0.0.1:8080', null, ['http://192.168.1.20:8080'])).toEqual({ origin: 'http://192.168.1.20:8080', local: false });
});

test('with no LAN address to offer, the loopback origin is kept and flagged as local', () => {
  expect(chooseShareOrigin('http://localhost:8080', null, [])).toEqual({ origin: 'http://localhost:8080', local: true });
});

test('the presenter’s ?share= wins, and a page opened on a network address is shared as it is', () => {
  expect(chooseShareOrigin('http://127.0.0.1:8080', 'http://booth.local:8080/', ['http://192.168.1.20:8080'])).toEqual({ origin: 'http://booth.local:8080', local: false });
  expect(chooseShareOrigin('http://192.168.1.7:8080', null, [])).toEqual({ origin: 'http://192.168.1.7:8080', local: false });
});
