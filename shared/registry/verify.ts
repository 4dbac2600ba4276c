import type { Closure } from '../closure/closure';
import { InvalidInput } from '../errors';
import { isOperating } from './apps';
import { accountOfLink, normaliseUrl } from './links';
import type { Account, AccountStatus, Department, Platform } from './schemas';

/**
 * Public verification (API.md "Public verification", BRIEF capability 12): is this an official
 * account, whose, and — for a closed one — which account took over. Answers carry only the
 * fields below: never contacts, ids, grades, flags or anything else of the record.
 */

/** Names of the regions the product ships demo data for; any other region answers its code only. */
export const REGION_NAMES: Record<string, string> = {
  '100000': '中华人民共和国',
  '330000': '浙江省',
  '330100': '杭州市',
  '330102': '上城区',
  '330106': '西湖区',
  '330110': '余杭区',
  '330127': '淳安县',
  '330185': '临安区',
};

export interface PublicAccount {
  platform: Platform;
  handle: string;
  name: string;
  /** The unit's name. */
  department: string;
  region: { code: string; name?: string };
  status: AccountStatus;
  url: string | null;
}

/** Why a link answered "not official" without a lookup being possible (the web page explains it). */
export type VerifyHint = 'wechat_article' | 'wechat_profile' | 'short_link';

export type VerifyAnswer =
  | { official: true; account: PublicAccount }
  | { official: false; closed: true; closedAt: string; successor?: PublicAccount }
  | { official: false; hint?: VerifyHint };

export type VerifyQuery = { url: string } | { platform: Platform; handle: string };

export interface VerifyPorts {
  accounts: {
    get(id: string): Promise<Account | undefined>;
    /** The account holding this (platform, handle) identity (the registry's handle guard). */
    findByHandle(platform: Platform, handle: string): Promise<Account | undefined>;
    /** Accounts whose stored URL has this normal form (shared/registry/links.ts normaliseUrl). */
    findByUrl(normalisedUrl: string): Promise<Account[]>;
  };
  departments: { get(id: string): Promise<Pick<Department, 'name'> | undefined> };
  closures: { ofAccount(accountId: string): Promise<Closure[]> };
}

/** Operating accounts first, then closed ones (newest closure first); pending openings last. */
const rank = (a: Account) => (isOperating(a.status) ? 0 : a.status === 'closed' ? 1 : 2);

export async function publicAccount(a: Account, ports: Pick<VerifyPorts, 'departments'>): Promise<PublicAccount> {
  const dept = await ports.departments.get(a.departmentId);
  const regionName = REGION_NAMES[a.regionCode];
  return {
    platform: a.platform,
    handle: a.handle,
    name: a.name,
    department: dept?.name ?? '',
    region: regionName ? { code: a.regionCode, name: regionName } : { code: a.regionCode },
    status: a.status,
    url: a.url ?? null,
  };
}

/** The answer for one account: official while operating (announcing included: say so via status), closed with its successor. */
export async function answerFor(a: Account | undefined, ports: VerifyPorts): Promise<VerifyAnswer> {
  if (!a) return { official: false };
  if (isOperating(a.status)) return { official: true, account: await publicAccount(a, ports) };
  if (a.status !== 'closed') return { official: false };
  const closures = (await ports.closures.ofAccount(a.id)).filter((c) => c.status === 'closed' || c.status === 'filed');
  closures.sort((x, y) => (x.requestedAt < y.requestedAt ? 1 : -1));
  const successorId = closures.find((c) => c.successorAccountId)?.successorAccountId;
  const successor = successorId ? await ports.accounts.get(successorId) : undefined;
  return {
    official: false,
    closed: true,
    closedAt: a.closedAt ?? closures[0]?.platformCancelledAt ?? a.updatedAt,
    ...(successor ? { successor: await publicAccount(successor, ports) } : {}),
  };
}

/**
 * By link: a URL stored in the registry (normal form), else the handle a known link form names.
 * A link that is no http(s) URL is 400 at `url`; an article or profile link that cannot name the
 * account answers `{official: false, hint}`.
 */
export async function verify(q: VerifyQuery, ports: VerifyPorts): Promise<VerifyAnswer> {
  if ('handle' in q) return answerFor(await ports.accounts.findByHandle(q.platform, q.handle), ports);
  const normal = normaliseUrl(q.url);
  if (!normal) throw new InvalidInput([{ path: 'url', message: '链接格式不正确，请粘贴以 http:// 或 https:// 开头的账号链接 (not a web link)' }]);
  const stored = (await ports.accounts.findByUrl(normal)).sort((a, b) => rank(a) - rank(b) || (a.updatedAt < b.updatedAt ? 1 : -1));
  if (stored[0]) return answerFor(stored[0], ports);
  const meaning = accountOfLink(q.url);
  if (meaning.kind === 'account') return answerFor(await ports.accounts.findByHandle(meaning.platform, meaning.handle), ports);
  if (meaning.kind === 'unnamed') return { official: false, hint: meaning.hint };
  return { official: false };
}
