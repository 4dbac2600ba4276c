import { createHmac } from 'node:crypto';
import { checkWebhookUrl, type AllowedHost, type ChannelKind } from '../../shared/notify/channels';
import type { SendOutcome } from '../../shared/notify/deliveries';
import { redactText } from '../connectors/credentials';

/**
 * The two group robots, as their documentation describes them:
 * - 企业微信: POST {webhookUrl} `{"msgtype":"markdown","markdown":{"content"}}`; answer
 *   `{"errcode":0,"errmsg":"ok"}`; 45009 = too many messages (20 a minute per robot).
 * - 钉钉: POST {webhookUrl}&timestamp={ms}&sign={urlencode(base64(HmacSHA256(secret, timestamp+"\n"+secret)))}
 *   `{"msgtype":"markdown","markdown":{"title","text"}}`; answer `{"errcode":0,"errmsg":"ok"}`;
 *   130101 = sending too fast (throttled 10 minutes), 310000 = sign mismatch / keyword / IP,
 *   300001 = token does not exist (robot removed).
 * Any other non-zero errcode is the robot refusing this message or this webhook: permanent.
 * -1 (system busy), HTTP 5xx, timeouts and network errors are retried.
 */

export interface RobotTarget {
  kind: ChannelKind;
  webhookUrl: string;
  secret?: string;
}

export interface RobotSettings {
  allowList: readonly AllowedHost[];
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Wall-clock milliseconds for the 钉钉 signature: checked by 钉钉 against its own clock (±1 h), so never the dev clock. */
  wallClock?: () => number;
}

const RATE_LIMITED: Record<ChannelKind, number> = { wecom: 45009, dingtalk: 130101 };
const NAMES: Record<ChannelKind, string> = { wecom: '企业微信机器人', dingtalk: '钉钉机器人' };

/** The 钉钉 signature of a timestamp (milliseconds) with the robot's secret, base64 (not yet URL-encoded). */
export function dingtalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function signedDingtalkUrl(webhookUrl: string, secret: string, timestamp: number): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', dingtalkSign(timestamp, secret)); // URLSearchParams percent-encodes + / =
  return url.toString();
}

function bodyOf(kind: ChannelKind, message: { title: string; markdown: string }): unknown {
  return kind === 'wecom' ? { msgtype: 'markdown', markdown: { content: message.markdown } } : { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } };
}

/** Sends one message; never throws, never puts the URL, key, token or secret into the outcome. */
export async function sendToRobot(target: RobotTarget, message: { title: string; markdown: string }, settings: RobotSettings): Promise<SendOutcome> {
  const name = NAMES[target.kind];
  const known = secretsOf(target);
  const clean = (s: string) => redactText(s, known).slice(0, 300);
  // The allow-list again at send time: it may have changed since the channel was configured.
  const check = checkWebhookUrl(target.kind, target.webhookUrl, settings.allowList);
  if (!check.ok) return { kind: 'permanent', error: `${name}地址已不可用：${check.message}` };
  if (target.kind === 'dingtalk' && !target.secret) return { kind: 'permanent', error: '钉钉机器人缺少加签密钥，请重新配置 (missing secret)' };
  const url = target.kind === 'dingtalk' ? signedDingtalkUrl(target.webhookUrl, target.secret!, (settings.wallClock ?? Date.now)()) : target.webhookUrl;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  try {
    const res = await (settings.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify(bodyOf(target.kind, message)),
      signal: controller.signal,
      redirect: 'error',
    });
    const text = await res.text();
    if (res.status === 429) return { kind: 'rate_limited', error: `${name}限流（HTTP 429），稍后重发 (rate limited)` };
    if (res.status >= 500) return { kind: 'retryable', error: `${name}服务暂时不可用（HTTP ${res.status}） (server error)` };
    let answer: { errcode?: unknown; errmsg?: unknown } | undefined;
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      answer = undefined;
    }
    if (!answer || typeof answer.errcode !== 'number') {
      return res.status >= 400
        ? { kind: 'permanent', error: `${name}拒绝了请求（HTTP ${res.status}） (refused)` }
        : { kind: 'retryable', error: `${name}的应答无法识别（HTTP ${res.status}） (unrecognised answer)` };
    }
    const code = answer.errcode;
    const msg = clean(typeof answer.errmsg === 'string' ? answer.errmsg : '');
    if (code === 0) return { kind: 'sent' };
    if (code === RATE_LIMITED[target.kind]) return { kind: 'rate_limited', error: `${name}发送过于频繁（errcode ${code}：${msg}），稍后重发 (rate limited)` };
    if (code === -1) return { kind: 'retryable', error: `${name}系统繁忙（errcode -1：${msg}） (busy)` };
    return { kind: 'permanent', error: `${name}拒绝发送（errcode ${code}：${msg}） (refused)` };
  } catch {
    if (controller.signal.aborted) return { kind: 'retryable', error: `${name}在 ${settings.timeoutMs} ms 内未响应 (timeout)` };
    return { kind: 'retryable', error: `无法连接${name}（${check.host}） (network error)` };
  } finally {
    clearTimeout(timer);
  }
}

/** The values that must never reach a log or an answer: the key or token in the URL, and the secret. */
function secretsOf(target: RobotTarget): string[] {
  const out: string[] = [];
  try {
    const u = new URL(target.webhookUrl);
    for (const p of ['key', 'access_token']) {
      const value = u.searchParams.get(p);
      if (value) out.push(value);
    }
  } catch {
    // not a URL: nothing to mask but the secret
  }
  if (target.secret) out.push(target.secret);
  return out;
}
