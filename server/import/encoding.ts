import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { fileError } from './problems.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Encodings a user may name explicitly; `gbk` files decode as GB18030, its superset. */
export const TEXT_ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type RequestedEncoding = (typeof TEXT_ENCODINGS)[number];

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
  /** Lines (1-based) in another encoding than the rest of the file, each decoded in its own. */
  otherEncodingLines?: { encoding: TextEncoding; lines: number[] };
}

const BOMS: { bytes: number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' }
];

function bomOf(bytes: Uint8Array): (typeof BOMS)[number] | undefined {
  return BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
}

/** Checked without decoding: a 100 MB file is not turned into a string only to be thrown away. */
const isValidUtf8 = (bytes: Uint8Array): boolean => isUtf8(bytes);

const hasHighBytes = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

/**
 * Files pasted together from two sources can hold UTF-8 lines and GBK lines. Splits at line feeds
 * (0x0A is never part of a multi-byte character in either) and decodes each line in its own encoding;
 * undefined when the file is not such a mix.
 */
function mixedUtf8AndGbk(bytes: Uint8Array): Pick<DecodedText, 'text' | 'encoding' | 'otherEncodingLines'> | undefined {
  const lines: { bytes: Uint8Array; utf8: boolean }[] = [];
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    lines.push({ bytes: line, utf8: !hasHighBytes(line) || isValidUtf8(line) });
    start = end + 1;
  }
  const utf8Lines = lines.filter((l) => l.utf8 && hasHighBytes(l.bytes)).length;
  const gbkLines = lines.filter((l) => !l.utf8).length;
  if (utf8Lines === 0 || gbkLines === 0) return undefined;
  // The file's encoding is the one most of its non-ASCII lines use; the other lines are the odd ones out.
  const encoding: TextEncoding = utf8Lines >= gbkLines ? 'utf-8' : 'gb18030';
  const odd: number[] = [];
  const text = lines
    .map((l, i) => {
      if (hasHighBytes(l.bytes) && l.utf8 !== (encoding === 'utf-8')) odd.push(i + 1);
      return iconv.decode(Buffer.from(l.bytes.buffer, l.bytes.byteOffset, l.bytes.byteLength), l.utf8 ? 'utf-8' : 'gb18030');
    })
    .join('\n');
  return { text, encoding, otherEncodingLines: { encoding: encoding === 'utf-8' ? 'gb18030' : 'utf-8', lines: odd } };
}

/** Bytes decoded at a time when an upload is read as a stream of text. */
const CHUNK_BYTES = 1 << 20;

/** GB18030 decodes almost any byte soup; replacement characters or NULs mean it was neither it nor UTF-8. */
const UNREADABLE = /[\uFFFD\u0000]/;

function unreadable(encoding: TextEncoding) {
  return fileError(
    400,
    'unknown-encoding',
    { en: `the file is not readable text in ${encoding.toUpperCase()}`, zh: `文件无法按 ${encoding.toUpperCase()} 编码读取` },
    { en: 'a text file in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16; or set `encoding`', zh: 'UTF-8（可带 BOM）、GBK/GB18030 或 UTF-16 文本文件；或指定 encoding 参数' }
  );
}

/** A text upload as it is decoded piece by piece: `chunks` yields its text about a megabyte of bytes at a time. */
export interface DecodedChunks extends Omit<DecodedText, 'text'> {
  /** Throws `unknown-encoding` at the first piece that is not readable text. */
  chunks(): Generator<string>;
}

/**
 * Decodes a text upload: a BOM decides; otherwise strict UTF-8 if it decodes, else GB18030
 * (Excel on a Chinese Windows saves "CSV" as GBK, which GB18030 contains). A file mixing UTF-8 and
 * GBK lines is decoded line by line, and the lines in the minority encoding are named. The text comes
 * in pieces, so a 100 MB register (200 MB as a JavaScript string once a name is Chinese) is never one string.
 */
export function decodeTextChunks(bytes: Uint8Array, requested?: RequestedEncoding): DecodedChunks {
  const bom = bomOf(bytes);
  if (!requested && !bom && !isValidUtf8(bytes)) {
    const mixed = mixedUtf8AndGbk(bytes);
    if (mixed && !UNREADABLE.test(mixed.text)) return { encoding: mixed.encoding, otherEncodingLines: mixed.otherEncodingLines, bom: false, *chunks() { yield mixed.text; } };
  }
  const encoding: TextEncoding = requested
    ? requested === 'gbk' ? 'gb18030' : requested
    : bom?.encoding ?? (isValidUtf8(bytes) ? 'utf-8' : 'gb18030');
  const body = bom && bom.encoding === encoding ? bytes.subarray(bom.bytes.length) : bytes;
  return {
    encoding,
    bom: Boolean(bom),
    *chunks() {
      // The decoder keeps a character split between two pieces for the next one.
      const decoder = iconv.getDecoder(encoding, { stripBOM: true });
      for (let at = 0; at <= body.length; at += CHUNK_BYTES) {
        const text = at < body.length ? decoder.write(Buffer.from(body.buffer, body.byteOffset + at, Math.min(CHUNK_BYTES, body.length - at))) : (decoder.end() ?? '');
        if (UNREADABLE.test(text)) throw unreadable(encoding);
        if (text) yield text;
      }
    }
  };
}

/** The whole text of an upload (see `decodeTextChunks`), for readers that need it at once (GeoJSON). */
export function decodeText(bytes: Uint8Array, requested?: RequestedEncoding): DecodedText {
  const { chunks, ...decoded } = decodeTextChunks(bytes, requested);
  return { ...decoded, text: [...chunks()].join('') };
}
