/**
 * A risk flag's evidence as plain sentences (never raw key/value), like the grade explanations:
 * what was seen, the rule's threshold, and what it means — in Chinese, or in English when the UI
 * is English. Unknown shapes fall back to a short generic sentence, so a new evidence field never
 * shows as JSON.
 */
import { PLATFORM_NAMES_ZH } from '../../../shared/registry/schemas';
import type { Flag } from '../../../shared/registry/schemas';
import { i18n, type Locale } from '../i18n/i18n.svelte';

type Rec = Record<string, unknown>;

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x ? x : undefined);
const rec = (x: unknown): Rec => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Rec) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const pct = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')}%`;
const platformName = (p: unknown) => (typeof p === 'string' && p in PLATFORM_NAMES_ZH ? PLATFORM_NAMES_ZH[p as keyof typeof PLATFORM_NAMES_ZH] : '该平台');

/** Whole days from `day` to `today` (both YYYY-MM-DD). */
export function daysBetween(day: string, today: string): number {
  return Math.round((Date.parse(`${today.slice(0, 10)}T00:00:00Z`) - Date.parse(`${day.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

const STATUS_ZH: Record<string, string> = {
  opening_pending: '待开通',
  active: '正常',
  closure_pending: '关停审批中',
  announcing: '停更公告中',
  closed: '已关停',
};

function idleSentence(e: Rec, today: string, kind: 'zombie' | 'dormant' | 'stale'): string[] {
  const t = rec(e.threshold);
  const last = str(e.lastPostDate);
  if (last) {
    const days = daysBetween(last, today);
    const ago = days <= 0 ? '今天' : `${days} 天前`;
    const head = `最近一次发布在 ${last}（${ago}）`;
    if (kind === 'zombie') return [`${head}，已超过 ${num(t.zombieAfterDays) ?? 90} 天未更新，属于“僵尸账号”，应整改或关停。`];
    if (kind === 'dormant') return [`${head}，已超过 ${num(t.dormantAfterDays) ?? 30} 天未更新。`];
    return [`${head}；连续 ${(num(t.staleToDays) ?? 14)} 天不更新将被“内容不更新”单项否决，请尽快发布。`];
  }
  if (e.neverPosted) {
    const opened = str(e.openedDate);
    const since = opened ? `自 ${opened} 开通（${daysBetween(opened, today)} 天前）以来` : '开通以来';
    if (kind === 'zombie') return [`${since}从未发布内容，超过 ${num(t.zombieNeverPostedAfterDays) ?? 30} 天未发布即为“僵尸账号”。`];
    return [`${since}从未发布内容，请尽快发布首条内容。`];
  }
  return ['长期没有发布记录。'];
}

/** The sentences explaining one flag in the UI's locale; `today` is the Beijing day (YYYY-MM-DD). */
export function describeFlag(flag: Pick<Flag, 'type' | 'evidence'>, today: string, locale: Locale = i18n.locale): string[] {
  return locale === 'en' ? describeFlagEn(flag, today) : describeFlagZh(flag, today);
}

function describeFlagZh(flag: Pick<Flag, 'type' | 'evidence'>, today: string): string[] {
  const e = rec(flag.evidence);
  switch (flag.type) {
    case 'zombie':
    case 'dormant':
    case 'stale':
      return idleSentence(e, today, flag.type);
    case 'duplicate': {
      const others = arr(e.otherAccounts).map(rec);
      const names = others.map((o) => `“${str(o.name) ?? '未命名'}”${str(o.handle) ? `（${o.handle}）` : ''}${o.status && o.status !== 'active' ? `［${STATUS_ZH[String(o.status)] ?? o.status}］` : ''}`);
      const where = `同单位同平台（${platformName(e.platform)}）`;
      return [names.length ? `${where}还有 ${names.length} 个账号：${names.join('、')}。` : `${where}还有其他账号。`, '一个单位在同一平台原则上只开设一个账号，请清理整合或申请例外。'];
    }
    case 'internal_division': {
      const name = str(e.name);
      const term = str(e.term);
      const what = e.kind === 'event' ? '以活动、专项或一次性项目命名' : '以内设机构命名';
      return [`账号名称${name ? `“${name}”` : ''}${term ? `含“${term}”，` : ''}${what}；原则上不以内设机构或临时活动名义开设账号，建议并入本单位主账号或关停。`];
    }
    case 'off_mission': {
      const th = rec(e.threshold);
      const total = num(e.totalPosts);
      const off = num(e.offMissionPosts);
      const share = num(e.sharePercent) ?? (total && off !== undefined ? (off * 100) / total : undefined);
      const window = num(th.windowDays) ?? 90;
      const range = str(e.from) && str(e.to) ? `（${e.from} 至 ${e.to}）` : '';
      const head = total !== undefined && off !== undefined ? `近 ${window} 天${range}共发布 ${total} 条，其中与职能无关的内容 ${off} 条` : `近 ${window} 天与职能无关的内容偏多`;
      return [`${head}${share !== undefined ? `，无关内容占比 ${pct(share)}` : ''}（达到 ${num(th.atLeastPercent) ?? 10}% 即标记）。`];
    }
    case 'suspected_fake_engagement': {
      const jumps = arr(e.jumps).map(rec);
      if (!jumps.length) return ['粉丝数出现异常增长，疑似存在买粉、刷量行为，需人工核实。'];
      return [
        ...jumps.slice(0, 3).map((j) => {
          const from = str(j.from)?.slice(0, 10) ?? '';
          const to = str(j.to)?.slice(0, 10) ?? '';
          const jp = num(j.jumpPercent);
          const msgs = num(j.newMessages);
          return `${from} 至 ${to} 粉丝由 ${num(j.followersBefore) ?? '?'} 增至 ${num(j.followersAfter) ?? '?'}（增加 ${num(j.gain) ?? '?'}${jp !== undefined ? `，增幅 ${pct(jp)}` : ''}），${msgs === undefined || msgs === null ? '同期无互动数据' : `同期新增留言仅 ${msgs} 条`}。`;
        }),
        '粉丝增长与互动明显不匹配，疑似弄虚作假，需人工核实；经确认将被“弄虚作假”单项否决。',
      ];
    }
    case 'naming_mismatch': {
      const problems = arr(e.problems).map(rec);
      if (!problems.length) return ['账号名称或认证主体与主办单位不一致。'];
      return problems.map((p) => {
        switch (p.rule) {
          case 'name_missing_unit':
            return `账号名称“${str(p.accountName) ?? ''}”未体现主办单位“${str(p.departmentName) ?? ''}”。`;
          case 'verified_subject_mismatch':
            return `认证主体“${str(p.verifiedSubject) ?? ''}”与主办单位“${str(p.departmentName) ?? ''}”不一致。`;
          case 'inconsistent_names':
            return `本单位在其他平台的账号名称与“${str(p.accountName) ?? ''}”不一致：${arr(p.siblingNames).map((n) => `“${String(n)}”`).join('、')}。`;
          default:
            return '账号名称或认证信息不规范。';
        }
      });
    }
    case 'needs_review': {
      const last = str(e.lastValidatedDate);
      const limit = num(rec(e.threshold).revalidationDays) ?? 365;
      return [last ? `上次复核在 ${last}（${daysBetween(last, today)} 天前），超过 ${limit} 天未复核，请核对账号信息后重新确认。` : `超过 ${limit} 天未复核，请核对账号信息后重新确认。`];
    }
    case 'unfiled_change': {
      const since = str(e.pendingSince);
      const elapsed = num(e.workingDaysElapsed);
      const limit = num(rec(e.threshold).filingWorkingDays) ?? 5;
      const head = since ? `账号开设或信息变更自 ${since.slice(0, 10)} 起待备案` : '账号开设或信息变更尚未备案';
      return [`${head}${elapsed !== undefined ? `，已过 ${elapsed} 个工作日` : ''}（须在 ${limit} 个工作日内备案），请尽快办理备案。`];
    }
    default:
      return ['详见账号变更记录。'];
  }
}

// ---------------------------------------------------------------- English

const PLATFORM_EN: Record<string, string> = {
  wechat: 'WeChat official account',
  weibo: 'Weibo',
  douyin: 'Douyin',
  toutiao: 'Toutiao',
  kuaishou: 'Kuaishou',
  bilibili: 'Bilibili',
  miniprogram: 'Mini-program',
  app: 'Mobile app',
  other: 'Other',
};
const STATUS_EN: Record<string, string> = {
  opening_pending: 'awaiting opening',
  active: 'active',
  closure_pending: 'closure pending',
  announcing: 'announcing closure',
  closed: 'closed',
};
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

function idleSentenceEn(e: Rec, today: string, kind: 'zombie' | 'dormant' | 'stale'): string[] {
  const t = rec(e.threshold);
  const last = str(e.lastPostDate);
  if (last) {
    const n = daysBetween(last, today);
    const ago = n <= 0 ? 'today' : `${days(n)} ago`;
    const head = `Last published on ${last} (${ago})`;
    if (kind === 'zombie') return [`${head}: no update for more than ${days(num(t.zombieAfterDays) ?? 90)}, a “zombie account” that must be fixed or closed.`];
    if (kind === 'dormant') return [`${head}: no update for more than ${days(num(t.dormantAfterDays) ?? 30)}.`];
    return [`${head}. ${days(num(t.staleToDays) ?? 14)} without an update trigger the “no updates” single-item veto: please publish soon.`];
  }
  if (e.neverPosted) {
    const opened = str(e.openedDate);
    const since = opened ? `Since it was opened on ${opened} (${days(daysBetween(opened, today))} ago)` : 'Since it was opened';
    if (kind === 'zombie') return [`${since} nothing has been published; an account with no post more than ${days(num(t.zombieNeverPostedAfterDays) ?? 30)} after opening is a “zombie account”.`];
    return [`${since} nothing has been published: please publish the first post soon.`];
  }
  return ['No posts for a long time.'];
}

function describeFlagEn(flag: Pick<Flag, 'type' | 'evidence'>, today: string): string[] {
  const e = rec(flag.evidence);
  switch (flag.type) {
    case 'zombie':
    case 'dormant':
    case 'stale':
      return idleSentenceEn(e, today, flag.type);
    case 'duplicate': {
      const others = arr(e.otherAccounts).map(rec);
      const names = others.map((o) => `“${str(o.name) ?? 'unnamed'}”${str(o.handle) ? ` (${o.handle})` : ''}${o.status && o.status !== 'active' ? ` [${STATUS_EN[String(o.status)] ?? o.status}]` : ''}`);
      const platform = typeof e.platform === 'string' ? (PLATFORM_EN[e.platform] ?? 'this platform') : 'this platform';
      const where = `the same unit on the same platform (${platform})`;
      return [
        names.length ? `${names.length === 1 ? 'One more account' : `${names.length} more accounts`} of ${where}: ${names.join(', ')}.` : `There are other accounts of ${where}.`,
        'A unit should in principle have one account per platform: consolidate them or apply for an exception.',
      ];
    }
    case 'internal_division': {
      const name = str(e.name);
      const term = str(e.term);
      const what = e.kind === 'event' ? 'is named after an event, campaign or one-off project' : 'is named after an internal division';
      return [`The account name${name ? ` “${name}”` : ''}${term ? ` contains “${term}” and` : ''} ${what}; accounts should not in principle be opened for internal divisions or temporary events: merge it into the unit’s main account or close it.`];
    }
    case 'off_mission': {
      const th = rec(e.threshold);
      const total = num(e.totalPosts);
      const off = num(e.offMissionPosts);
      const share = num(e.sharePercent) ?? (total && off !== undefined ? (off * 100) / total : undefined);
      const window = num(th.windowDays) ?? 90;
      const range = str(e.from) && str(e.to) ? ` (${e.from} to ${e.to})` : '';
      const head =
        total !== undefined && off !== undefined
          ? `In the last ${days(window)}${range}, ${off} of ${total} posts were unrelated to the unit’s duties`
          : `In the last ${days(window)}, too many posts were unrelated to the unit’s duties`;
      return [`${head}${share !== undefined ? `, a share of ${pct(share)}` : ''} (flagged at ${num(th.atLeastPercent) ?? 10}% or more).`];
    }
    case 'suspected_fake_engagement': {
      const jumps = arr(e.jumps).map(rec);
      if (!jumps.length) return ['Followers grew abnormally: bought followers or inflated engagement are suspected and need to be checked by a person.'];
      return [
        ...jumps.slice(0, 3).map((j) => {
          const from = str(j.from)?.slice(0, 10) ?? '';
          const to = str(j.to)?.slice(0, 10) ?? '';
          const jp = num(j.jumpPercent);
          const msgs = num(j.newMessages);
          return `From ${from} to ${to} followers went from ${num(j.followersBefore) ?? '?'} to ${num(j.followersAfter) ?? '?'} (+${num(j.gain) ?? '?'}${jp !== undefined ? `, ${pct(jp)}` : ''}); ${msgs === undefined ? 'no interaction data for the period' : `only ${msgs} new ${msgs === 1 ? 'message' : 'messages'} in the same period`}.`;
        }),
        'Follower growth does not match interaction: fake engagement is suspected and needs to be checked by a person; if confirmed, the “fake engagement” single-item veto applies.',
      ];
    }
    case 'naming_mismatch': {
      const problems = arr(e.problems).map(rec);
      if (!problems.length) return ['The account name or verified subject does not match the owning unit.'];
      return problems.map((p) => {
        switch (p.rule) {
          case 'name_missing_unit':
            return `The account name “${str(p.accountName) ?? ''}” does not show the owning unit “${str(p.departmentName) ?? ''}”.`;
          case 'verified_subject_mismatch':
            return `The verified subject “${str(p.verifiedSubject) ?? ''}” does not match the owning unit “${str(p.departmentName) ?? ''}”.`;
          case 'inconsistent_names':
            return `The unit’s accounts on other platforms are not named like “${str(p.accountName) ?? ''}”: ${arr(p.siblingNames).map((n) => `“${String(n)}”`).join(', ')}.`;
          default:
            return 'The account name or verification details are not in order.';
        }
      });
    }
    case 'needs_review': {
      const last = str(e.lastValidatedDate);
      const limit = num(rec(e.threshold).revalidationDays) ?? 365;
      return [
        last
          ? `Last reviewed on ${last} (${days(daysBetween(last, today))} ago), more than ${days(limit)} ago: check the account details and confirm them again.`
          : `Not reviewed for more than ${days(limit)}: check the account details and confirm them again.`,
      ];
    }
    case 'unfiled_change': {
      const since = str(e.pendingSince);
      const elapsed = num(e.workingDaysElapsed);
      const limit = num(rec(e.threshold).filingWorkingDays) ?? 5;
      const head = since ? `The account’s opening or change has awaited filing since ${since.slice(0, 10)}` : 'The account’s opening or change has not been filed';
      return [`${head}${elapsed !== undefined ? `, ${elapsed} working ${elapsed === 1 ? 'day' : 'days'} so far` : ''} (filing is due within ${limit} working days): please file it soon.`];
    }
    default:
      return ['See the account’s change history.'];
  }
}

/** For a duplicate flag: the other accounts (to link to them). */
export function duplicateOthers(flag: Pick<Flag, 'type' | 'evidence'>): { id: string; name: string }[] {
  if (flag.type !== 'duplicate') return [];
  return arr(rec(flag.evidence).otherAccounts)
    .map(rec)
    .filter((o) => typeof o.id === 'string')
    .map((o) => ({ id: String(o.id), name: str(o.name) ?? String(o.id) }));
}
