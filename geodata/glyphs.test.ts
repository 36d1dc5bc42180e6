// Checks the committed SDF glyph PBFs (built by geodata/scripts/build-glyphs.ts) the way
// MapLibre reads them (src/style/parse_glyph_pbf.ts: no field defaults, 3 px border).
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {PbfReader} from 'pbf';
import {describe, expect, it} from 'vitest';

const GEODATA = dirname(fileURLToPath(import.meta.url));
const GLYPHS = join(GEODATA, 'glyphs');
const REGULAR = 'Noto Sans CJK SC Regular';
const BOLD = 'Noto Sans CJK SC Bold';
const BORDER = 3;
const ASCENDER = 28; // ceil(1160 / 1000 * 24): hhea ascender of Noto Sans CJK at 24 px

interface RawGlyph {id?: number; bitmap?: Uint8Array; width?: number; height?: number; left?: number; top?: number; advance?: number}

function readRange(stack: string, start: number): {name?: string; range?: string; glyphs: RawGlyph[]} {
    const out: {name?: string; range?: string; glyphs: RawGlyph[]} = {glyphs: []};
    const pbf = new PbfReader(readFileSync(join(GLYPHS, stack, `${start}-${start + 255}.pbf`)));
    let stacks = 0;
    pbf.readFields((tag, _, p) => {
        if (tag !== 1) return;
        stacks++;
        p.readMessage((t, __, q) => {
            if (t === 1) out.name = q.readString();
            else if (t === 2) out.range = q.readString();
            else if (t === 3) {
                out.glyphs.push(q.readMessage((f, g: RawGlyph, r) => {
                    if (f === 1) g.id = r.readVarint();
                    else if (f === 2) g.bitmap = r.readBytes();
                    else if (f === 3) g.width = r.readVarint();
                    else if (f === 4) g.height = r.readVarint();
                    else if (f === 5) g.left = r.readSVarint();
                    else if (f === 6) g.top = r.readSVarint();
                    else if (f === 7) g.advance = r.readVarint();
                }, {} as RawGlyph));
            }
        }, null);
    }, null);
    expect(stacks).toBe(1);
    return out;
}

const cache = new Map<string, Map<number, RawGlyph>>();
function glyph(stack: string, ch: string): RawGlyph | undefined {
    const cp = ch.codePointAt(0)!;
    const start = cp & ~0xff;
    const key = `${stack}/${start}`;
    if (!cache.has(key)) {
        const file = join(GLYPHS, stack, `${start}-${start + 255}.pbf`);
        cache.set(key, new Map(existsSync(file) ? readRange(stack, start).glyphs.map((g) => [g.id!, g]) : []));
    }
    return cache.get(key)!.get(cp);
}

function labelTexts(dir: string, out: string[] = []): string[] {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
        if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'glyphs') continue;
        const path = join(dir, e.name);
        if (e.isDirectory()) labelTexts(path, out);
        else if (/\.(geo)?json$/i.test(e.name)) {
            const visit = (v: unknown, k: string): void => {
                if (typeof v === 'string' && /(^|_)zh$/i.test(k)) out.push(v);
                else if (Array.isArray(v)) v.forEach((x) => visit(x, k));
                else if (v && typeof v === 'object') Object.entries(v).forEach(([kk, x]) => visit(x, kk));
            };
            visit(JSON.parse(readFileSync(path, 'utf8')), '');
        }
    }
    return out;
}

describe.each([REGULAR, BOLD])('glyph PBFs of %s', (stack) => {
    const files = existsSync(join(GLYPHS, stack)) ? readdirSync(join(GLYPHS, stack)).filter((f) => f.endsWith('.pbf')) : [];

    it('has 0-255.pbf with A, a, 0 and space', () => {
        expect(files).toContain('0-255.pbf');
        const r = readRange(stack, 0);
        expect(r.name).toBe(stack);
        expect(r.range).toBe('0-255');
        for (const ch of 'Aa0 ') expect(glyph(stack, ch), JSON.stringify(ch)).toBeDefined();
    });

    it('has the full Latin, punctuation and full-width ranges', () => {
        for (const start of [0, 256, 8192, 12288, 65280]) expect(files).toContain(`${start}-${start + 255}.pbf`);
        for (const ch of '–—’“”·×é、。「」《》，：（）') expect(glyph(stack, ch), ch).toBeDefined();
    });

    it('stores every field MapLibre reads, and (width+6)*(height+6) bitmap bytes', () => {
        expect(files.length).toBeGreaterThan(0);
        for (const f of files) {
            const start = Number(f.split('-')[0]);
            expect(f).toBe(`${start}-${start + 255}.pbf`);
            const r = readRange(stack, start);
            expect(r.name).toBe(stack);
            expect(r.range).toBe(`${start}-${start + 255}`);
            expect(r.glyphs.length).toBeGreaterThan(0);
            for (const g of r.glyphs) {
                for (const k of ['id', 'width', 'height', 'left', 'top', 'advance'] as const) {
                    expect(Number.isInteger(g[k]), `${f} glyph ${g.id} field ${k}`).toBe(true);
                }
                expect(g.id! >= start && g.id! <= start + 255).toBe(true);
                if (g.width! > 0) {
                    expect(g.bitmap?.length, `${f} glyph ${g.id}`).toBe((g.width! + 2 * BORDER) * (g.height! + 2 * BORDER));
                } else {
                    expect(g.bitmap?.length ?? 0).toBe(0); // like fontnik: no bitmap for empty glyphs
                }
            }
        }
    });

    it('has plausible 24 px metrics on one baseline', () => {
        const A = glyph(stack, 'A')!;
        expect(A.advance).toBeGreaterThanOrEqual(12);
        expect(A.advance).toBeLessThanOrEqual(20);
        expect(A.left).toBeGreaterThanOrEqual(-1);
        expect(A.left).toBeLessThanOrEqual(2);
        expect(glyph(stack, ' ')!.width).toBe(0);
        expect(glyph(stack, ' ')!.advance).toBeGreaterThanOrEqual(4);
        // glyphs sitting on the baseline end at -ascender (top is relative to the ascender line)
        for (const ch of 'AHxz0Lm') {
            const g = glyph(stack, ch)!;
            expect(Math.abs(g.top! - g.height! + ASCENDER), ch).toBeLessThanOrEqual(1);
            expect(g.top! + ASCENDER, ch).toBeGreaterThan(8); // ink above the baseline
        }
        expect(glyph(stack, 'g')!.top! - glyph(stack, 'g')!.height!).toBeLessThan(-ASCENDER - 3); // descender
        // ideographs: full-em advance, ink box inside the em (0.88 em above, 0.12 below the baseline)
        for (const ch of '中国广州市') {
            const g = glyph(stack, ch)!;
            expect(g, ch).toBeDefined();
            expect(g.advance, ch).toBe(24);
            expect(g.top! + ASCENDER, ch).toBeGreaterThanOrEqual(18);
            expect(g.top! + ASCENDER, ch).toBeLessThanOrEqual(22);
            expect(g.top! - g.height! + ASCENDER, ch).toBeGreaterThanOrEqual(-4);
            expect(g.width!, ch).toBeLessThanOrEqual(25);
        }
    });

    it('has SDF bitmaps with the glyph inside (>= 192) and empty borders', () => {
        const g = glyph(stack, '中')!;
        const w = g.width! + 2 * BORDER;
        const px = [...g.bitmap!];
        expect(px.filter((v) => v >= 192).length).toBeGreaterThan(20);
        const corners = [px[0], px[w - 1], px[px.length - w], px[px.length - 1]];
        for (const v of corners) expect(v).toBeLessThan(100);
    });
});

describe('CJK coverage', () => {
    it('Regular has every character of every *_zh label of the shipped data', () => {
        const texts = labelTexts(GEODATA);
        const missing = new Set<string>();
        for (const text of texts) {
            for (const ch of text) {
                if (/\s/.test(ch) || ch.codePointAt(0)! > 0xffff) continue;
                if (!glyph(REGULAR, ch)) missing.add(ch);
            }
        }
        expect([...missing].join('')).toBe('');
    });

    it('Regular has the GB 2312 level-1 hanzi (spot check) and the city names', () => {
        for (const ch of '啊阿埃挨哎座广深圳珠海佛山东莞中澳门香港') expect(glyph(REGULAR, ch), ch).toBeDefined();
        const cjk = readdirSync(join(GLYPHS, REGULAR)).filter((f) => {
            const s = Number(f.split('-')[0]);
            return s >= 0x4e00 && s < 0xa000;
        });
        const count = cjk.reduce((n, f) => n + readRange(REGULAR, Number(f.split('-')[0])).glyphs.length, 0);
        expect(count).toBeGreaterThanOrEqual(3755);
    });
});
