import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { BilibiliCredentials } from '../../shared/connectors/credential-fields';
import type { CredentialVault } from './credentials';
import { ConnectorError, type ConnectorErrorKind } from './errors';
import { send, type HttpRequest, type HttpResponse, type HttpSettings } from './http';
import { ManualConnector } from './manual';
import type { Connector, ConnectorAccount, HttpConnectorOptions, Interactions, PublishInput, PublishResult, RecentActivity, RecentPost } from './types';

/**
 * Bilibili connector over the public web API (no credentials: the account's space id `mid`
 * is all it needs, recorded in the vault like other platforms' settings so the fetch job lists it):
 *   GET /x/web-interface/nav                          wbi_img.img_url / sub_url → the WBI keys (cached, daily)
 *   GET /x/space/wbi/arc/search?mid=&ps=&pn=&order=pubdate&wts=&w_rid=   the space's videos (WBI-signed)
 *   GET /x/relation/stat?vmid=                         `follower`
 *   GET /x/v2/reply?type=1&oid={aid}&sort=0&ps=20&pn=1   comments of a video; `up_action.reply` = the uploader answered
 * Answers are `{code, message, data}`; code 0 is success. Publishing needs a signed-in
 * uploader session (no public API): manual.
 */

export const BILIBILI_PATHS = {
  nav: '/x/web-interface/nav',
  videos: '/x/space/wbi/arc/search',
  followers: '/x/relation/stat',
  replies: '/x/v2/reply',
} as const;

/** The WBI key reordering table (the public web client's). */
const MIXIN_KEY_ENC_TAB = [
  46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28, 14, 39, 12, 38, 41, 13, 37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4, 22,
  25, 54, 21, 56, 59, 6, 63, 57, 62, 11, 36, 20, 34, 44, 52,
];

/** img_key + sub_key reordered through the table, first 32 characters. */
export function mixinKey(imgKey: string, subKey: string): string {
  const raw = imgKey + subKey;
  return MIXIN_KEY_ENC_TAB.map((i) => raw[i] ?? '')
    .join('')
    .slice(0, 32);
}

/** The query with `wts` (seconds) and `w_rid` = md5(sorted, filtered, encoded query + mixin key). */
export function signWbi(params: Record<string, string | number>, imgKey: string, subKey: string, wtsSeconds: number): Record<string, string> {
  const all: Record<string, string> = { ...Object.fromEntries(Object.entries(params).map(([k, val]) => [k, String(val)])), wts: String(wtsSeconds) };
  const query = Object.keys(all)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(all[k]!.replace(/[!'()*]/g, ''))}`)
    .join('&');
  const w_rid = createHash('md5').update(query + mixinKey(imgKey, subKey)).digest('hex');
  return { ...Object.fromEntries(Object.entries(all).map(([k, val]) => [k, val.replace(/[!'()*]/g, '')])), w_rid };
}

/** The file name of a BFS url without extension: ".../7cd0...077c.png" → "7cd0...077c". */
function keyOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
}

/** Retry later: rate limited, request intercepted, risk control. */
const RETRYABLE = new Set([-412, -509, -799, -352, -500, -503]);
/** The space or the video is gone or hidden. */
const NOT_FOUND = new Set([-404, 62002, 62004, 12002]);

const Code = v.looseObject({ code: v.number(), message: v.optional(v.string()), data: v.optional(v.unknown()) });
const NavData = v.looseObject({ wbi_img: v.object({ img_url: v.string(), sub_url: v.string() }) });
const Video = v.looseObject({
  aid: v.number(),
  bvid: v.pipe(v.string(), v.minLength(1)),
  title: v.string(),
  description: v.optional(v.string()),
  created: v.number(),
  /** "1" 自制 (original), "2" 转载 (repost), where the list says. */
  copyright: v.optional(v.union([v.string(), v.number()])),
});
const VideosData = v.looseObject({ list: v.looseObject({ vlist: v.nullable(v.array(Video)) }), page: v.looseObject({ count: v.number(), pn: v.number(), ps: v.number() }) });
const StatData = v.looseObject({ follower: v.number() });
const Reply = v.looseObject({ rpid: v.number(), ctime: v.number(), mid: v.number(), up_action: v.optional(v.looseObject({ reply: v.optional(v.boolean()) })) });
const RepliesData = v.looseObject({ replies: v.nullable(v.array(Reply)) });

export interface BilibiliOptions extends HttpConnectorOptions {
  vault: CredentialVault;
  /** Pages of 30 videos read at most (default 3). */
  maxPages?: number;
  /** Videos whose comments are read for the interaction figures (default 10, newest first). */
  replyVideos?: number;
  /** How long the WBI keys are reused (default 6 hours; they change daily). */
  keyTtlMs?: number;
  webBaseUrl?: string;
}

export class BilibiliConnector implements Connector {
  readonly name = 'bilibili' as const;
  private readonly http: HttpSettings;
  private readonly manual = new ManualConnector();
  private keys: { img: string; sub: string; until: number } | undefined;

  constructor(private readonly options: BilibiliOptions) {
    this.http = {
      platform: 'bilibili',
      baseUrl: options.baseUrl ?? 'https://api.bilibili.com',
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  publish(input: PublishInput): Promise<PublishResult> {
    return this.manual.publish(input);
  }

  async fetchRecent(account: ConnectorAccount, since: string, now?: string): Promise<RecentActivity> {
    const mid = await this.mid(account);
    const sinceMs = Date.parse(since);
    const web = (this.options.webBaseUrl ?? 'https://www.bilibili.com').replace(/\/+$/, '');
    const posts: RecentPost[] = [];
    const aids: { aid: number; at: number }[] = [];
    for (let pn = 1; pn <= (this.options.maxPages ?? 3); pn++) {
      const data = await this.signed(BILIBILI_PATHS.videos, { mid, ps: 30, pn, order: 'pubdate' }, VideosData);
      const list = data.list.vlist ?? [];
      let older = false;
      for (const video of list) {
        const at = video.created * 1000;
        if (at < sinceMs) {
          older = true;
          continue;
        }
        aids.push({ aid: video.aid, at });
        posts.push({
          externalId: video.bvid,
          publishedAt: new Date(at).toISOString(),
          title: video.title.slice(0, 200),
          text: (video.description || video.title).slice(0, 50_000),
          url: `${web}/video/${video.bvid}`,
          ...(String(video.copyright ?? '') === '2' ? { isRepost: true } : {}),
        });
      }
      if (older || list.length === 0 || pn * data.page.ps >= data.page.count) break;
    }
    const followers = (await this.plain(BILIBILI_PATHS.followers, { vmid: mid }, StatData)).follower;
    const interactions = await this.interactions(Number(mid), aids.slice(0, this.options.replyVideos ?? 10), now ? Date.parse(now) : (this.options.now ?? Date.now)());
    return { posts, followers, ...(interactions ? { interactions } : {}) };
  }

  // ------------------------------------------------------------ internals

  /**
   * Comments on the newest videos: received = comments by others, answered = those the
   * uploader replied to (`up_action.reply`), oldest unanswered in whole days. Only the first
   * page (20 newest comments) of each video is read.
   */
  private async interactions(mid: number, videos: { aid: number }[], nowMs: number): Promise<Interactions | undefined> {
    if (videos.length === 0) return undefined;
    let received = 0;
    let answered = 0;
    let oldest: number | undefined;
    for (const { aid } of videos) {
      const data = await this.plain(BILIBILI_PATHS.replies, { type: 1, oid: aid, sort: 0, ps: 20, pn: 1 }, RepliesData);
      for (const r of data.replies ?? []) {
        if (r.mid === mid) continue;
        received++;
        if (r.up_action?.reply) answered++;
        else oldest = Math.min(oldest ?? Number.POSITIVE_INFINITY, r.ctime * 1000);
      }
    }
    return { messagesReceived: received, messagesAnswered: answered, oldestUnansweredDays: oldest === undefined ? 0 : Math.max(0, Math.floor((nowMs - oldest) / 86_400_000)) };
  }

  private async mid(account: ConnectorAccount): Promise<string> {
    const parsed = v.safeParse(BilibiliCredentials, await this.options.vault.get(account.id));
    if (parsed.success) return parsed.output.mid;
    throw new ConnectorError('auth', 'bilibili', 'no_credentials', `账号“${account.name}”未登记B站空间 ID（mid），无法读取公开数据`);
  }

  private headers(): Record<string, string> {
    return { referer: 'https://www.bilibili.com/', 'user-agent': 'Mozilla/5.0 (compatible; GovMedia activity sync)' };
  }

  private async wbiKeys(force: boolean): Promise<{ img: string; sub: string }> {
    const nowMs = (this.options.now ?? Date.now)();
    if (!force && this.keys && this.keys.until > nowMs) return this.keys;
    const res = await send(this.http, { method: 'GET', path: BILIBILI_PATHS.nav, headers: this.headers() });
    // nav answers -101 (not signed in) to an anonymous caller, with the keys all the same.
    const body = v.safeParse(Code, res.body);
    const nav = v.safeParse(NavData, body.success ? body.output.data : undefined);
    if (res.status !== 200 || !nav.success) throw new ConnectorError('retryable', 'bilibili', 'bad_response', 'B站接口 nav 未返回 WBI 口令');
    this.keys = { img: keyOf(nav.output.wbi_img.img_url), sub: keyOf(nav.output.wbi_img.sub_url), until: nowMs + (this.options.keyTtlMs ?? 6 * 3_600_000) };
    return this.keys;
  }

  /** A WBI-signed call; a -352 (risk control, e.g. stale keys) re-reads the keys and retries once. */
  private async signed<S extends v.GenericSchema>(path: string, params: Record<string, string | number>, schema: S): Promise<v.InferOutput<S>> {
    for (let attempt = 0; ; attempt++) {
      const keys = await this.wbiKeys(attempt > 0);
      const wts = Math.floor((this.options.now ?? Date.now)() / 1000);
      const res = await send(this.http, { method: 'GET', path, query: signWbi(params, keys.img, keys.sub, wts), headers: this.headers() });
      const code = v.safeParse(Code, res.body);
      if (attempt === 0 && code.success && code.output.code === -352) continue;
      return this.parse(res, schema, path);
    }
  }

  private async plain<S extends v.GenericSchema>(path: string, query: HttpRequest['query'], schema: S): Promise<v.InferOutput<S>> {
    return this.parse(await send(this.http, { method: 'GET', path, query, headers: this.headers() }), schema, path);
  }

  private parse<S extends v.GenericSchema>(res: HttpResponse, schema: S, path: string): v.InferOutput<S> {
    const body = v.safeParse(Code, res.body);
    if (body.success && body.output.code !== 0) {
      const c = body.output.code;
      const message = `B站接口错误 ${c}${body.output.message ? `：${body.output.message}` : ''}`;
      const kind: ConnectorErrorKind = RETRYABLE.has(c) ? 'retryable' : c === -403 || c === -101 ? 'auth' : 'permanent';
      throw new ConnectorError(kind, 'bilibili', NOT_FOUND.has(c) ? 'not_found' : String(c), message, kind === 'retryable' ? (res.retryAfterMs ?? 60_000) : undefined);
    }
    if (res.status !== 200) {
      const kind: ConnectorErrorKind = res.status >= 500 || res.status === 429 || res.status === 412 ? 'retryable' : 'permanent';
      throw new ConnectorError(kind, 'bilibili', `http_${res.status}`, `B站接口 ${path} 返回 HTTP ${res.status}`, res.retryAfterMs);
    }
    const parsed = v.safeParse(schema, body.success ? body.output.data : undefined);
    if (!parsed.success) throw new ConnectorError('retryable', 'bilibili', 'bad_response', `B站接口 ${path} 的应答无法识别`);
    return parsed.output;
  }
}
