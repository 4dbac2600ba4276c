import { describe, expect, it } from 'vitest';
import { localDeps } from '../../functions/wiring/local';

/**
 * Consistent reads of a few items asked for in the same turn go out as one BatchGetItem
 * (functions/store/table.ts `readSoon`): a registration's department, unit roster and profile
 * chain are one round trip. Each caller still gets exactly its own items.
 */
const { stores } = localDeps();
const { table } = stores;
const sent: string[] = [];
table.doc.middlewareStack.add((next, ctx) => async (args) => {
  sent.push(ctx.commandName ?? '?');
  return next(args);
}, { step: 'initialize', name: 'countReadBatching' });

const run = `rb${Date.now().toString(36)}`;
const key = (n: number) => ({ pk: `TEST#${run}#${n}`, sk: 'X' });

describe('reads asked for in the same turn', () => {
  it('go out as one BatchGetItem, and each caller gets its own items (missing ones undefined)', async () => {
    await table.batchPut([1, 2, 3, 4].map((n) => ({ ...key(n), n })));
    sent.length = 0;
    const [one, two, missing, many] = await Promise.all([table.get(key(1)), table.get(key(2)), table.get(key(99)), table.getMany([key(3), key(4), key(98)])]);
    expect(sent).toEqual(['BatchGetItemCommand']);
    expect([one?.n, two?.n, missing]).toEqual([1, 2, undefined]);
    expect(many.map((i) => i.n).sort()).toEqual([3, 4]);
  });

  it('a read alone is a plain GetItem', async () => {
    await table.batchPut([{ ...key(5), n: 5 }]);
    sent.length = 0;
    expect((await table.get(key(5)))?.n).toBe(5);
    expect(sent).toEqual(['GetItemCommand']);
  });

  it("one caller's invalid key fails only that caller's read", async () => {
    await table.batchPut([{ ...key(6), n: 6 }]);
    const tooLong = { pk: 'x'.repeat(3000), sk: 'X' };
    const [good, bad] = await Promise.allSettled([table.get(key(6)), table.get(tooLong)]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { n: 6 } });
    expect(bad.status).toBe('rejected');
  });
});
