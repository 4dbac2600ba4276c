import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeXlsxWorkers } from '../../functions/api/spreadsheet';
import { XLSX_LIMITS } from '../../functions/api/xlsx-reader';
import { app, call, makeDepartment, office, tokenFor, unique } from '../support/api';
import { nested, xlsx } from '../support/xlsx';

/**
 * Issue 10, "Costly inputs": a small upload must not buy unbounded parse work, and no
 * upload may hold up other requests (the parse runs in a worker thread).
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['平台', '账号', '账号名称', '主办单位', '互动功能', '联系人'];
const validRow = (department: string) => ['微博', unique('costly'), '淳安发布', department, '是', '王敏'];

afterAll(closeXlsxWorkers);

async function accountsOf(departmentId: string): Promise<unknown[]> {
  const res = await call(office(), 'GET', `/accounts?department=${departmentId}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('POST /imports refuses spreadsheets over the parse bounds', () => {
  it.each([
    ['the reported file: three million nested elements in 20 KB', (rows: string[][]) => xlsx(rows, { after: nested(3_000_000) }), '压缩比'],
    [
      'the same file with zip headers that understate its size',
      (rows: string[][]) => xlsx(rows, { after: nested(3_000_000), sheet: { declaredSize: 4096 } }),
      '压缩比',
    ],
    ['XML nested deeper than the bound', (rows: string[][]) => xlsx(rows, { after: nested(XLSX_LIMITS.maxDepth) }), '嵌套'],
    [
      'more XML elements than the bound',
      (rows: string[][]) => xlsx(rows, { after: Array.from({ length: XLSX_LIMITS.maxElements }, (_, i) => `<x n="${i}"/>`).join('') }),
      'XML 元素',
    ],
  ])('refuses %s with 422 spreadsheet_too_complex and imports nothing', async (_label, file, reason) => {
    const dept = await makeDepartment();
    const res = await call(office(), 'POST', '/imports', file([HEADERS, validRow(dept.id)]), { 'content-type': XLSX });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('spreadsheet_too_complex');
    expect(res.body.error.message).toContain(reason);
    expect(await accountsOf(dept.id)).toEqual([]);
  });

  it('imports the same workbook without the extra elements (the refusals are about the bounds, not the file)', async () => {
    const dept = await makeDepartment();
    const res = await call(office(), 'POST', '/imports', xlsx([HEADERS, validRow(dept.id)]), { 'content-type': XLSX });
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(1);
    expect(await accountsOf(dept.id)).toHaveLength(1);
  });

  it('reports the unknown columns of a CSV header of 100,000 columns among the first 64 only', async () => {
    const header = ['平台', '账号', ...Array.from({ length: 100_000 }, (_, i) => `列${i}`)].join(',');
    const res = await call(office(), 'POST', '/imports', `${header}\r\n微博,x`, { 'content-type': 'text/csv' });
    expect(res.status).toBe(400);
    const unknown = res.body.error.issues.filter((i: { message: string }) => i.message.includes('未知的列'));
    expect(unknown).toHaveLength(62);
  });
});

describe('a parse does not hold up other requests', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** One request over a real socket: `sent` when the body is written, `answered` with the status. */
  function send(method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array) {
    let sent!: () => void;
    const written = new Promise<void>((resolve) => (sent = resolve));
    const answered = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body, sent);
    });
    return { written, answered };
  }

  it('answers GET /health while costly XLSX uploads are being parsed, before they have all finished', async () => {
    // Within every bound, and a lot of work: 15,000 rows of inline strings (each upload ends 400, over 5,000 rows).
    const costly = xlsx(Array.from({ length: 15_000 }, (_, i) => ['微博', `h${i}`, '淳安发布', '县委宣传部', '是']));
    const headers = { authorization: `Bearer ${await tokenFor(office())}`, 'content-type': XLSX, 'content-length': String(costly.length) };
    const order: string[] = [];
    const uploads = [0, 1, 2, 3].map((i) => {
      const upload = send('POST', '/api/v1/imports?dryRun=true', headers, costly);
      void upload.answered.then(() => order.push(`upload ${i}`));
      return upload;
    });
    // Once one upload is answered the others are being parsed (or wait for a parse worker): ask then.
    await Promise.race(uploads.map((u) => u.answered));
    const health = send('GET', '/health');
    void health.answered.then(() => order.push('health'));

    expect(await health.answered).toBe(200);
    expect(await Promise.all(uploads.map((u) => u.answered))).toEqual([400, 400, 400, 400]);
    // Parsed on the event loop, /health would wait for every upload (it came last when tried).
    expect(order.at(-1)).toMatch(/^upload/);
  });
});
