import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The only way past the SSRF guard: the allow-list setting, read once when functions/links/config.ts loads.
const PORT = vi.hoisted(() => {
  const port = 41000 + (process.pid % 9000);
  process.env.GOVMEDIA_LINK_CHECK_ALLOW = `127.0.0.1:${port}`;
  return port;
});

import { devJobsOf } from '../../functions/local/jobs';
import { runLinkCheck, type LinkCheckDeps } from '../../functions/jobs/link-check';
import { localDeps } from '../../functions/wiring/local';
import { call, makeDepartment, office, editorOf } from '../support/api';

/**
 * The daily link check against a local HTTP server: each service link and the account URL
 * fetched (HEAD then GET, redirects re-checked hop by hop, a timeout, a soft 404 by title),
 * the results kept per link and shown on the account, the broken service links becoming the
 * service_links deduction; and the guard refusing internal addresses before and after DNS.
 */

const BASE = `http://127.0.0.1:${PORT}`;
let server: Server;
const hits: string[] = [];

const page = (title: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>…</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', BASE).pathname;
    hits.push(`${req.method} ${path}`);
    const html = (status: number, title: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : page(title));
    };
    const redirect = (to: string) => {
      res.writeHead(302, { location: to });
      res.end();
    };
    switch (path) {
      case '/ok':
        return html(200, '社保查询 - 县人力资源和社会保障局');
      case '/missing':
        return html(404, 'Not Found');
      case '/soft':
        return html(200, '404 页面不存在');
      case '/no-head':
        if (req.method === 'HEAD') {
          res.writeHead(405);
          return res.end();
        }
        return html(200, '办事指南');
      case '/moved':
        return redirect('/ok');
      case '/loop-a':
        return redirect('/loop-b');
      case '/loop-b':
        return redirect(`${BASE}/loop-a`);
      case '/chain':
        return redirect('/chain-1');
      case '/to-metadata':
        return redirect('http://169.254.169.254/latest/meta-data/');
      case '/to-intranet':
        return redirect('http://intranet.example/');
      case '/slow':
        return; // never answers
      default:
        if (path.startsWith('/chain-')) return redirect(`/chain-${Number(path.slice(7)) + 1}`);
        return html(404, 'Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const deps = localDeps();
/** A resolver that answers as an intranet's DNS would; the test's links never leave the machine. */
const resolve = async (host: string) => (host === 'intranet.example' ? ['10.0.0.5'] : host === 'rebind.example' ? ['203.0.113.9', '127.0.0.1'] : []);
const checkDeps: LinkCheckDeps = { ...deps, probe: { timeoutMs: 1500, resolve } };

async function accountWith(serviceLinks: { label: string; url: string }[], url?: string) {
  const dept = await makeDepartment();
  const res = await call(office(dept.regionCode), 'POST', '/accounts', {
    platform: 'wechat',
    handle: `links-${Math.random().toString(36).slice(2, 10)}`,
    name: '链接检查测试号',
    departmentId: dept.id,
    interactionEnabled: true,
    contacts: [{ name: '王敏', phone: '0571-65012345' }],
    serviceLinks,
    ...(url ? { url } : {}),
  });
  expect(res.status).toBe(201);
  return { dept, account: res.body as { id: string } };
}

async function resultsOf(dept: { id: string; regionCode: string }, accountId: string) {
  const r = await call(editorOf(dept), 'GET', `/accounts/${accountId}/links`);
  expect(r.status).toBe(200);
  return r.body as { checkedAt: string; broken: number; results: { url: string; kind: string; verdict: string; status?: number; error?: { code: string; message: string }; redirects: number; checkedAt: string }[] };
}

describe('the link check against a local server', () => {
  it.each([
    ['/ok', 'ok', 200, undefined],
    ['/missing', 'broken', 404, 'http_404'],
    ['/soft', 'broken', 200, 'soft_404'],
    ['/no-head', 'ok', 200, undefined],
    ['/moved', 'ok', 200, undefined],
    ['/loop-a', 'broken', undefined, 'redirect_loop'],
    ['/chain', 'broken', undefined, 'too_many_redirects'],
    ['/slow', 'broken', undefined, 'timeout'],
    ['/to-metadata', 'broken', undefined, 'metadata'],
    ['/to-intranet', 'broken', undefined, 'private'],
  ])('%s → %s (%s, %s)', async (path, verdict, status, code) => {
    const { dept, account } = await accountWith([{ label: '服务', url: `${BASE}${path}` }]);
    const report = await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    expect(report.failed).toEqual([]);
    const [result] = (await resultsOf(dept, account.id)).results;
    expect(result).toMatchObject({ kind: 'service', url: `${BASE}${path}`, verdict });
    expect(result!.status).toBe(status);
    expect(result!.error?.code).toBe(code);
    if (code) expect(result!.error!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('HEAD first, GET only to read an HTML page or when HEAD is refused', async () => {
    const { account } = await accountWith([{ label: '办事指南', url: `${BASE}/no-head` }]);
    hits.length = 0;
    await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    expect(hits).toEqual(['HEAD /no-head', 'GET /no-head']);
  });

  it('a redirect to an internal address is refused before connecting: the metadata address is never asked', async () => {
    const { dept, account } = await accountWith([{ label: '跳转', url: `${BASE}/to-metadata` }]);
    await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    const [result] = (await resultsOf(dept, account.id)).results;
    expect(result).toMatchObject({ redirects: 1, error: { code: 'metadata' } });
  });

  it('a name resolving to an internal address among public ones is refused (every resolved address is checked)', async () => {
    const { dept, account } = await accountWith([{ label: '重绑定', url: 'http://rebind.example/' }]);
    await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    expect((await resultsOf(dept, account.id)).results[0]).toMatchObject({ verdict: 'broken', error: { code: 'loopback' } });
  });

  it('the allow-list admits only its host:port: another local port is refused', async () => {
    const { dept, account } = await accountWith([{ label: '另一端口', url: `http://127.0.0.1:${PORT + 1}/ok` }]);
    await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    expect((await resultsOf(dept, account.id)).results[0]).toMatchObject({ verdict: 'broken', error: { code: 'port_not_allowed' } });
  });
});

describe('results as evidence', () => {
  it('broken service links become the service_links deduction; the account URL is checked and shown but deducts nothing', async () => {
    const { dept, account } = await accountWith(
      [
        { label: '社保查询', url: `${BASE}/ok` },
        { label: '公积金', url: `${BASE}/missing` },
        { label: '医保', url: `${BASE}/soft` },
      ],
      `${BASE}/gone-account-page`,
    );
    await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    const view = await resultsOf(dept, account.id);
    expect(view.broken).toBe(3);
    expect(view.results.map((r) => [r.kind, r.verdict])).toEqual([
      ['service', 'ok'],
      ['service', 'broken'],
      ['service', 'broken'],
      ['account', 'broken'],
    ]);
    const grade = await call(editorOf(dept), 'GET', `/accounts/${account.id}/grade`);
    const deduction = grade.body.deductions.find((d: { code: string }) => d.code === 'service_links');
    expect(deduction.evidence.brokenLinks).toEqual([`${BASE}/missing`, `${BASE}/soft`]);
  });

  it('an unchanged set of broken links records no new snapshot; a mended link clears the deduction', async () => {
    const { dept, account } = await accountWith([{ label: '公积金', url: `${BASE}/missing` }]);
    expect((await runLinkCheck({ accountIds: [account.id] }, checkDeps)).evidenceChanged).toBe(1);
    expect((await runLinkCheck({ accountIds: [account.id] }, checkDeps)).evidenceChanged).toBe(0);
    const patched = await call(office(dept.regionCode), 'GET', `/accounts/${account.id}`);
    const res = await call(office(dept.regionCode), 'PATCH', `/accounts/${account.id}`, { version: patched.body.version, serviceLinks: [{ label: '公积金', url: `${BASE}/ok` }] });
    expect(res.status).toBe(200);
    expect((await runLinkCheck({ accountIds: [account.id] }, checkDeps)).evidenceChanged).toBe(1);
    const grade = await call(editorOf(dept), 'GET', `/accounts/${account.id}/grade`);
    expect(grade.body.deductions.some((d: { code: string }) => d.code === 'service_links')).toBe(false);
  });

  it('the link snapshot keeps the interaction figures of the last fetch', async () => {
    const { dept, account } = await accountWith([{ label: '公积金', url: `${BASE}/missing` }]);
    const at = new Date(Date.now() - 60_000).toISOString();
    expect((await call(office(dept.regionCode), 'POST', `/accounts/${account.id}/metrics`, { at, followers: 900, messagesReceived: 5, messagesAnswered: 2, oldestUnansweredDays: 9 })).status).toBeLessThan(300);
    await runLinkCheck({ accountIds: [account.id] }, checkDeps);
    const metrics = await call(editorOf(dept), 'GET', `/accounts/${account.id}/metrics`);
    expect(metrics.body.items[0]).toMatchObject({ followers: 900, messagesReceived: 5, messagesAnswered: 2, oldestUnansweredDays: 9, brokenServiceLinks: [`${BASE}/missing`] });
  });

  it('runs locally as POST /dev/jobs/link-check', () => {
    expect(Object.keys(devJobsOf(deps))).toContain('link-check');
  });
});
