import { describe, expect, test } from 'vitest';
import { kioskDecision, kioskOptions, type KioskClock } from './kiosk.ts';

const options = (query: string) => kioskOptions(new URLSearchParams(query));
const fresh: KioskClock = { stepStartedAt: 0, lastInteractionAt: null, paused: false };

describe('kiosk options from the address', () => {
  test('kiosk=1 plays, loops and returns to the start after 3 minutes by default', () => {
    expect(options('kiosk=1')).toEqual({ autoplay: true, loop: true, idleMs: 180_000, stepDurationS: null, flyDurationS: null });
  });
  test('idle and duration refine it; a presenter without kiosk gets no timers', () => {
    expect(options('kiosk=1&idle=0.5&duration=4&loop=0')).toEqual({ autoplay: true, loop: false, idleMs: 30_000, stepDurationS: 4, flyDurationS: null });
    expect(options('')).toEqual({ autoplay: false, loop: false, idleMs: null, stepDurationS: null, flyDurationS: null });
  });
  test('fly sets the flight between steps, with or without a kiosk', () => {
    expect(options('fly=0.4').flyDurationS).toBe(0.4);
    expect(options('kiosk=1&fly=0').flyDurationS).toBeNull();
  });
  test('nonsense values fall back to the defaults', () => {
    expect(options('kiosk=1&idle=-2&duration=abc&fly=x')).toMatchObject({ idleMs: 180_000, stepDurationS: null, flyDurationS: null });
  });
});

describe('what the kiosk does next', () => {
  const kiosk = options('kiosk=1&idle=1');
  test('a step stays for its own duration, then the tour advances', () => {
    expect(kioskDecision(7_999, fresh, kiosk, 8)).toBe('wait');
    expect(kioskDecision(8_000, fresh, kiosk, 8)).toBe('advance');
  });
  test('a step without a duration stays 12 s; the address can shorten every step', () => {
    expect(kioskDecision(11_000, fresh, kiosk, undefined)).toBe('wait');
    expect(kioskDecision(12_000, fresh, kiosk, undefined)).toBe('advance');
    expect(kioskDecision(2_000, fresh, options('kiosk=1&duration=2'), 30)).toBe('advance');
  });
  test('a touch pauses the tour until the idle time has passed, then it starts over', () => {
    const touched: KioskClock = { stepStartedAt: 0, lastInteractionAt: 5_000, paused: true };
    expect(kioskDecision(50_000, touched, kiosk, 8)).toBe('wait');
    expect(kioskDecision(65_000, touched, kiosk, 8)).toBe('restart');
  });
  test('an unattended loop never counts as idle', () => {
    expect(kioskDecision(10 * 60_000, { ...fresh, stepStartedAt: 10 * 60_000 - 1_000 }, kiosk, 8)).toBe('wait');
  });
  test('without autoplay nothing advances, but idle still returns to the start', () => {
    const presenter = options('idle=1');
    expect(kioskDecision(30_000, fresh, presenter, 8)).toBe('wait');
    expect(kioskDecision(61_000, { ...fresh, lastInteractionAt: 1_000 }, presenter, 8)).toBe('restart');
  });
});
