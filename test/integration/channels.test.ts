import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDeps } from '../../functions/wiring/local';
import { supervisionPortsOf } from '../../functions/wiring/domain-ports';
import type { Audience, NotificationEvent } from '../../shared/supervision/notifications';
import { publishEvents } from '../../shared/supervision/service';
import { accountBody, call, editorOf, makeDepartment, office, unique, type Caller } from '../support/api';
import { busy, ok, serverError, startRobotServer, type RobotServer } from '../support/robots';

const deps = localDeps();

let robots: RobotServer;
beforeAll(async () => {
  robots = await startRobotServer();
});
afterAll(async () => {
  await robots.close();
});
afterEach(async () => {
  await call(null, 'DELETE', '/dev/clock');
});

const approverOf = (dept: { id: string; regionCode: string }): Caller => ({ sub: `approver-${dept.id}`, roles: ['approver'], region: dept.regionCode, department: dept.id });
const robotHost = () => new URL(robots.base).host;
const key = () => unique('k').padEnd(20, '0');
const secret = () => `SEC${unique('s').padEnd(40, 'f')}`;

let clockAt = Date.parse('2027-05-10T09:00:00+08:00');
/** Sets the dev clock (and the robots' own clock by as much). */
async function setClock(iso: string) {
  const next = Date.parse(iso);
  robots.elapse(Math.max(0, next - clockAt));
  clockAt = next;
  expect((await call(null, 'PUT', '/dev/clock', { now: iso })).status).toBe(200);
}
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const notify = async () => (await call(null, 'POST', '/dev/jobs/notify')).body.result as { sent: number; messages: number; failed: number; due: number };

/** Notifications published through the wiring (the same path every source takes). */
async function publish(count: number, owner: { regionCode: string; departmentId?: string }, audiences: Audience[], title = '测试通知') {
  const now = deps.clock.now();
  const events: NotificationEvent[] = Array.from({ length: count }, (_, i) => ({
    key: unique('ev'),
    type: 'stale_warning',
    at: now,
    entity: { type: 'account', id: unique('acc') },
    title: `${title} ${i + 1}`,
    body: `第 ${i + 1} 条：请尽快更新。`,
    regionCode: owner.regionCode,
    ...(owner.departmentId ? { departmentId: owner.departmentId } : {}),
    audiences,
  }));
  return publishEvents(events, supervisionPortsOf(deps));
}
const toEditors = (dept: { id: string; regionCode: string }, count: number, title?: string) =>
  publish(count, { regionCode: dept.regionCode, departmentId: dept.id }, [{ role: 'editor', departmentId: dept.id }], title);

async function deliveries(region: string, status?: string) {
  const res = await call(office(region), 'GET', `/deliveries?limit=500${status ? `&status=${status}` : ''}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: string | null; sentAt: string | null; channel: { kind: string; owner: { type: string; id: string } }; notification: { title: string } }[];
}

describe('configuring channels', () => {
  it('an office sets a department’s robots and reads back what is configured, never the URL or secret', async () => {
    const dept = await makeDepartment('330201');
    const wecom = robots.wecom(key());
    const ding = robots.dingtalk(key(), secret());
    const put = await call(office('330201'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url }, dingtalk: { webhookUrl: ding.url, secret: 'SECabc123' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ owner: { type: 'department', id: dept.id }, wecom: { configured: true, host: robotHost() }, dingtalk: { configured: true, host: robotHost() }, version: 1 });
    const get = await call(editorOf(dept), 'GET', `/departments/${dept.id}/channels`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual(put.body);
    const text = JSON.stringify([put.body, get.body]);
    expect(text).not.toContain(new URL(wecom.url).searchParams.get('key')!);
    expect(text).not.toContain('SECabc123');
    expect(text).not.toContain('webhook/send');
  });

  it('PUT replaces the whole configuration: a robot left out is removed', async () => {
    const dept = await makeDepartment('330201');
    const both = { wecom: { webhookUrl: robots.wecom(key()).url }, dingtalk: { webhookUrl: robots.dingtalk(key(), secret()).url, secret: secret() } };
    await call(office('330201'), 'PUT', `/departments/${dept.id}/channels`, both);
    const res = await call(office('330201'), 'PUT', `/departments/${dept.id}/channels`, { wecom: both.wecom, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ wecom: { configured: true }, dingtalk: { configured: false }, version: 2 });
    const cleared = await call(office('330201'), 'PUT', `/departments/${dept.id}/channels`, {});
    expect(cleared.body).toMatchObject({ wecom: { configured: false }, dingtalk: { configured: false }, version: 3 });
  });

  it('a stale version is 409 and changes nothing', async () => {
    const dept = await makeDepartment('330201');
    await call(office('330201'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: robots.wecom(key()).url } });
    const res = await call(office('330201'), 'PUT', `/departments/${dept.id}/channels`, { version: 5 });
    expect(res.status).toBe(409);
    expect((await call(office('330201'), 'GET', `/departments/${dept.id}/channels`)).body.wecom.configured).toBe(true);
  });

  it.each([
    ['an unknown host', 'https://hooks.example.com/cgi-bin/webhook/send?key=abcdefgh12', 'webhook_host_not_allowed'],
    ['the metadata address', 'http://169.254.169.254/cgi-bin/webhook/send?key=abcdefgh12', 'webhook_host_not_allowed'],
    ['an internal address', 'https://10.0.0.5/cgi-bin/webhook/send?key=abcdefgh12', 'webhook_host_not_allowed'],
    ['a look-alike suffix', 'https://qyapi.weixin.qq.com.evil.cn/cgi-bin/webhook/send?key=abcdefgh12', 'webhook_host_not_allowed'],
    ['plain http to the robot host', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12', 'webhook_insecure'],
  ])('refuses %s with 422', async (_, webhookUrl, code) => {
    const dept = await makeDepartment('330202');
    const res = await call(office('330202'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).not.toContain('abcdefgh12');
    expect((await call(office('330202'), 'GET', `/departments/${dept.id}/channels`)).body.wecom.configured).toBe(false);
  });

  it.each([
    ['not a URL', { wecom: { webhookUrl: 'qyapi' } }, 'wecom.webhookUrl'],
    ['the wrong path', { wecom: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/send?key=abcdefgh12' } }, 'wecom.webhookUrl'],
    ['no key', { wecom: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' } }, 'wecom.webhookUrl'],
    ['a 钉钉 robot without its secret', { dingtalk: { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdefgh12' } }, 'dingtalk.secret'],
    ['an unknown field', { slack: { webhookUrl: 'https://hooks.slack.com/x' } }, 'slack'],
  ])('refuses %s with 400 at the field', async (_, body, path) => {
    const dept = await makeDepartment('330202');
    const res = await call(office('330202'), 'PUT', `/departments/${dept.id}/channels`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it.each([
    ['the department’s approver', (d: { id: string; regionCode: string }) => approverOf(d), 200],
    ['an editor of the department', (d: { id: string; regionCode: string }) => editorOf(d), 403],
    ['an office of another region', () => office('440105'), 404],
    ['a reviewer of the region', (d: { id: string; regionCode: string }) => ({ sub: 'reviewer-x', roles: ['reviewer'], region: d.regionCode }) as Caller, 403],
  ])('a department’s channels may be set by %s: %i', async (_, who, status) => {
    const dept = await makeDepartment('330203');
    const res = await call(who(dept), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: robots.wecom(key()).url } });
    expect(res.status).toBe(status);
  });

  it('a region’s channels: its office sets them, an office elsewhere does not see them', async () => {
    const res = await call(office('330204'), 'PUT', '/regions/330204/channels', { dingtalk: { webhookUrl: robots.dingtalk(key(), secret()).url, secret: secret() } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ owner: { type: 'region', id: '330204' }, dingtalk: { configured: true } });
    expect((await call(office('440105'), 'GET', '/regions/330204/channels')).status).toBe(404);
    expect((await call(office('440105'), 'PUT', '/regions/330204/channels', {})).status).toBe(404);
  });

  it('the audit trail names the robots and hosts, never the URL or secret', async () => {
    const dept = await makeDepartment('330205');
    const wecom = robots.wecom(key());
    const s = secret();
    await call(office('330205'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url }, dingtalk: { webhookUrl: robots.dingtalk(key(), s).url, secret: s } });
    const log = await call(office('330205'), 'GET', `/audit-log?entity=channel:channel-d-${dept.id}`);
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ action: 'channels.set', after: { wecom: { host: robotHost() }, dingtalk: { host: robotHost() } } });
    const text = JSON.stringify(log.body);
    expect(text).not.toContain(new URL(wecom.url).searchParams.get('key')!);
    expect(text).not.toContain(s);
  });
});

describe('delivering to group robots', () => {
  it('a stale warning from the sweep reaches the department’s 企业微信 robot once, however often the sweep and the job run', async () => {
    const dept = await makeDepartment('330211');
    const wecom = robots.wecom(key());
    await call(office('330211'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url } });
    await setClock('2027-05-10T09:00:00+08:00');
    const acc = await call(office('330211'), 'POST', '/accounts', accountBody(dept.id, { name: '千岛湖发布' }));
    expect(acc.status).toBe(201);
    await setClock('2027-05-21T03:00:00+08:00');
    for (let i = 0; i < 3; i++) {
      await call(null, 'POST', '/dev/jobs/sweep');
      await notify();
    }
    const mine = wecom.received.filter((m) => m.text.includes('千岛湖发布') && m.text.includes('未更新'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body.msgtype).toBe('markdown');
    expect(mine[0]!.text).toContain('未更新');
    const listed = (await deliveries('330211', 'sent')).filter((d) => d.notification.title.includes('未更新'));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null, channel: { kind: 'wecom', owner: { type: 'department', id: dept.id } } });
  });

  it('a region’s 钉钉 robot gets what is addressed to the region’s office, signed with its secret (verified by the robot)', async () => {
    const s = secret();
    const ding = robots.dingtalk(key(), s);
    await call(office('330212'), 'PUT', '/regions/330212/channels', { dingtalk: { webhookUrl: ding.url, secret: s } });
    await publish(1, { regionCode: '330212' }, [{ role: 'office', regionCode: '330212' }, { role: 'reviewer', regionCode: '330212' }], '整改已反馈');
    const report = await notify();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(ding.received).toHaveLength(1);
    expect(ding.received[0]!.body.markdown.title).toContain('整改已反馈');
    expect(await deliveries('330212', 'sent')).toHaveLength(1);
  });

  it('a wrong 钉钉 secret fails at once with the robot’s errcode and errmsg as the last error', async () => {
    const ding = robots.dingtalk(key(), secret());
    await call(office('330213'), 'PUT', '/regions/330213/channels', { dingtalk: { webhookUrl: ding.url, secret: secret() } });
    await publish(1, { regionCode: '330213' }, [{ role: 'office', regionCode: '330213' }]);
    await notify();
    const [failed] = await deliveries('330213', 'failed');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(failed!.lastError).toContain('310000');
    expect(failed!.lastError).toContain('sign not match');
    expect(ding.received).toHaveLength(0);
  });

  it('a removed robot (unknown key) fails at once with 93000', async () => {
    const dept = await makeDepartment('330214');
    await call(office('330214'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: `${robots.base}/cgi-bin/webhook/send?key=${key()}` } });
    await toEditors(dept, 1);
    await notify();
    const [failed] = await deliveries('330214', 'failed');
    expect(failed!.lastError).toContain('93000');
  });

  it('retries with backoff and then succeeds (the robot fails twice)', async () => {
    const dept = await makeDepartment('330215');
    const wecom = robots.wecom(key());
    wecom.script.push(serverError, busy);
    await call(office('330215'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url } });
    const t0 = '2027-06-01T10:00:00.000Z';
    await setClock(t0);
    await toEditors(dept, 1);
    await notify();
    let [d] = await deliveries('330215');
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d!.lastError).toContain('502');
    expect(Date.parse(d!.nextAttemptAt!) - Date.parse(t0)).toBeGreaterThanOrEqual(60_000);
    await notify(); // not due yet: nothing happens
    expect((await deliveries('330215'))[0]!.attempts).toBe(1);
    await setClock(later(t0, 61_000));
    await notify();
    [d] = await deliveries('330215');
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(d!.lastError).toContain('errcode -1');
    await setClock(later(t0, 61_000 + 5 * 60_000 + 1_000));
    await notify();
    [d] = await deliveries('330215');
    expect(d).toMatchObject({ status: 'sent', attempts: 3 });
    expect(wecom.received).toHaveLength(1);
  });

  it('gives up after five failed attempts', async () => {
    const dept = await makeDepartment('330216');
    const wecom = robots.wecom(key());
    wecom.script.push(busy, busy, busy, busy, busy, ok);
    await call(office('330216'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url } });
    let t = '2027-06-02T10:00:00.000Z';
    await setClock(t);
    await toEditors(dept, 1);
    for (const waitMin of [1, 5, 30, 120, 0]) {
      await notify();
      t = later(t, waitMin * 60_000 + 1_000);
      await setClock(t);
    }
    const [d] = await deliveries('330216');
    expect(d).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null });
    expect(d!.lastError).toContain('已重试 5 次');
  });

  it('a rate-limit answer (45009) re-schedules without counting as a failure', async () => {
    const dept = await makeDepartment('330217');
    const wecom = robots.wecom(key());
    wecom.script.push({ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } });
    await call(office('330217'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url } });
    const t0 = '2027-06-03T10:00:00.000Z';
    await setClock(t0);
    await toEditors(dept, 1);
    await notify();
    let [d] = await deliveries('330217');
    expect(d).toMatchObject({ status: 'pending', attempts: 0 });
    expect(d!.lastError).toContain('45009');
    await setClock(later(t0, 61_000));
    await notify();
    [d] = await deliveries('330217');
    expect(d).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('45 notifications for one robot go out as at most 20 messages in the minute, each notification once', async () => {
    const dept = await makeDepartment('330218');
    const wecom = robots.wecom(key());
    await call(office('330218'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url } });
    await setClock('2027-06-04T10:00:00.000Z');
    await toEditors(dept, 45, '批量通知');
    await notify();
    expect(wecom.received.length).toBeLessThanOrEqual(20);
    const listed = wecom.received.flatMap((m) => [...m.text.matchAll(/批量通知 (\d+)/g)].map((x) => Number(x[1])));
    expect(listed.sort((a, b) => a - b)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(wecom.received.some((m) => m.text.includes('通知汇总'))).toBe(true);
    expect(await deliveries('330218', 'sent')).toHaveLength(45);
  });

  it('a robot’s minute is counted across runs: what does not fit waits for the next minute', async () => {
    const dept = await makeDepartment('330219');
    const wecom = robots.wecom(key());
    await call(office('330219'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: wecom.url } });
    const t0 = '2027-06-05T10:00:00.000Z';
    await setClock(t0);
    await toEditors(dept, 15, '先发');
    await notify();
    expect(wecom.received).toHaveLength(15);
    await toEditors(dept, 60, '后发');
    await notify();
    expect(wecom.received).toHaveLength(20);
    const waiting = await deliveries('330219', 'pending');
    expect(waiting.length).toBeGreaterThan(0);
    await setClock(later(t0, 61_000));
    await notify();
    expect(await deliveries('330219', 'pending')).toHaveLength(0);
    expect(await deliveries('330219', 'sent')).toHaveLength(75);
    const firstMinute = wecom.received.filter((m) => m.at < wecom.received[0]!.at + 60_000);
    expect(firstMinute.length).toBeLessThanOrEqual(20);
  });

  it('a robot removed from the configuration leaves its pending deliveries failed, saying so', async () => {
    const dept = await makeDepartment('330220');
    await call(office('330220'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: robots.wecom(key()).url } });
    await toEditors(dept, 1);
    await call(office('330220'), 'PUT', `/departments/${dept.id}/channels`, {});
    await notify();
    const [d] = await deliveries('330220', 'failed');
    expect(d!.lastError).toContain('channel removed');
  });

  it('secrets never appear in a delivery listing or in the logs', async () => {
    const dept = await makeDepartment('330221');
    const k = key();
    const s = secret();
    const out: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (out.push(String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (out.push(String(chunk)), true)),
    ];
    try {
      await call(office('330221'), 'PUT', `/departments/${dept.id}/channels`, { wecom: { webhookUrl: `${robots.base}/cgi-bin/webhook/send?key=${k}` }, dingtalk: { webhookUrl: `${robots.base}/robot/send?access_token=${k}x`, secret: s } });
      await toEditors(dept, 2);
      await notify();
    } finally {
      spies.forEach((sp) => sp.mockRestore());
    }
    const listing = JSON.stringify(await deliveries('330221'));
    expect(listing).toContain('failed'); // both robots are unknown to the server: 93000 and 300001
    for (const text of [listing, out.join('')]) {
      expect(text).not.toContain(k);
      expect(text).not.toContain(s);
    }
  });

  it('deliveries are listed for an office of the region only', async () => {
    expect((await call(editorOf(await makeDepartment('330222')), 'GET', '/deliveries')).status).toBe(403);
    expect((await call(office('330222'), 'GET', '/deliveries?region=440105')).status).toBe(403);
    expect((await call(office('330222'), 'GET', '/deliveries?status=lost')).status).toBe(400);
  });
});
