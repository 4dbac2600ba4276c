import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server on 127.0.0.1 that answers as the 企业微信 and 钉钉 group robots' documentation
 * says: `{"errcode":0,"errmsg":"ok"}` for a good message; 企业微信 93000 for an unknown key,
 * 40008 for a wrong message type, 45009 past 20 messages a minute; 钉钉 300001 for an unknown
 * token, 310000 when the signature (HmacSHA256 of timestamp + "\n" + secret, base64, in `sign`)
 * does not verify or the timestamp is more than an hour off, 130101 past 20 messages a minute.
 * Tests register robots, script answers (fail twice, then succeed) and read what arrived.
 */

export interface Received {
  at: number;
  body: any;
  /** The markdown text of the message (企业微信 content, 钉钉 text). */
  text: string;
}

type Scripted = { status: number; body: unknown };

interface Robot {
  kind: 'wecom' | 'dingtalk';
  secret?: string;
  received: Received[];
  script: Scripted[];
  /** Times (robot clock) of accepted messages, for the 20-a-minute limit. */
  accepted: number[];
}

export interface RobotServer {
  base: string;
  wecom(key: string): { url: string; received: Received[]; script: Scripted[] };
  dingtalk(token: string, secret: string): { url: string; received: Received[]; script: Scripted[] };
  /** Moves the robots' own clock on (their per-minute limit), as the test moves the dev clock. */
  elapse(ms: number): void;
  /** Every request body and URL the server saw (to check no secret travels where it should not). */
  raw: string[];
  close(): Promise<void>;
}

export const ok = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
export const busy = { status: 200, body: { errcode: -1, errmsg: 'system busy' } };
export const serverError = { status: 502, body: 'Bad Gateway' };

function reply(res: ServerResponse, answer: Scripted): void {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function signatureHolds(timestamp: string | null, sign: string | null, secret: string): 'ok' | 'timestamp' | 'sign' {
  if (!timestamp || !sign || !/^\d{13}$/.test(timestamp)) return 'sign';
  if (Math.abs(Number(timestamp) - Date.now()) > 3_600_000) return 'timestamp';
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64'));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'sign';
}

export async function startRobotServer(): Promise<RobotServer> {
  const robots = new Map<string, Robot>();
  const raw: string[] = [];
  let offset = 0;
  const robotNow = () => Date.now() + offset;

  const limited = (robot: Robot) => {
    robot.accepted = robot.accepted.filter((t) => t > robotNow() - 60_000);
    return robot.accepted.length >= 20;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      raw.push(`${req.url ?? ''}\n${text}`);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (req.method !== 'POST') return reply(res, { status: 405, body: 'Method Not Allowed' });
      if (url.pathname === '/cgi-bin/webhook/send') {
        const robot = robots.get(`wecom:${url.searchParams.get('key')}`);
        if (!robot) return reply(res, { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000_1_abc], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000' } });
        if (body?.msgtype !== 'markdown' || typeof body?.markdown?.content !== 'string') return reply(res, { status: 200, body: { errcode: 40008, errmsg: 'invalid message type' } });
        if (Buffer.byteLength(body.markdown.content) > 4096) return reply(res, { status: 200, body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } });
        const scripted = robot.script.shift();
        if (scripted) {
          if (scripted.status === 200 && (scripted.body as { errcode?: number }).errcode === 0) robot.received.push({ at: robotNow(), body, text: body.markdown.content });
          return reply(res, scripted);
        }
        if (limited(robot)) return reply(res, { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } });
        robot.accepted.push(robotNow());
        robot.received.push({ at: robotNow(), body, text: body.markdown.content });
        return reply(res, ok);
      }
      if (url.pathname === '/robot/send') {
        const robot = robots.get(`dingtalk:${url.searchParams.get('access_token')}`);
        if (!robot) return reply(res, { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } });
        const check = signatureHolds(url.searchParams.get('timestamp'), url.searchParams.get('sign'), robot.secret!);
        if (check === 'timestamp') return reply(res, { status: 200, body: { errcode: 310000, errmsg: 'invalid timestamp' } });
        if (check === 'sign') return reply(res, { status: 200, body: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } });
        if (body?.msgtype !== 'markdown' || typeof body?.markdown?.title !== 'string' || typeof body?.markdown?.text !== 'string') {
          return reply(res, { status: 200, body: { errcode: 40035, errmsg: '缺少参数 markdown' } });
        }
        const scripted = robot.script.shift();
        if (scripted) {
          if (scripted.status === 200 && (scripted.body as { errcode?: number }).errcode === 0) robot.received.push({ at: robotNow(), body, text: body.markdown.text });
          return reply(res, scripted);
        }
        if (limited(robot)) return reply(res, { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } });
        robot.accepted.push(robotNow());
        robot.received.push({ at: robotNow(), body, text: body.markdown.text });
        return reply(res, ok);
      }
      return reply(res, { status: 404, body: 'Not Found' });
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const register = (kind: 'wecom' | 'dingtalk', id: string, secret?: string) => {
    const robot: Robot = { kind, ...(secret ? { secret } : {}), received: [], script: [], accepted: [] };
    robots.set(`${kind}:${id}`, robot);
    return robot;
  };
  return {
    base,
    raw,
    wecom(key) {
      const robot = register('wecom', key);
      return { url: `${base}/cgi-bin/webhook/send?key=${key}`, received: robot.received, script: robot.script };
    },
    dingtalk(token, secret) {
      const robot = register('dingtalk', token, secret);
      return { url: `${base}/robot/send?access_token=${token}`, received: robot.received, script: robot.script };
    },
    elapse(ms) {
      offset += ms;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
