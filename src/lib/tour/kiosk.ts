/**
 * The unattended booth: auto-advance, loop, pause on touch, back to the start when nobody has
 * touched the screen for a while. Pure: time comes in as numbers, decisions go out as values.
 */
import { DEFAULT_STEP_DURATION_S } from './steps.ts';

export interface KioskOptions {
  /** Steps advance by themselves. */
  autoplay: boolean;
  /** After the last step comes the first. */
  loop: boolean;
  /** Back to step 1 after this long without a touch or key; null = never. */
  idleMs: number | null;
  /** Overrides every step's own duration (seconds), e.g. for a short rehearsal; null = the step's own. */
  stepDurationS: number | null;
  /** Overrides the flight between steps (seconds), e.g. a quick rehearsal of the order; null = the usual flight. */
  flyDurationS: number | null;
}

/** Minutes without interaction before a kiosk returns to step 1, unless `idle` says otherwise. */
export const DEFAULT_IDLE_MIN = 3;

const positive = (value: string | null): number | null => (value !== null && Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : null);

/**
 * Kiosk options from the page's query: `kiosk=1` plays, loops and returns to the start after
 * `idle` minutes (default 3); `autoplay=1` plays once through; `loop=0`, `idle=…`, `duration=…` (s) refine;
 * `fly=…` (s) sets the flight between steps for any presenter.
 */
export function kioskOptions(query: URLSearchParams): KioskOptions {
  const kiosk = query.get('kiosk') === '1';
  const idleMin = positive(query.get('idle')) ?? (kiosk ? DEFAULT_IDLE_MIN : null);
  return {
    autoplay: kiosk || query.get('autoplay') === '1',
    loop: query.has('loop') ? query.get('loop') !== '0' : kiosk,
    idleMs: idleMin === null ? null : idleMin * 60_000,
    stepDurationS: positive(query.get('duration')),
    flyDurationS: positive(query.get('fly'))
  };
}

/** What the kiosk clock knows: when the current step began, the last touch or key since the last restart, and whether a touch paused play. */
export interface KioskClock {
  stepStartedAt: number;
  /** null while nobody has touched the kiosk since it (re)started: an unattended loop is never "idle". */
  lastInteractionAt: number | null;
  paused: boolean;
}

export type KioskDecision = 'wait' | 'advance' | 'restart';

/**
 * What to do at `now`: back to the start once the idle time has passed since the last
 * interaction, advance when the step's time is up and play is on, else wait.
 */
export function kioskDecision(now: number, clock: KioskClock, options: KioskOptions, stepDurationS: number | undefined): KioskDecision {
  if (options.idleMs !== null && clock.lastInteractionAt !== null && now - clock.lastInteractionAt >= options.idleMs) return 'restart';
  if (!options.autoplay || clock.paused) return 'wait';
  const durationMs = (options.stepDurationS ?? stepDurationS ?? DEFAULT_STEP_DURATION_S) * 1000;
  return now - clock.stepStartedAt >= durationMs ? 'advance' : 'wait';
}
