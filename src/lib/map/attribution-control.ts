import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import { translate, type Lang } from '$lib/i18n';
import { attributionLines } from './attribution';

/**
 * MapLibre's attribution control, but with credits from the dictionaries in the interface's language
 * (MapLibre's own shows the sources' English strings). Same markup and classes as MapLibre's, so its
 * stylesheet (and the compact "i" button on phones) applies unchanged. Call `refresh()` when the language changes.
 */
export class LocalizedAttribution implements IControl {
  private map?: MapLibreMap;
  private container?: HTMLElement;
  private inner?: HTMLElement;
  private button?: HTMLButtonElement;
  private readonly onStyle = () => this.refresh();

  constructor(private readonly options: { compact: boolean; lang: () => Lang }) {}

  onAdd(map: MapLibreMap): HTMLElement {
    this.map = map;
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-attrib';
    container.dataset.testid = 'map-attribution';
    if (this.options.compact) {
      container.classList.add('maplibregl-compact');
      this.button = document.createElement('button');
      this.button.type = 'button';
      this.button.className = 'maplibregl-ctrl-attrib-button';
      this.button.addEventListener('click', () => container.classList.toggle('maplibregl-compact-show'));
      container.append(this.button);
    }
    this.inner = document.createElement('div');
    this.inner.className = 'maplibregl-ctrl-attrib-inner';
    container.append(this.inner);
    this.container = container;
    map.on('styledata', this.onStyle);
    map.on('sourcedata', this.onStyle);
    this.refresh();
    return container;
  }

  onRemove(): void {
    this.map?.off('styledata', this.onStyle);
    this.map?.off('sourcedata', this.onStyle);
    this.container?.remove();
    this.map = undefined;
  }

  refresh(): void {
    const style = this.map?.getStyle();
    if (!style || !this.inner) return;
    const lang = this.options.lang();
    const sources = style.sources as Record<string, { attribution?: string }>;
    const original = translate(lang, 'attributionOriginal');
    const uiLang = lang === 'zh' ? 'zh-CN' : 'en';
    const nodes = attributionLines(sources, lang).flatMap((line, i) => {
      const parts: Node[] = i > 0 ? [document.createTextNode(' · ')] : [];
      const span = document.createElement('span');
      span.textContent = line.text;
      if (line.original && line.original !== uiLang) {
        span.lang = line.original;
        const tag = document.createElement('small');
        tag.textContent = lang === 'zh' ? `（${original}）` : ` (${original})`;
        parts.push(span, tag);
      } else parts.push(span);
      return parts;
    });
    this.inner.replaceChildren(...nodes);
    this.button?.setAttribute('aria-label', translate(lang, 'attributionToggle'));
    this.button?.setAttribute('title', translate(lang, 'attributionToggle'));
  }
}
