import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { TourCamera, TourDocument } from '../../server/schemas/tours.ts';
import { waitForMapIdle, waitForMapReady } from '../helpers/browser.ts';
import { BOOTH, closePage, LAPTOP, PHONE, press, shot, useE2e, type Screen } from '../helpers/e2e-page.ts';

const EDITOR_TOKEN = 'present-e2e-editor-token';
/** The presenter's screen the tour was written on; the phone is where its QR code sends visitors. */
const PRESENTER: Screen = { name: 'presenter', touch: false, options: { viewport: { width: 1600, height: 900 }, acceptDownloads: true } };

const e2e = useE2e({ EDITOR_TOKEN });
/**
 * The tour's flight between steps, shortened through the address (`fly=`, which a presenter can use
 * too): every step still flies, the tests just do not sit through 2.5 s of it 13 times a screen.
 */
const FLY = 'fly=0.3';
let page: Page;
let plan: TourDocument;

const api = (path: string, init: RequestInit = {}) => e2e.fetch(path, init);

function cameraOf(p: Page): Promise<TourCamera & { moving: boolean }> {
  return p.evaluate(() => {
    const map = window.__clusterAtlas!.map;
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), moving: map.isMoving() };
  });
}

/** Waits until the map has come to rest on `camera` (fly-to takes a few seconds). */
async function expectCameraAt(p: Page, camera: TourCamera): Promise<void> {
  await expect
    .poll(async () => {
      const now = await cameraOf(p);
      return !now.moving && Math.abs(now.lon - camera.lon) < 1e-4 && Math.abs(now.lat - camera.lat) < 1e-4 && Math.abs(now.zoom - camera.zoom) < 0.01 && Math.abs(now.bearing - camera.bearing) < 0.1 && Math.abs(now.pitch - camera.pitch) < 0.1;
    }, { timeout: 20_000, interval: 200 })
    .toBe(true);
}

/**
 * Which of the places a step names are on screen: drawn inside the map and not under the caption, the QR
 * code or anything else laid over the map. `lonLats` are projected with the map; the park's pulsing marker
 * (`.tour-place`) is taken where it is drawn.
 */
const namedInView = (p: Page, lonLats: [number, number][]) =>
  p.evaluate((points) => {
    const map = window.__clusterAtlas!.map;
    const canvas = map.getCanvas().getBoundingClientRect();
    const covers = [...document.querySelectorAll('[data-covers-map], .maplibregl-ctrl-top-right, .maplibregl-ctrl-bottom-right')]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const inView = ({ x, y }: { x: number; y: number }) =>
      x >= canvas.left && x <= canvas.right && y >= canvas.top && y <= canvas.bottom && !covers.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
    const place = document.querySelector('.tour-place')?.getBoundingClientRect();
    return {
      moving: map.isMoving(),
      organizations: points.map((c) => { const at = map.project(c); return inView({ x: canvas.left + at.x, y: canvas.top + at.y }); }),
      park: place ? inView({ x: place.left + place.width / 2, y: place.top + place.height / 2 }) : null
    };
  }, lonLats);

/** Where the organisations a step names are ([lon, lat] each, from the API). */
const organizationPoints = (ids: string[]) =>
  Promise.all(ids.map(async (id) => (await e2e.api<{ geometry: { coordinates: [number, number] } }>(`/api/organizations/${id}`)).geometry.coordinates));

/**
 * Waits until the map has come to rest showing every place `step` names in the part of the map nobody
 * covers: on a big screen that is the author's camera, on a phone the camera may be zoomed out for it.
 */
async function expectNamedInView(p: Page, step: TourDocument['steps'][number]): Promise<void> {
  const points = await organizationPoints(step.organizations ?? []);
  await expect
    .poll(() => namedInView(p, points), { timeout: 20_000, interval: 200 })
    .toEqual({ moving: false, organizations: points.map(() => true), park: step.park ? true : null });
}

/** A step that names places shows them on every screen (a phone may zoom out for them); one that names none keeps the author's camera. */
const expectStepShown = (p: Page, step: TourDocument['steps'][number]) => (step.park || step.organizations?.length ? expectNamedInView(p, step) : expectCameraAt(p, step.camera));

const stepIndex = (p: Page) => p.getByTestId('present').getAttribute('data-step').then(Number);

/** Saves a short tour (the first three steps of the plan) through the API, as the editor would. */
async function shortTour(): Promise<string> {
  const res = await api('/api/tours', {
    method: 'POST',
    headers: { authorization: `Bearer ${EDITOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...plan, id: undefined, title: { zh: '短导览', en: 'Short tour' }, steps: plan.steps.slice(0, 3) })
  });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

beforeAll(async () => {
  page = await e2e.open(PRESENTER, 'about:blank', { wait: 'none' });
  plan = await (await api('/api/tours/plan')).json();
});

/** The tour as the presenter plays it, and as a visitor who scanned its QR code follows it on a phone. */
describe.each([PRESENTER, PHONE])('the tour on a $name screen, offline', (screen) => {
  let p: Page;
  beforeAll(async () => {
    p = screen === PRESENTER ? page : await e2e.open(screen, 'about:blank', { wait: 'none' });
  });

  // The presenter plays the whole tour; a phone differs only in its buttons and its layout (every
  // step's caption on a phone is checked below), so it plays the first five steps.
  test('plays the built-in tour with the keyboard (or the buttons on a phone): camera, caption and counter follow each step', async () => {
    await p.goto(new URL(`/present/plan?${FLY}`, e2e.url).href);
    await waitForMapIdle(p);
    const keys = ['ArrowRight', 'PageDown', ' '];
    const shots: Record<number, string> = { 0: 'step-01-overview', 4: 'step-05-zhuhai', 9: 'step-10-density' };
    const played = screen.touch ? plan.steps.slice(0, 5) : plan.steps;
    for (const [i, step] of played.entries()) {
      // The presenter uses the keyboard (or a clicker sending its keys); a visitor's phone has the buttons.
      if (i > 0 && screen.touch) await press(screen, p.getByTestId('tour-next'));
      else if (i > 0) await p.keyboard.press(keys[i % keys.length]);
      await expectStepShown(p, step);
      expect(await p.getByTestId('tour-counter').innerText()).toBe(`${i + 1} / ${plan.steps.length}`);
      expect(await p.getByTestId('tour-title-zh').innerText()).toBe(step.title.zh);
      expect(await p.getByTestId('tour-title-en').innerText()).toBe(step.title.en);
      expect(await p.getByTestId('tour-caption-zh').innerText()).toBe(step.caption.zh);
      expect(await p.getByTestId('tour-caption-en').innerText()).toBe(step.caption.en);
      if (shots[i]) {
        await waitForMapIdle(p);
        // The analytics layers arrive from the API after the flight ends.
        if (step.layers.includes('hexagons')) {
          await p.waitForFunction(() => {
            const { map, deck } = window.__clusterAtlas!;
            const canvas = map.getCanvas();
            return (deck?.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight, layerIds: ['hexagons'] }).length ?? 0) > 0;
          }, null, { timeout: 60_000, polling: 500 });
        }
        await shot(p, screen, 'present', shots[i]);
      }
    }
    if (screen.touch) await press(screen, p.getByTestId('tour-previous'));
    else await p.keyboard.press('PageUp');
    await expect.poll(() => stepIndex(p), { timeout: 15_000 }).toBe(played.length - 2);
    await expectStepShown(p, played.at(-2)!);
    if (screen.touch) await press(screen, p.getByTestId('tour-previous'));
    else await p.keyboard.press('ArrowLeft');
    await expect.poll(() => stepIndex(p), { timeout: 15_000 }).toBe(played.length - 3);
    await expectStepShown(p, played.at(-3)!);
  }, 180_000);

  test('a step shows its filters: only the parks of its city stay on the map', async () => {
    await p.goto(new URL(`/present/plan?step=4&${FLY}`, e2e.url).href);
    await waitForMapIdle(p);
    await expect.poll(() => p.evaluate(() => JSON.stringify(window.__clusterAtlas!.map.getFilter('park-point'))), { timeout: 10_000 }).toContain('shenzhen-bay-sci-tech-ecological-park');
    const filter = await p.evaluate(() => JSON.stringify(window.__clusterAtlas!.map.getFilter('park-point')));
    expect(filter).not.toContain('songshan-lake-high-tech-zone');
  }, 60_000);

  test('steps show what their captions name: the platform hosts, the cited targets, and a warning for a local-only QR', async () => {
    await p.goto(new URL(`/present/plan?step=8&${FLY}`, e2e.url).href);
    await waitForMapIdle(p);
    const named = plan.steps[7].organizations!;
    await expect.poll(() => p.locator('.tour-named').count(), { timeout: 30_000 }).toBe(named.length);
    const labels = (await p.locator('.tour-named').allInnerTexts()).join(' ');
    for (const name of ['腾讯', 'Tencent', '科大讯飞', 'iFlytek']) expect(labels).toContain(name);
    // Every organisation it names, the two hosts among them, is ringed where a reader sees it: inside the map, clear of the caption.
    await expectNamedInView(p, plan.steps[7]);
    expect(await p.locator('.tour-named.host').count()).toBe(2);
    // No label is drawn over another: each sits beside its ring, or is hidden where neither side is free; the hosts' show.
    await expect.poll(() => overlappingLabels(p), { timeout: 10_000 }).toEqual([]);
    expect(await p.locator('.tour-named.host.label-hidden').count()).toBe(0);
    // The test server listens on 127.0.0.1 only: the screen must say a phone cannot open the code.
    // A phone shows no code to scan, so no warning about it either.
    expect(await p.getByTestId('qr-local').isVisible()).toBe(!screen.touch);
    expect(await p.getByTestId('tour-qr').isVisible()).toBe(!screen.touch);
    await shot(p, screen, 'present', 'step-08');
    for (let k = 0; k < 4; k++) {
      if (screen.touch) await press(screen, p.getByTestId('tour-next'));
      else await p.keyboard.press('ArrowRight');
    }
    await expect.poll(() => stepIndex(p), { timeout: 15_000 }).toBe(11);
    await expect.poll(() => p.locator('[data-testid="tour-figures"] li').count(), { timeout: 30_000 }).toBe(plan.steps[11].targets!.length);
    expect(await p.getByTestId('tour-figures').innerText()).toContain('10');
    await waitForMapIdle(p);
    await shot(p, screen, 'present', 'step-12');
  }, 120_000);
});

/** The pairs of named organisations whose shown labels overlap on screen (none, when the labels are placed well). */
const overlappingLabels = (p: Page) =>
  p.locator('.tour-named').evaluateAll((markers) => {
    const shown = markers.flatMap((m) => {
      const label = m.firstElementChild as HTMLElement;
      return getComputedStyle(label).visibility === 'visible' ? [{ id: (m as HTMLElement).dataset.organization, box: label.getBoundingClientRect() }] : [];
    });
    const pairs: string[] = [];
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) {
        const [a, b] = [shown[i].box, shown[j].box];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(`${shown[i].id} × ${shown[j].id}`);
      }
    return pairs;
  });

/** The presenter's screens every caption must fit on: one page, resized between them. */
const CAPTION_SCREENS: Screen[] = [LAPTOP, PRESENTER, BOOTH];

/** Whether the caption shows every line whole without scrolling, and its English text's size in px. */
const captionFit = (p: Page) =>
  p.getByTestId('tour-caption').evaluate((caption) => {
    const box = caption.getBoundingClientRect();
    const cut = [...caption.querySelectorAll('h1, h2, p')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > box.bottom + 1 || r.right > box.right + 1;
    }).map((el) => (el as HTMLElement).dataset.testid ?? el.tagName);
    const panel = caption.parentElement!;
    return {
      cut,
      scrolls: caption.scrollHeight > caption.clientHeight + 1 || panel.scrollHeight > panel.clientHeight + 1,
      readable: parseFloat(getComputedStyle(caption.querySelector('[data-testid="tour-caption-en"]')!).fontSize) >= 12
    };
  });

/**
 * Every step's title and caption, in both languages, shown whole without scrolling (its text sized to
 * its box, never below 12 px) on a phone, a laptop, the presenter's screen and a booth screen.
 */
describe.each([{ name: 'phone', screens: [PHONE] }, { name: 'presenter', screens: CAPTION_SCREENS }])('captions on $name screens', ({ screens }) => {
  test('every step’s title and caption are shown whole, in both languages, without scrolling', async () => {
    const p = await e2e.open(screens[0], `/present/plan?${FLY}`, { wait: 'ready' });
    for (const [i, step] of plan.steps.entries()) {
      if (i > 0) await p.keyboard.press('ArrowRight');
      await expect.poll(() => p.getByTestId('tour-caption-en').innerText(), { timeout: 15_000 }).toBe(step.caption.en);
      expect(await p.getByTestId('tour-caption-zh').innerText()).toBe(step.caption.zh);
      if (step.targets?.length) await expect.poll(() => p.locator('[data-testid="tour-figures"] li').count(), { timeout: 30_000 }).toBe(step.targets.length);
      for (const screen of screens) {
        if (screens.length > 1) await p.setViewportSize(screen.options.viewport!);
        // Fitted once its box has its final size: nothing cut at the bottom or the side, no scrolling.
        await expect
          .poll(() => captionFit(p), { timeout: 10_000, message: `step ${i + 1} at ${screen.name}` })
          .toEqual({ cut: [], scrolls: false, readable: true });
        if (i === 5 || i === 11) await shot(p, screen, 'present-caption', `step-${String(i + 1).padStart(2, '0')}`);
      }
    }
    await closePage(p);
  }, 240_000);
});

describe('presenter mode in a real browser, offline', () => {
  test('the on-screen QR code decodes to the explorer link that restores the step’s view', async () => {
    await page.goto(new URL(`/present/plan?step=4&${FLY}`, e2e.url).href);
    await waitForMapIdle(page);
    const step = plan.steps[3];
    const qrImage = await page.getByTestId('tour-qr').locator('svg').screenshot();
    const png = PNG.sync.read(qrImage);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code, 'the QR code could not be decoded').not.toBeNull();
    const link = new URL(code!.data);
    expect(link.origin).toBe(new URL(e2e.url).origin);
    expect(link.searchParams.get('city')).toBe('shenzhen');
    expect(link.searchParams.get('park')).toBe(step.park);

    const phone = await e2e.open(PHONE, link.pathname + link.search);
    await expectCameraAt(phone, step.camera);
    await expect.poll(() => phone.getByTestId('park-panel').innerText(), { timeout: 15_000 }).toContain('深圳湾科技生态园');
    await shot(phone, PHONE, 'present', 'qr-link');
    await closePage(phone);
  }, 90_000);

  test('exports the current step as a PNG file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tour-png').click()]);
    expect(download.suggestedFilename()).toBe('tour-plan-step-4.png');
    const bytes = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(bytes).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  test('a step captured in the tour editor is saved and still there after a reload', async () => {
    await page.goto(new URL(`/present/plan?edit=1&${FLY}`, e2e.url).href);
    await waitForMapIdle(page);
    await page.getByTestId('tour-key').fill(EDITOR_TOKEN);
    const camera = { lon: 113.3245, lat: 23.1065, zoom: 12.5, bearing: 20, pitch: 40 };
    await page.evaluate((c) => window.__clusterAtlas!.map.jumpTo({ center: [c.lon, c.lat], zoom: c.zoom, bearing: c.bearing, pitch: c.pitch }), camera);
    await page.getByTestId('tour-capture').click();
    await page.getByTestId('step-title-zh').fill('广州塔一带');
    await page.getByTestId('step-caption-zh').fill('测试中加入的一步');
    await page.getByTestId('step-caption-en').fill('A step added by the test');
    await Promise.all([page.waitForURL(/\/present\/t[0-9a-f]{8}\?edit=1$/, { timeout: 15_000 }), page.getByTestId('tour-save').click()]);

    await page.reload();
    await waitForMapIdle(page);
    expect(await page.getByTestId('tour-editor-step').count()).toBe(plan.steps.length + 1);
    await page.getByTestId('map').click();
    await page.keyboard.press('ArrowRight');
    await expectCameraAt(page, camera);
    expect(await page.getByTestId('tour-title-zh').innerText()).toBe('广州塔一带');
    expect(await page.getByTestId('tour-caption-en').innerText()).toBe('A step added by the test');
  }, 90_000);

  test('kiosk auto-play advances step by step and loops back to the first', async () => {
    const id = await shortTour();
    // The page records every step it shows from its first render, so a slow load cannot hide step 0
    // from the test (polling from outside could start after the first 1.5 s step had ended).
    // Each change's old value is recorded too, so two changes between two callbacks still both show.
    await page.addInitScript(() => {
      const trace: number[] = [];
      (window as unknown as { __stepTrace: number[] }).__stepTrace = trace;
      const add = (step: string | null | undefined) => {
        if (step != null && trace.at(-1) !== Number(step)) trace.push(Number(step));
      };
      new MutationObserver((records) => {
        for (const r of records) if (r.type === 'attributes') add(r.oldValue);
        add(document.querySelector('[data-testid="present"]')?.getAttribute('data-step'));
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-step'] });
    });
    await page.goto(new URL(`/present/${id}?kiosk=1&duration=1.5&${FLY}`, e2e.url).href);
    // The map never rests while the tour plays: wait for it to be ready, not idle.
    await waitForMapReady(page);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __stepTrace: number[] }).__stepTrace.join(',')), { timeout: 30_000, interval: 100 })
      .toMatch(/^0,1,2,0/);
  }, 60_000);

  test('a touch pauses auto-play, and after the idle time the kiosk returns to step 1', async () => {
    const id = await shortTour();
    // Steps of 4 s; idle=0.3 minutes = 18 s, far longer than the paused watch below even on a loaded machine.
    await page.goto(new URL(`/present/${id}?kiosk=1&duration=4&idle=0.3&${FLY}`, e2e.url).href);
    await waitForMapReady(page);
    await expect.poll(() => stepIndex(page), { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    // Touch first: once paused only keys move the tour, so the key presses below cannot race a step change.
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.getByTestId('present').getAttribute('data-paused')).toBe('true');
    // A paused kiosk offers to resume, and a kiosk has no editor button for visitors to find.
    expect(await page.getByTestId('tour-play').innerText()).toContain('继续播放');
    expect(await page.getByRole('link', { name: /编辑导览/ }).count()).toBe(0);
    for (let k = 0; k < 3 && (await stepIndex(page)) !== 2; k++) await page.keyboard.press('ArrowRight');
    expect(await stepIndex(page)).toBe(2);
    const trace: string[] = [];
    // Watch for 5 s, longer than a step's 4 s: only the pause keeps step 3 on screen.
    for (const start = Date.now(); Date.now() - start < 5_000; ) {
      await page.waitForTimeout(250);
      trace.push(`${await stepIndex(page)}:${await page.getByTestId('present').getAttribute('data-paused')}`);
    }
    expect(trace.join(' '), 'paused: auto-play must not move on').toMatch(/^(2:true ?)+$/);
    await expect.poll(() => stepIndex(page), { timeout: 30_000, interval: 100 }).toBe(0);
    expect(await page.getByTestId('present').getAttribute('data-paused')).toBe('false');
  }, 120_000);

  test('no request left the server it came from', () => {
    expect(e2e.foreign).toEqual([]);
  });
});
