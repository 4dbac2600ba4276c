import { describe, expect, it } from 'vitest';
import { readOnce } from '../../../shared/util/read-once';

describe('readOnce', () => {
  it('reads a key once, however many callers ask at the same time', async () => {
    let reads = 0;
    const get = readOnce(async (id: string) => `${id}:${++reads}`);
    expect(await Promise.all([get('a'), get('a'), get('a')])).toEqual(['a:1', 'a:1', 'a:1']);
    expect(await get('b')).toBe('b:2');
  });

  it('forgets a failed read, so the next call reads again', async () => {
    let reads = 0;
    const get = readOnce(async () => {
      if (++reads === 1) throw new Error('timeout');
      return reads;
    });
    await expect(get()).rejects.toThrow('timeout');
    expect(await get()).toBe(2);
  });
});
