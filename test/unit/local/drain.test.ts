import { Hono } from 'hono';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listen } from '../../../functions/local/http-server';

/** One GET on a new connection (no agent, so never a reused socket). */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** A server whose /slow request answers only when the test opens the gate. */
async function slowServer() {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let arrived!: () => void;
  const inFlight = new Promise<void>((r) => (arrived = r));
  const app = new Hono();
  app.get('/slow', async (c) => {
    arrived();
    await gate;
    return c.json({ done: true });
  });
  app.get('/fast', (c) => c.json({ ok: true }));
  const http = await listen(app.fetch, { port: 0, hostname: '127.0.0.1' });
  return { http, open, inFlight };
}

describe('draining the local server on SIGTERM/SIGINT', () => {
  it('lets a request in flight finish with 200', async () => {
    const { http, open, inFlight } = await slowServer();
    const slow = get(http.port, '/slow');
    await inFlight;
    const drained = http.drain(5000);
    open();
    expect(await slow).toEqual({ status: 200, body: '{"done":true}' });
    expect(await drained).toEqual({ forced: false });
  });

  it('closes a keep-alive connection once its request has finished, without waiting for the keep-alive timeout', async () => {
    const { http, open, inFlight } = await slowServer();
    const slow = fetch(`http://127.0.0.1:${http.port}/slow`).then(async (r) => ({ status: r.status, body: await r.text() }));
    await inFlight;
    const drained = http.drain(5000);
    open();
    const started = Date.now();
    expect(await slow).toEqual({ status: 200, body: '{"done":true}' });
    expect(await drained).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses new connections while it drains', async () => {
    const { http, open, inFlight } = await slowServer();
    const slow = get(http.port, '/slow');
    await inFlight;
    const drained = http.drain(5000);
    await expect(get(http.port, '/fast')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    open();
    await slow;
    await drained;
  });

  it('does not wait for the bound when nothing is in flight, even with an idle keep-alive connection', async () => {
    const { http } = await slowServer();
    await fetch(`http://127.0.0.1:${http.port}/fast`).then((r) => r.text());
    const started = Date.now();
    expect(await http.drain(5000)).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('closes a request still running when the bound is reached', async () => {
    const { http, inFlight } = await slowServer();
    const slow = get(http.port, '/slow');
    await inFlight;
    const started = Date.now();
    expect(await http.drain(200)).toEqual({ forced: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
