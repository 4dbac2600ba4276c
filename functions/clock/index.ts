import type { Clock } from '../../shared/clock-and-ids';

/** Real time: the deployed clock. */
export const systemClock: Clock = { now: () => new Date().toISOString() };

/**
 * The local dev clock (API.md "dev clock", after Stripe's test clocks): set to an instant, it runs
 * on from there at the real pace, so every rule, job and deadline of the local product moves with it.
 */
export interface DevClock extends Clock {
  /** Sets "now" to this instant; time runs on from it. */
  set(instant: string): void;
  /** Back to real time. */
  reset(): void;
  /** True while the clock is set. */
  readonly setTo: string | null;
}

export function devClock(real: () => number = Date.now): DevClock {
  let offsetMs = 0;
  let setAt: string | null = null;
  return {
    now: () => new Date(real() + offsetMs).toISOString(),
    set(instant) {
      offsetMs = Date.parse(instant) - real();
      setAt = new Date(Date.parse(instant)).toISOString();
    },
    reset() {
      offsetMs = 0;
      setAt = null;
    },
    get setTo() {
      return setAt;
    },
  };
}
