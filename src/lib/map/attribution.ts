import { translate, type Lang } from '$lib/i18n';

/** One credit line of the map: text in the interface's language, or a source's own text tagged with its language. */
export interface AttributionLine {
  text: string;
  /** Set when the text is the source's own wording, not a translation (shown with an "original" tag). */
  original?: 'en' | 'zh-CN';
}

const HAN = /\p{Script=Han}/u;
/** The street archive's default credit (server/tiles/streets-archive.ts); an archive may bring its own. */
const STREETS_DEFAULT = /^© OpenStreetMap contributors \(ODbL\)/;
const TIANDITU_REVIEW = /审图号[：:]\s*(.+)$/;

/**
 * The credits of a style's sources, from the dictionaries: the server's style carries English credit
 * strings (for TileJSON and other clients), which a Chinese interface must not show as they are. A
 * source whose credit we do not know is shown in its own words, tagged with the language it is in.
 */
export function attributionLines(sources: Record<string, { attribution?: string }>, lang: Lang): AttributionLine[] {
  const lines: AttributionLine[] = [];
  for (const [id, source] of Object.entries(sources)) {
    const raw = source.attribution?.trim();
    if (!raw) continue;
    if (id === 'basemap') lines.push({ text: translate(lang, 'attributionBasemap') });
    else if (id === 'streets' && STREETS_DEFAULT.test(raw)) lines.push({ text: translate(lang, 'attributionStreets') });
    else if (id.startsWith('tianditu') && TIANDITU_REVIEW.test(raw)) lines.push({ text: translate(lang, 'attributionTianditu', { review: TIANDITU_REVIEW.exec(raw)![1] }) });
    else lines.push({ text: raw, original: HAN.test(raw) ? 'zh-CN' : 'en' });
  }
  return lines.filter((line, i) => lines.findIndex((l) => l.text === line.text) === i);
}

/** The credits as one line of plain text (for an exported image), originals marked in the interface's language. */
export function attributionText(sources: Record<string, { attribution?: string }>, lang: Lang): string {
  const original = translate(lang, 'attributionOriginal');
  return attributionLines(sources, lang)
    .map((l) => (l.original && l.original !== (lang === 'zh' ? 'zh-CN' : 'en') ? `${l.text} (${original})` : l.text))
    .join(' · ');
}
