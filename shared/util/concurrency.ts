/** Maps with at most `limit` calls in flight; keeps input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Runs every task with at most `limit` in flight and waits for all of them, then throws
 * the first failure: nothing is left running when it returns (mapLimit rejects at once).
 */
export async function settleAll<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const failures = await mapLimit(items, limit, (item) => task(item).then(() => undefined, (err: unknown) => ({ err })));
  const first = failures.find((f) => f !== undefined);
  if (first) throw first.err;
}
