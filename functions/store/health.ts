import type { Table } from './table';

export type StoreState = 'up' | 'down';

/** How long the readiness probe waits for the table before calling it down. */
export const PROBE_TIMEOUT_MS = 1500;

/** The store's readiness, for GET /health: one cheap read, bounded in time; any failure is "down". */
export class StoreHealth {
  constructor(private readonly table: Table) {}

  async check(timeoutMs = PROBE_TIMEOUT_MS): Promise<{ state: StoreState; error?: unknown }> {
    const signal = AbortSignal.timeout(timeoutMs);
    // The SDK's retry backoff does not watch the signal, so the probe is also raced against it.
    const aborted = new Promise<never>((_, fail) => signal.addEventListener('abort', () => fail(signal.reason), { once: true }));
    try {
      await Promise.race([this.table.probe(signal), aborted]);
      return { state: 'up' };
    } catch (error) {
      return { state: 'down', error };
    }
  }
}
