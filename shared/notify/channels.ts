/**
 * External channels: the 企业微信 and 钉钉 group robots an office or a department already uses.
 * A channel is configured per owner (a department or a region); its webhook URL (which carries
 * the robot's key or access token) and the 钉钉 signing secret go to the credential vault, the
 * table keeps only a marker (which kinds, which host, when, by whom). Webhook hosts are an
 * allow-list, so the feature cannot be used to make the server call an internal address.
 */
import * as v from 'valibot';
import { auditEntry, type AuditEntry } from '../audit/audit';
import { canActAs, canSee, hasRegionRole, regionContains, type Principal } from '../auth/principal';
import { Forbidden, InvalidInput, NotFound, RuleViolation, StaleVersion, type ErrorParams, type Issue } from '../errors';
import type { Clock, IdGenerator } from '../clock-and-ids';
import type { Department } from '../registry/schemas';

export const CHANNEL_KINDS = ['wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_NAMES_ZH: Record<ChannelKind, string> = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' };

/** Whose chat group: one department's, or one region's (exactly that code). */
export type ChannelOwner = { type: 'department'; id: string; regionCode: string } | { type: 'region'; id: string; regionCode: string };

/** The vault entry of an owner's channels (one entry holds both kinds). */
export function channelVaultId(owner: Pick<ChannelOwner, 'type' | 'id'>): string {
  return owner.type === 'department' ? `channel-d-${owner.id}` : `channel-r-${owner.id}`;
}

/** One channel: an owner's robot of one kind. Stable, so a delivery names it. */
export function channelKey(owner: Pick<ChannelOwner, 'type' | 'id'>, kind: ChannelKind): string {
  return `${owner.type === 'department' ? 'd' : 'r'}:${owner.id}:${kind}`;
}

export function parseChannelKey(key: string): { owner: { type: 'department' | 'region'; id: string }; kind: ChannelKind } | undefined {
  const m = /^([dr]):([A-Za-z0-9_-]{1,64}):(wecom|dingtalk)$/.exec(key);
  if (!m) return undefined;
  return { owner: { type: m[1] === 'd' ? 'department' : 'region', id: m[2]! }, kind: m[3] as ChannelKind };
}

// ---------------------------------------------------------------- the allow-list

/** One allowed host: without a port it allows that host on any port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

export const DEFAULT_WEBHOOK_HOSTS = 'qyapi.weixin.qq.com,oapi.dingtalk.com';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `GOVMEDIA_WEBHOOK_HOSTS`: comma-separated `host` or `host:port` entries (lower case; no scheme, no path). */
export function parseAllowList(text: string | undefined): AllowedHost[] {
  const out: AllowedHost[] = [];
  for (const raw of (text ?? DEFAULT_WEBHOOK_HOSTS).split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const m = /^(\[[0-9a-f:]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry);
    if (!m) throw new Error(`GOVMEDIA_WEBHOOK_HOSTS: "${entry}" is not a host or host:port`);
    const port = m[2] === undefined ? undefined : Number(m[2]);
    if (port !== undefined && (port < 1 || port > 65535)) throw new Error(`GOVMEDIA_WEBHOOK_HOSTS: port of "${entry}" is out of range`);
    out.push({ host: m[1]!, ...(port !== undefined ? { port } : {}) });
  }
  return out;
}

/** What each kind's webhook looks like (the robots' documentation). */
const SHAPES: Record<ChannelKind, { path: string; param: string; example: string }> = {
  wecom: { path: '/cgi-bin/webhook/send', param: 'key', example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' },
  dingtalk: { path: '/robot/send', param: 'access_token', example: 'https://oapi.dingtalk.com/robot/send?access_token=…' },
};

export type WebhookCheck = { ok: true; host: string } | { ok: false; status: 400 | 422; code: string; message: string; params?: ErrorParams };

/**
 * Is `url` a webhook of `kind` on an allowed host? https only; http only for a loopback host
 * that is itself allow-listed (local servers in tests). Messages never repeat the URL (it
 * carries the robot's key or token); they name the host at most.
 */
export function checkWebhookUrl(kind: ChannelKind, url: string, allow: readonly AllowedHost[]): WebhookCheck {
  const shape = SHAPES[kind];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, status: 400, code: 'invalid_input', message: `不是合法的网址，应形如 ${shape.example} (not a URL)` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, status: 400, code: 'invalid_input', message: `网址须以 https:// 开头 (https only)` };
  if (u.username || u.password) return { ok: false, status: 400, code: 'invalid_input', message: '网址不能包含用户名或密码 (no credentials in the URL)' };
  const host = u.hostname.toLowerCase();
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  const hostLabel = u.port ? `${host}:${u.port}` : host;
  const allowed = allow.some((a) => a.host === host && (a.port === undefined || a.port === port));
  if (!allowed) {
    return {
      ok: false,
      status: 422,
      code: 'webhook_host_not_allowed',
      message: `主机 ${hostLabel.slice(0, 100)} 不在允许的机器人地址清单中（${allow.map((a) => (a.port ? `${a.host}:${a.port}` : a.host)).join('、')}） (webhook host not allowed)`,
    };
  }
  if (u.protocol === 'http:' && !LOOPBACK.has(host)) {
    return { ok: false, status: 422, code: 'webhook_insecure', message: `机器人地址须使用 https（主机 ${hostLabel}） (webhook must use https)`, params: { host: hostLabel } };
  }
  if (u.pathname !== shape.path) {
    return { ok: false, status: 400, code: 'invalid_input', message: `${CHANNEL_NAMES_ZH[kind]}地址的路径应为 ${shape.path}，形如 ${shape.example} (wrong path)` };
  }
  const token = u.searchParams.get(shape.param);
  if (!token || !/^[A-Za-z0-9_-]{8,128}$/.test(token)) {
    return { ok: false, status: 400, code: 'invalid_input', message: `${CHANNEL_NAMES_ZH[kind]}地址须带有 ${shape.param} 参数（机器人页面复制的完整地址） (missing ${shape.param})` };
  }
  if ([...u.searchParams.keys()].some((k) => k !== shape.param) || u.hash) {
    return { ok: false, status: 400, code: 'invalid_input', message: `${CHANNEL_NAMES_ZH[kind]}地址只应带 ${shape.param} 参数 (unexpected query or fragment)` };
  }
  return { ok: true, host: hostLabel };
}

// ---------------------------------------------------------------- configuration

const secretText = (label: string, max: number) =>
  v.pipe(v.string(`${label}须为字符串`), v.trim(), v.minLength(1, `${label}不能为空`), v.maxLength(max, `${label}过长`));

/** PUT body: the whole configuration. A kind left out (or null) is removed. */
export const ChannelsInput = v.strictObject({
  wecom: v.nullish(v.strictObject({ webhookUrl: secretText('webhookUrl', 500) }, '企业微信配置须为 {webhookUrl}')),
  dingtalk: v.nullish(
    v.strictObject(
      { webhookUrl: secretText('webhookUrl', 500), secret: v.pipe(secretText('secret', 128), v.regex(/^[A-Za-z0-9+/=_-]+$/, 'secret 须为机器人“加签”处显示的 SEC 开头字符串')) },
      '钉钉配置须为 {webhookUrl, secret}',
    ),
  ),
  version: v.optional(v.pipe(v.number('版本号须为数字'), v.integer('版本号须为整数'), v.minValue(1, '版本号须为正整数'))),
});
export type ChannelsInput = v.InferOutput<typeof ChannelsInput>;

/** What the table knows of one kind: never the URL or the secret. */
export interface ChannelMarkerEntry {
  host: string;
  updatedAt: string;
}

export interface ChannelMarker {
  owner: ChannelOwner;
  regionCode: string;
  departmentId?: string;
  wecom?: ChannelMarkerEntry;
  dingtalk?: ChannelMarkerEntry;
  updatedAt: string;
  updatedBy: { sub: string; name: string };
  version: number;
}

/** The vault entry: the secrets of an owner's channels. */
export interface ChannelSecrets {
  wecomUrl?: string;
  dingtalkUrl?: string;
  dingtalkSecret?: string;
}

export interface ChannelMarkerStore {
  get(owner: Pick<ChannelOwner, 'type' | 'id'>): Promise<ChannelMarker | undefined>;
  /** The marker (new, or replacing exactly `previousVersion`) and its audit entry together. */
  put(marker: ChannelMarker, previousVersion: number | null, audit: AuditEntry): Promise<void>;
}

export interface ChannelPorts {
  channels: ChannelMarkerStore;
  departments: { get(id: string): Promise<Department | undefined> };
  vault: { put(id: string, credentials: Readonly<Record<string, string>>): Promise<void> };
  allowList: readonly AllowedHost[];
  clock: Clock;
  ids: IdGenerator;
}

export interface ChannelView {
  owner: { type: ChannelOwner['type']; id: string; regionCode: string };
  wecom: { configured: true; host: string; updatedAt: string } | { configured: false };
  dingtalk: { configured: true; host: string; updatedAt: string; signed: true } | { configured: false };
  updatedAt: string | null;
  updatedBy: { sub: string; name: string } | null;
  version: number | null;
}

export function channelView(owner: ChannelOwner, marker: ChannelMarker | undefined): ChannelView {
  return {
    owner: { type: owner.type, id: owner.id, regionCode: owner.regionCode },
    wecom: marker?.wecom ? { configured: true, host: marker.wecom.host, updatedAt: marker.wecom.updatedAt } : { configured: false },
    dingtalk: marker?.dingtalk ? { configured: true, host: marker.dingtalk.host, updatedAt: marker.dingtalk.updatedAt, signed: true } : { configured: false },
    updatedAt: marker?.updatedAt ?? null,
    updatedBy: marker?.updatedBy ?? null,
    version: marker?.version ?? null,
  };
}

const REGION_CONFIGURERS = ['office', 'admin'] as const;
/** A department's own approver (its responsible person) may set its own chat group as well. */
const DEPARTMENT_CONFIGURERS = ['office', 'admin', 'approver'] as const;

/** The owner as the caller may see it, or 404. */
async function ownerOf(target: { type: 'department' | 'region'; id: string }, actor: Principal, ports: Pick<ChannelPorts, 'departments'>): Promise<ChannelOwner> {
  if (target.type === 'department') {
    const dept = await ports.departments.get(target.id);
    if (!dept || !canSee(actor, { regionCode: dept.regionCode, departmentId: dept.id })) throw new NotFound('主办单位');
    return { type: 'department', id: dept.id, regionCode: dept.regionCode };
  }
  if (!hasRegionRole(actor) || !regionContains(actor.region, target.id)) throw new NotFound('地区');
  return { type: 'region', id: target.id, regionCode: target.id };
}

function mayConfigure(owner: ChannelOwner, actor: Principal): boolean {
  return owner.type === 'department'
    ? canActAs(actor, DEPARTMENT_CONFIGURERS, { regionCode: owner.regionCode, departmentId: owner.id })
    : canActAs(actor, REGION_CONFIGURERS, { regionCode: owner.regionCode });
}

/** Each given webhook checked; the first business-rule failure (host, scheme) is the answer, shape problems are 400s together. */
function checkAll(input: ChannelsInput, allow: readonly AllowedHost[]): Partial<Record<ChannelKind, string>> {
  const hosts: Partial<Record<ChannelKind, string>> = {};
  const issues: Issue[] = [];
  for (const kind of CHANNEL_KINDS) {
    const given = input[kind];
    if (!given) continue;
    const check = checkWebhookUrl(kind, given.webhookUrl, allow);
    if (check.ok) hosts[kind] = check.host;
    else if (check.status === 422) throw new RuleViolation(check.code, check.message, check.params);
    else issues.push({ path: `${kind}.webhookUrl`, code: 'invalid_format', message: check.message });
  }
  if (issues.length) throw new InvalidInput(issues);
  return hosts;
}

/**
 * PUT …/channels: replaces the owner's whole configuration (a kind not in the body is
 * removed; `{}` removes both). Secrets go to the vault first, then the marker and its audit
 * entry (which names the kinds and hosts, never a URL or secret).
 */
export async function setChannels(target: { type: 'department' | 'region'; id: string }, input: ChannelsInput, actor: Principal, ports: ChannelPorts): Promise<ChannelView> {
  const owner = await ownerOf(target, actor, ports);
  if (!mayConfigure(owner, actor)) {
    throw new Forbidden(
      owner.type === 'department'
        ? '只有本地区的管理部门或本单位的审核负责人可以配置群机器人 (only an office or admin of the region, or the department’s approver)'
        : '只有本地区的管理部门可以配置群机器人 (only an office or admin of this region)',
    );
  }
  const hosts = checkAll(input, ports.allowList);
  const previous = await ports.channels.get(owner);
  if (input.version !== undefined && input.version !== (previous?.version ?? 0)) throw new StaleVersion(previous?.version);
  const now = ports.clock.now();
  const secrets: Record<string, string> = {};
  if (input.wecom) secrets.wecomUrl = input.wecom.webhookUrl;
  if (input.dingtalk) {
    secrets.dingtalkUrl = input.dingtalk.webhookUrl;
    secrets.dingtalkSecret = input.dingtalk.secret;
  }
  // Cleared by overwriting with an empty entry, not by deleting: a Secrets Manager secret
  // scheduled for deletion cannot be written again for its 30-day recovery window.
  await ports.vault.put(channelVaultId(owner), secrets);
  // A PUT is a fresh configuration: every kind it sets is dated now.
  const entry = (kind: ChannelKind) => (hosts[kind] ? { [kind]: { host: hosts[kind]!, updatedAt: now } } : {});
  const marker: ChannelMarker = {
    owner,
    regionCode: owner.regionCode,
    ...(owner.type === 'department' ? { departmentId: owner.id } : {}),
    ...entry('wecom'),
    ...entry('dingtalk'),
    updatedAt: now,
    updatedBy: { sub: actor.sub, name: actor.name },
    version: (previous?.version ?? 0) + 1,
  };
  const summary = (m: ChannelMarker | undefined) => (m ? Object.fromEntries(CHANNEL_KINDS.filter((k) => m[k]).map((k) => [k, { host: m[k]!.host }])) : null);
  const audit = auditEntry(actor, 'channels.set', { type: 'channel', id: channelVaultId(owner) }, { regionCode: owner.regionCode, ...(owner.type === 'department' ? { departmentId: owner.id } : {}) }, summary(previous), summary(marker), now, ports.ids.next());
  await ports.channels.put(marker, previous?.version ?? null, audit);
  return channelView(owner, marker);
}

/** GET …/channels: what is configured, for anyone who sees the owner; never a URL or secret. */
export async function getChannels(target: { type: 'department' | 'region'; id: string }, actor: Principal, ports: Pick<ChannelPorts, 'channels' | 'departments'>): Promise<ChannelView> {
  const owner = await ownerOf(target, actor, ports);
  return channelView(owner, await ports.channels.get(owner));
}
