/**
 * Builds the SDF glyph PBFs that MapLibre loads from the style's `glyphs` URL
 * (`/glyphs/{fontstack}/{range}.pbf`), so that map labels work fully offline.
 *
 *   npx tsx geodata/scripts/build-glyphs.ts
 *
 * Output: geodata/glyphs/<fontstack>/<start>-<end>.pbf for the fontstacks
 * "Noto Sans CJK SC Regular" and "Noto Sans CJK SC Bold" (Debian `fonts-noto-cjk`).
 *
 * Format: the `glyphs.proto` of mapbox/node-fontnik, read by MapLibre's
 * src/style/parse_glyph_pbf.ts. SDF parameters are fontnik's/MapLibre's: 24 px em,
 * 3 px border (bitmap = (width+6)*(height+6) bytes), radius 8, cutoff 0.25
 * (edge at byte 191, which the symbol shader expects).
 *
 * Metrics follow node-fontnik (src/glyphs.cpp + sdf-glyph-foundry), so the glyphs
 * sit where MapLibre expects server glyphs:
 *   left    = x of the ink box's left edge, px from the pen origin
 *   top     = (ink box top above the baseline, px) - ascender, where
 *             ascender = ceil(hhea.ascender * 24 / unitsPerEm) (FreeType's
 *             size->metrics.ascender, which fontnik subtracts) = 28 for Noto Sans CJK
 *   width/height = ink box size in px; advance = round(advanceWidth * 24 / upem)
 *   (fontnik truncates the advance; rounding keeps long labels from drifting).
 * Rasterisation: @napi-rs/canvas (Skia) + @mapbox/tiny-sdf, the same SDF code
 * MapLibre uses for local glyphs; its glyphTop/glyphLeft are exactly the integer
 * ink-box offsets at which it draws the glyph into the bitmap's border.
 *
 * Coverage: full 256-ranges 0-255, 256-511, 8192-8447, 12288-12543, 65280-65535;
 * CJK: GB 2312 level-1 hanzi (3,755, decoded with iconv-lite) + every character of
 * the shipped label texts (all `zh` / `*_zh` strings and any CJK character in any
 * string of geodata/**\/*.{geojson,json}) + the map's UI words. If both stacks
 * together exceed SIZE_BUDGET, Bold is cut to the full non-CJK ranges + used chars.
 *
 * Build-only tools are installed on demand into geodata/.cache/glyph-tools (git-ignored).
 */
import {execFileSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(GEODATA, 'glyphs');
const TOOLS_DIR = join(GEODATA, '.cache', 'glyph-tools');
const TOOLS: Record<string, string> = {
    '@napi-rs/canvas': '1.1.1',
    '@mapbox/tiny-sdf': '2.3.0',
    'pbf': '5.1.2',
    'iconv-lite': '0.7.3',
    'fontkit': '2.0.4'
};

export const FONT_SIZE = 24;
export const BUFFER = 3;
export const RADIUS = 8;
export const CUTOFF = 0.25;
const SIZE_BUDGET = 5 * 1024 * 1024;

const FONT_DIR = '/usr/share/fonts/opentype/noto';
export const STACKS = [
    {name: 'Noto Sans CJK SC Regular', file: `${FONT_DIR}/NotoSansCJK-Regular.ttc`, family: 'Noto Sans CJK SC', weight: 'normal'},
    {name: 'Noto Sans CJK SC Bold', file: `${FONT_DIR}/NotoSansCJK-Bold.ttc`, family: 'Noto Sans CJK SC', weight: 'bold'}
] as const;

/** 256-glyph ranges shipped in full (whatever the font covers in them). */
const FULL_RANGES = [0, 256, 8192, 12288, 65280];

/** Words a map of this product shows besides the data's own names (UI, legend, places). */
const UI_WORDS = `
人工智能 产业 园区 集群 产业园 科技园 科学城 高新区 开发区 新区 示范区 实验区 基地 小镇 中心 研究院
实验室 大学 学院 企业 机构 高校 平台 创新 孵化器 加速器 总部 龙头 项目 规划 目标 行动计划 年
广东省 广东 粤港澳大湾区 大湾区 珠三角 珠江 珠江口 南海 伶仃洋 香港 澳门 广州 深圳 珠海 佛山 东莞
中山 江门 惠州 肇庆 清远 市 区 县 镇 街道 岛 湾 港 口 湖 山 河 江 海
工业机器人 服务机器人 无人机 无人船 智能网联汽车 人工智能芯片 智能传感器与硬件 智能制造 智能家居
医疗人工智能 智能语音与自然语言处理 计算机视觉 智慧物流 智慧教育 海洋工程装备 机器学习平台
交通 地铁 铁路 高铁 城际 机场 港口 码头 高速 公路 大桥 隧道 站 线 号线
地图 图例 图层 搜索 筛选 全部 显示 隐藏 放大 缩小 比例尺 公里 千米 米 北 南 东 西 中 上 下 左 右
数据 来源 更新 日期 精度 位置 约 未知 其他 更多 详情 关闭 返回 首页 关于 帮助 语言 中文 英文
一 二 三 四 五 六 七 八 九 十 百 千 万 亿 第 期 号 座 栋 层 路 街 大道 广场 大厦
`;

// ---------------------------------------------------------------- tools

function ensureTools(): NodeRequire {
    const ok = Object.entries(TOOLS).every(([name, version]) => {
        const pj = join(TOOLS_DIR, 'node_modules', name, 'package.json');
        return existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).version === version;
    });
    if (!ok) {
        // Own prefix: `npm install --no-save` prunes packages it did not list, so sharing
        // geodata/.cache/node_modules with other build scripts would remove theirs.
        mkdirSync(TOOLS_DIR, {recursive: true});
        const specs = Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`);
        console.log(`installing build tools into ${relative(process.cwd(), TOOLS_DIR)}: ${specs.join(' ')}`);
        execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', TOOLS_DIR, ...specs], {stdio: 'inherit'});
    }
    return createRequire(join(TOOLS_DIR, 'package.json'));
}

async function load(req: NodeRequire, name: string): Promise<any> {
    return import(pathToFileURL(req.resolve(name)).href);
}

// ---------------------------------------------------------------- font face

/** Copies one face of a TrueType/OpenType collection into a standalone sfnt (Skia loads only face 0 of a TTC). */
function extractFace(ttc: Buffer, dirOffset: number): Buffer {
    const numTables = ttc.readUInt16BE(dirOffset + 4);
    const headerLength = 12 + 16 * numTables;
    const records = [];
    let total = headerLength;
    for (let i = 0; i < numTables; i++) {
        const o = dirOffset + 12 + 16 * i;
        records.push({o, offset: ttc.readUInt32BE(o + 8), length: ttc.readUInt32BE(o + 12), at: total});
        total += (ttc.readUInt32BE(o + 12) + 3) & ~3;
    }
    const out = Buffer.alloc(total);
    ttc.copy(out, 0, dirOffset, dirOffset + 12);
    records.forEach((r, i) => {
        ttc.copy(out, 12 + 16 * i, r.o, r.o + 8); // tag + checksum
        out.writeUInt32BE(r.at, 12 + 16 * i + 8);
        out.writeUInt32BE(r.length, 12 + 16 * i + 12);
        ttc.copy(out, r.at, r.offset, r.offset + r.length);
    });
    return out;
}

export interface Glyph {
    id: number;
    bitmap?: Uint8Array;
    width: number;
    height: number;
    left: number;
    top: number;
    advance: number;
}

export interface FaceRenderer {
    name: string;
    ascender: number;
    has(cp: number): boolean;
    render(cp: number): Glyph;
}

/**
 * Opens `family` (face of a .ttc, or a plain .ttf/.otf) and returns a glyph renderer.
 * Exported so the metrics can be checked against fontnik output for another font.
 */
export async function openFace(opts: {name: string; file: string; family: string; weight: string}): Promise<FaceRenderer> {
    if (!existsSync(opts.file)) throw new Error(`${opts.file} is missing: apt-get install -y fonts-noto-cjk`);
    const req = ensureTools();
    const fk = await load(req, 'fontkit');
    const fontkit = fk.openSync ? fk : fk.default;
    const {GlobalFonts, createCanvas} = await load(req, '@napi-rs/canvas');
    const TinySDF: new (options: Record<string, unknown>) => {ctx: any; draw(ch: string): any} =
        (await load(req, '@mapbox/tiny-sdf')).default;

    const collection = fontkit.openSync(opts.file);
    const fonts: any[] = collection.fonts ?? [collection];
    const index = fonts.findIndex((f) => f.familyName === opts.family);
    if (index < 0) throw new Error(`${opts.file} has no face "${opts.family}" (has ${fonts.map((f) => f.familyName).join(', ')})`);
    const font = fonts[index];

    let sfnt: Buffer = readFileSync(opts.file);
    if (collection.fonts) sfnt = extractFace(sfnt, collection.header.offsets[index]);
    const alias = `GlyphBuild ${opts.name}`;
    if (!GlobalFonts.has(alias) && !GlobalFonts.register(sfnt, alias)) throw new Error(`could not register ${opts.name}`);

    class NodeTinySDF extends TinySDF {
        _createCanvas(size: number) {
            return createCanvas(size, size);
        }
    }
    const sdf = new NodeTinySDF({fontSize: FONT_SIZE, buffer: BUFFER, radius: RADIUS, cutoff: CUTOFF, fontFamily: `"${alias}"`, fontWeight: opts.weight});

    const scale = FONT_SIZE / font.unitsPerEm;
    const ascender = Math.ceil(font.hhea.ascent * scale);

    // Make sure Skia draws this very face (it silently falls back to another font otherwise).
    for (const ch of 'AWgi1中') {
        if (!font.hasGlyphForCodePoint(ch.codePointAt(0))) continue;
        const expected = font.glyphForCodePoint(ch.codePointAt(0)).advanceWidth * scale;
        const measured = sdf.ctx.measureText(ch).width;
        if (Math.abs(expected - measured) > 0.05) throw new Error(`${opts.name}: canvas draws another font (advance of ${ch}: ${measured} vs ${expected})`);
    }

    return {
        name: opts.name,
        ascender,
        has: (cp) => font.hasGlyphForCodePoint(cp),
        render(cp) {
            const g = sdf.draw(String.fromCodePoint(cp));
            const advance = Math.round(font.glyphForCodePoint(cp).advanceWidth * scale);
            if (!g.glyphWidth || !g.glyphHeight) return {id: cp, width: 0, height: 0, left: 0, top: -ascender, advance};
            return {
                id: cp,
                bitmap: new Uint8Array(g.data.buffer, g.data.byteOffset, g.data.length).slice(),
                width: g.glyphWidth,
                height: g.glyphHeight,
                left: g.glyphLeft,
                top: g.glyphTop - ascender,
                advance
            };
        }
    };
}

// ---------------------------------------------------------------- PBF

export const GLYPHS_PROTO = `
syntax = "proto2";
message glyph {
    required uint32 id = 1;
    optional bytes bitmap = 2;
    required uint32 width = 3;
    required uint32 height = 4;
    required sint32 left = 5;
    required sint32 top = 6;
    required uint32 advance = 7;
}
message fontstack {
    required string name = 1;
    required string range = 2;
    repeated glyph glyphs = 3;
}
message glyphs {
    repeated fontstack stacks = 1;
    extensions 16 to 8191;
}`;

/**
 * Hand-written writer: pbf's compiled writer skips zero values even for `required`
 * fields (left = 0, width = 0 ...), and MapLibre's reader has no defaults, so a
 * missing field would become undefined/NaN there. This writes every required field,
 * as fontnik does. The compiled reader is used below to check what was written.
 */
function encodeRange(PbfWriter: any, stack: string, start: number, glyphs: Glyph[]): Uint8Array {
    const pbf = new PbfWriter();
    pbf.writeMessage(1, (gs: Glyph[], p: any) => {
        p.writeStringField(1, stack);
        p.writeStringField(2, `${start}-${start + 255}`);
        for (const g of gs) {
            p.writeMessage(3, (g: Glyph, q: any) => {
                q.writeVarintField(1, g.id);
                if (g.bitmap && g.width > 0) q.writeBytesField(2, g.bitmap);
                q.writeVarintField(3, g.width);
                q.writeVarintField(4, g.height);
                q.writeSVarintField(5, g.left);
                q.writeSVarintField(6, g.top);
                q.writeVarintField(7, g.advance);
            }, g);
        }
    }, glyphs);
    return pbf.finish();
}

// ---------------------------------------------------------------- character set

const isCJK = (cp: number) =>
    (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef);

function* dataFiles(dir: string): Generator<string> {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'glyphs') continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* dataFiles(path);
        else if (/\.(geo)?json$/i.test(entry.name)) yield path;
    }
}

/** Characters of the shipped label texts: all `zh` / `*_zh` strings, plus any CJK character in any string. */
export function labelChars(root = GEODATA): {chars: Set<number>; files: number} {
    const chars = new Set<number>();
    let files = 0;
    const visit = (value: unknown, key: string) => {
        if (typeof value === 'string') {
            const label = /(^|_)zh$/i.test(key);
            for (const ch of value) {
                const cp = ch.codePointAt(0)!;
                if (cp <= 0xffff && (label ? cp >= 0x20 : isCJK(cp))) chars.add(cp);
            }
        } else if (Array.isArray(value)) {
            for (const v of value) visit(v, key);
        } else if (value && typeof value === 'object') {
            for (const [k, v] of Object.entries(value)) visit(v, k);
        }
    };
    for (const file of dataFiles(root)) {
        try {
            visit(JSON.parse(readFileSync(file, 'utf8')), '');
            files++;
        } catch (e) {
            console.warn(`  skipped ${relative(process.cwd(), file)}: ${(e as Error).message}`);
        }
    }
    return {chars, files};
}

/** The 3,755 level-1 hanzi of GB 2312 (rows 16–55), decoded from their EUC-CN bytes. */
async function gb2312Level1(req: NodeRequire): Promise<Set<number>> {
    const iconv = (await load(req, 'iconv-lite')).default;
    const out = new Set<number>();
    for (let row = 16; row <= 55; row++) {
        for (let cell = 1; cell <= 94; cell++) {
            const ch = iconv.decode(Buffer.from([0xa0 + row, 0xa0 + cell]), 'gb2312');
            const cp = ch.codePointAt(0)!;
            if (ch.length === 1 && cp >= 0x4e00 && cp <= 0x9fff) out.add(cp);
        }
    }
    if (out.size !== 3755) throw new Error(`GB 2312 level 1 decoded to ${out.size} characters, expected 3755`);
    return out;
}

// ---------------------------------------------------------------- main

async function main() {
    const t0 = Date.now();
    const req = ensureTools();
    const {PbfReader, PbfWriter} = await load(req, 'pbf');
    const {compile} = await import(pathToFileURL(join(TOOLS_DIR, 'node_modules', 'pbf', 'compile.js')).href);
    // the .proto parser pbf itself uses (pbf -> resolve-protobuf-schema -> protocol-buffers-schema)
    const parseSchema = createRequire(createRequire(req.resolve('pbf')).resolve('resolve-protobuf-schema'))('protocol-buffers-schema');
    const reader = compile(parseSchema.parse(GLYPHS_PROTO));

    const {chars: used, files} = labelChars();
    for (const ch of UI_WORDS.replace(/\s+/g, '')) used.add(ch.codePointAt(0)!);
    const gb = await gb2312Level1(req);
    console.log(`label/UI characters: ${used.size} (from ${files} data files; ${[...used].filter((c) => isCJK(c) && !gb.has(c)).length} CJK not in GB 2312 level 1)`);

    const full = new Set<number>();
    for (const start of FULL_RANGES) for (let cp = Math.max(start, 0x20); cp < start + 256; cp++) if (cp < 0x7f || cp > 0x9f) full.add(cp);
    const wanted = new Set([...full, ...gb, ...used]);
    const reduced = new Set([...full, ...used]);

    const built: {stack: string; ranges: Map<number, Glyph[]>}[] = [];
    for (const stack of STACKS) {
        const face = await openFace(stack);
        const ranges = new Map<number, Glyph[]>();
        const missing: number[] = [];
        for (const cp of [...wanted].sort((a, b) => a - b)) {
            if (!face.has(cp)) {
                if (used.has(cp) && !full.has(cp)) missing.push(cp);
                continue;
            }
            const start = cp & ~0xff;
            if (!ranges.has(start)) ranges.set(start, []);
            ranges.get(start)!.push(face.render(cp));
        }
        if (missing.length) console.warn(`  ${stack.name}: font lacks used characters ${missing.map((c) => String.fromCodePoint(c)).join('')}`);
        built.push({stack: stack.name, ranges});
    }

    const encodeAll = (b: (typeof built)[number]) =>
        new Map([...b.ranges].map(([start, gs]) => [start, encodeRange(PbfWriter, b.stack, start, gs)] as const));
    let encoded = built.map(encodeAll);
    const total = () => encoded.reduce((s, m) => s + [...m.values()].reduce((t, buf) => t + buf.length, 0), 0);
    if (total() > SIZE_BUDGET) {
        console.log(`  ${(total() / 1048576).toFixed(2)} MiB > ${SIZE_BUDGET / 1048576} MiB: Bold keeps only the full non-CJK ranges + used characters`);
        const bold = built[1];
        for (const [start, gs] of bold.ranges) {
            const kept = gs.filter((g) => reduced.has(g.id));
            if (kept.length) bold.ranges.set(start, kept);
            else bold.ranges.delete(start);
        }
        encoded = built.map(encodeAll);
    }

    for (const [i, b] of built.entries()) {
        const dir = join(OUT_DIR, b.stack);
        mkdirSync(dir, {recursive: true});
        const names = new Set<string>();
        let bytes = 0;
        let glyphs = 0;
        for (const [start, buf] of encoded[i]) {
            const name = `${start}-${start + 255}.pbf`;
            names.add(name);
            writeFileSync(join(dir, name), buf);
            // read back with the reader compiled from the proto
            const decoded = reader.readglyphs(new PbfReader(readFileSync(join(dir, name))));
            const stack = decoded.stacks[0];
            if (decoded.stacks.length !== 1 || stack.name !== b.stack || stack.range !== `${start}-${start + 255}` ||
                stack.glyphs.length !== b.ranges.get(start)!.length ||
                stack.glyphs.some((g: Glyph) => (g.bitmap?.length ?? 0) !== (g.width ? (g.width + 2 * BUFFER) * (g.height + 2 * BUFFER) : 0))) {
                throw new Error(`${b.stack}/${name} does not read back as written`);
            }
            bytes += buf.length;
            glyphs += stack.glyphs.length;
        }
        for (const old of readdirSync(dir)) if (old.endsWith('.pbf') && !names.has(old)) rmSync(join(dir, old));
        console.log(`${b.stack}: ${names.size} files, ${glyphs} glyphs, ${(bytes / 1048576).toFixed(2)} MiB`);
    }
    const onDisk = built.reduce((s, b) => s + readdirSync(join(OUT_DIR, b.stack)).reduce((t, f) => t + statSync(join(OUT_DIR, b.stack, f)).size, 0), 0);
    console.log(`total ${(onDisk / 1048576).toFixed(2)} MiB in ${relative(process.cwd(), OUT_DIR)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
