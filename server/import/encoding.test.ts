import iconv from 'iconv-lite';
import { expect, test } from 'vitest';
import { decodeText } from './encoding.ts';

const text = '名称,城市\n腾讯,深圳\n';

test('UTF-8 without a BOM is read as UTF-8', () => {
  expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8', bom: false });
});

test('a UTF-8 BOM is detected and removed', () => {
  expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8', bom: true });
});

test('GBK bytes (Excel on Chinese Windows) decode as GB18030', () => {
  expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030', bom: false });
});

test('UTF-16LE with a BOM (Excel "Unicode text") is read', () => {
  expect(decodeText(iconv.encode(text, 'utf-16le', { addBOM: true })).text).toBe(text);
});

test('bytes that are no text in any of these encodings are refused with a clear code', () => {
  expect(() => decodeText(Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))).toThrow(expect.objectContaining({ status: 400, problem: expect.objectContaining({ code: 'unknown-encoding' }) }));
});

test('a text decoded piece by piece is the same text, with characters split across pieces kept whole', () => {
  // 3 MB of three-byte (UTF-8) and two-byte (GBK) characters: the 1 MB pieces end inside characters.
  const long = '名称,城市\n' + '腾讯科技,深圳\n'.repeat(150_000);
  expect(decodeText(new TextEncoder().encode(long)).text).toBe(long);
  expect(decodeText(iconv.encode(long, 'gbk')).text).toBe(long);
});
