import type { Map as MapLibreMap } from 'maplibre-gl';

export interface PngDecorations {
  title: string;
  subtitle: string;
  legend: { color: string; label: string }[];
  attribution: string;
}

/**
 * The current map as a PNG with a title, legend and attribution drawn on it, so an exported
 * picture still says what it shows and where the data comes from.
 */
export async function mapPng(map: MapLibreMap, deco: PngDecorations): Promise<Blob> {
  map.triggerRepaint();
  await new Promise<void>((resolve) => map.once('render', () => resolve()));
  const source = map.getCanvas();
  const scale = source.width / source.clientWidth;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(source, 0, 0);
  ctx.scale(scale, scale);
  const font = (px: number, weight = 400) => `${weight} ${px}px 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif`;

  // Title card, top left.
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(12, 12, 460, 56);
  ctx.fillStyle = '#1f1a14';
  ctx.font = font(20, 700);
  ctx.fillText(deco.title, 24, 38);
  ctx.font = font(12);
  ctx.fillText(deco.subtitle, 24, 58);

  // Legend, bottom left.
  const rowPx = 18;
  const height = 16 + deco.legend.length * rowPx;
  const top = source.clientHeight - height - 40;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(12, top, 240, height);
  ctx.font = font(12);
  deco.legend.forEach((item, i) => {
    const y = top + 16 + i * rowPx;
    ctx.fillStyle = item.color;
    ctx.beginPath();
    ctx.arc(26, y - 4, 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1f1a14';
    ctx.fillText(item.label, 38, y);
  });

  // Attribution, bottom edge.
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(0, source.clientHeight - 22, source.clientWidth, 22);
  ctx.fillStyle = '#333';
  ctx.font = font(11);
  ctx.fillText(deco.attribution, 8, source.clientHeight - 7);

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
