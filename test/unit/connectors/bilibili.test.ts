import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BILIBILI_PATHS, BilibiliConnector, mixinKey, signWbi } from '../../../functions/connectors/bilibili';
import type { ConnectorAccount } from '../../../functions/connectors/types';
import { startFakePlatform, type FakePlatform, type RecordedRequest, type Reply } from './fake-platform';
import { MemoryVault } from './memory-vault';

/**
 * Bilibili's public web API as documented by the community reference
 * (bilibili-API-collect, docs/misc/sign/wbi.md, user/space.md, user/status_number.md,
 * comment/list.md): `{code, message, data}`; the space video search needs a WBI signature
 * (`wts`, `w_rid`), without which it answers -352 (风控校验失败); -412 is 请求被拦截.
 */
const IMG = '7cd084941338484aae1ad9425b84077c';
const SUB = '4932caff0ff746eab6f01bf08b70ac45';

/** The server's own check of the signature, written from the documented steps. */
function validSignature(q: URLSearchParams, img: string, sub: string): boolean {
  const params = Object.fromEntries(q);
  const wRid = params.w_rid;
  delete params.w_rid;
  const raw = img + sub;
  const table = [46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28, 14, 39, 12, 38, 41, 13];
  const key = table.map((i) => raw[i]).join('');
  const query = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
    .join('&');
  return createHash('md5').update(query + key).digest('hex') === wRid;
}

class BilibiliPlatform {
  img = IMG;
  sub = SUB;
  videos: { aid: number; bvid: string; title: string; description: string; created: number; copyright: string }[] = [];
  follower = 4321;
  replies = new Map<number, unknown[]>();
  readonly next = new Map<string, Reply[]>();

  handle = (req: RecordedRequest): Reply => {
    const queued = this.next.get(req.path);
    if (queued?.length) return queued.shift()!;
    switch (req.path) {
      case BILIBILI_PATHS.nav:
        return { json: { code: -101, message: '账号未登录', ttl: 1, data: { isLogin: false, wbi_img: { img_url: `https://i0.hdslb.com/bfs/wbi/${this.img}.png`, sub_url: `https://i0.hdslb.com/bfs/wbi/${this.sub}.png` } } } };
      case BILIBILI_PATHS.videos: {
        if (!validSignature(req.query, this.img, this.sub)) return { json: { code: -352, message: '风控校验失败', ttl: 1, data: { v_voucher: 'voucher_x' } } };
        if (req.query.get('mid') !== '20259914') return { json: { code: -404, message: '啥都木有', ttl: 1 } };
        const pn = Number(req.query.get('pn'));
        const ps = Number(req.query.get('ps'));
        return { json: { code: 0, message: '0', ttl: 1, data: { list: { vlist: this.videos.slice((pn - 1) * ps, pn * ps) }, page: { pn, ps, count: this.videos.length } } } };
      }
      case BILIBILI_PATHS.followers:
        return { json: { code: 0, message: '0', ttl: 1, data: { mid: Number(req.query.get('vmid')), following: 10, whisper: 0, black: 0, follower: this.follower } } };
      case BILIBILI_PATHS.replies:
        return { json: { code: 0, message: '0', ttl: 1, data: { page: { num: 1, size: 20, count: 0 }, replies: this.replies.get(Number(req.query.get('oid'))) ?? [] } } };
      default:
        return { status: 404, text: 'not found' };
    }
  };
}

const T0 = Date.parse('2026-12-02T00:00:00Z');
const account: ConnectorAccount = { id: 'acc-bili', platform: 'bilibili', handle: '某县发布', name: '某县发布B站号' };
let server: FakePlatform;
let platform: BilibiliPlatform;
let vault: MemoryVault;
const connector = () => new BilibiliConnector({ vault, baseUrl: server.url, timeoutMs: 2000, now: () => T0 });
const video = (aid: number, at: string, copyright = '1') => ({ aid, bvid: `BV1${aid}`, title: `视频${aid}`, description: `简介${aid}`, created: Date.parse(at) / 1000, copyright });

beforeEach(async () => {
  platform = new BilibiliPlatform();
  server = await startFakePlatform(platform.handle);
  vault = new MemoryVault();
  await vault.put(account.id, { mid: '20259914' });
});
afterEach(async () => {
  await server.close();
});

describe('WBI signature', () => {
  it('reorders img_key + sub_key into the documented mixin key', () => {
    expect(mixinKey(IMG, SUB)).toBe('ea1db124af3c7062474693fa704f4ff8');
  });

  it('signs the documented example query', () => {
    expect(signWbi({ foo: '114', bar: '514', zab: 1919810 }, IMG, SUB, 1702204169)).toMatchObject({ wts: '1702204169', w_rid: '8f6f2b5b3d485fe1886cec6a0be8c5d4' });
  });

  it("drops the characters !'()* from values before signing", () => {
    expect(signWbi({ keyword: "a!b'c(d)e*f" }, IMG, SUB, 1).keyword).toBe('abcdef');
  });
});

describe('Bilibili recent activity', () => {
  it('reads the signed space videos since a time with originality (copyright 2 = 转载) and the follower count', async () => {
    platform.videos = [video(3, '2026-12-01T10:00:00Z'), video(2, '2026-11-20T10:00:00Z', '2'), video(1, '2026-09-01T00:00:00Z')];
    const recent = await connector().fetchRecent(account, '2026-11-01T00:00:00Z');
    expect(recent.posts).toEqual([
      { externalId: 'BV13', publishedAt: '2026-12-01T10:00:00.000Z', title: '视频3', text: '简介3', url: 'https://www.bilibili.com/video/BV13' },
      { externalId: 'BV12', publishedAt: '2026-11-20T10:00:00.000Z', title: '视频2', text: '简介2', url: 'https://www.bilibili.com/video/BV12', isRepost: true },
    ]);
    expect(recent.followers).toBe(4321);
  });

  it('counts comments received and answered by the uploader, and the oldest unanswered age', async () => {
    platform.videos = [video(3, '2026-12-01T10:00:00Z')];
    platform.replies.set(3, [
      { rpid: 1, mid: 7, ctime: Date.parse('2026-11-28T00:00:00Z') / 1000, up_action: { like: false, reply: true } },
      { rpid: 2, mid: 8, ctime: Date.parse('2026-11-29T00:00:00Z') / 1000, up_action: { like: false, reply: false } },
      { rpid: 3, mid: 20259914, ctime: Date.parse('2026-11-30T00:00:00Z') / 1000, up_action: { like: false, reply: false } },
    ]);
    expect((await connector().fetchRecent(account, '2026-11-01T00:00:00Z')).interactions).toEqual({ messagesReceived: 2, messagesAnswered: 1, oldestUnansweredDays: 3 });
  });

  it('re-reads the WBI keys once when the signed call is refused (-352), as after the daily key change', async () => {
    platform.videos = [video(3, '2026-12-01T10:00:00Z')];
    const c = connector();
    await c.fetchRecent(account, '2026-11-01T00:00:00Z');
    platform.img = 'a'.repeat(32);
    platform.sub = 'b'.repeat(32);
    // Cached keys are stale now: the first signed call is refused, the keys are re-read, the retry passes.
    const recent = await c.fetchRecent(account, '2026-11-01T00:00:00Z');
    expect(recent.posts).toHaveLength(1);
    expect(server.calls(BILIBILI_PATHS.nav)).toHaveLength(2);
  });

  it('reports an intercepted request (-412) as retryable', async () => {
    platform.next.set(BILIBILI_PATHS.videos, [{ json: { code: -412, message: '请求被拦截' } }]);
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind: 'retryable', code: '-412' });
  });

  it('reports a space that does not exist (-404) as permanent not_found', async () => {
    await vault.put(account.id, { mid: '1' });
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind: 'permanent', code: 'not_found' });
  });

  it('asks for the space id when none is recorded', async () => {
    await vault.remove(account.id);
    await expect(connector().fetchRecent(account, '2026-11-01T00:00:00Z')).rejects.toMatchObject({ kind: 'auth', code: 'no_credentials' });
  });
});
