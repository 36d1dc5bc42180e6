import { expect, test } from 'vitest';
import { ApiError } from '$lib/api/client';
import { friendlyError } from './api-errors.ts';

test('a bad edgeKm reads as the hexagon-size field and its bound, in Chinese and in English', () => {
  const err = new ApiError(400, 'querystring/edgeKm: must be >= 0.001', 'edgeKm');
  expect(friendlyError(err, 'zh')).toBe('“六边形大小（公里）”的值无效：须 ≥ 0.001。请修改后重试。');
  expect(friendlyError(err, 'en')).toBe('“Hexagon size (km)” is not valid: it must be at least 0.001. Change it and try again.');
});

test('the field is found in the message when the answer names no parameter', () => {
  expect(friendlyError(new ApiError(400, 'minPoints: must be integer'), 'en')).toContain('“Minimum points” is not valid: it must be a whole number');
});

test('no developer text reaches the reader for server failures, missing things and a dropped network', () => {
  expect(friendlyError(new ApiError(500, 'TypeError: x is undefined'), 'zh')).toBe('服务器出错（500），请稍后再试。');
  expect(friendlyError(new ApiError(404, 'no park with id "x"'), 'en')).toBe('What was asked for was not found.');
  expect(friendlyError(new TypeError('Failed to fetch'), 'zh')).toBe('无法连接服务器，请检查网络。');
});

test('an unknown parameter is still named, as a parameter', () => {
  expect(friendlyError(new ApiError(400, 'foo: bad', 'foo'), 'en')).toBe('“Parameter foo” is not valid. Change it and try again.');
});
