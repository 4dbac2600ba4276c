import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long a shutdown lets in-flight requests finish before their connections are closed. */
export const DRAIN_TIMEOUT_MS = 10_000;

export interface Listening {
  server: Server;
  port: number;
  /**
   * Stops accepting connections, lets the requests in flight finish (idle keep-alive
   * connections are closed at once), and after `timeoutMs` closes whatever is still open.
   * Resolves once the server is closed; `forced` says whether the bound was reached.
   */
  drain(timeoutMs?: number): Promise<{ forced: boolean }>;
}

/** Serves a fetch handler (the Hono app) with @hono/node-server; rejects with a one-line message when the port is taken. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>, opts: { port: number; hostname: string }): Promise<Listening> {
  const server = serve({ fetch, port: opts.port, hostname: opts.hostname }) as Server;
  await new Promise<void>((ok, fail) => {
    server.once('listening', () => ok());
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(new Error(err.code === 'EADDRINUSE' ? `端口 ${opts.port} 已被占用：请用 PORT=<其他端口> npm start (port ${opts.port} is in use)` : err.message)),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return { server, port, drain: (timeoutMs = DRAIN_TIMEOUT_MS) => drain(server, timeoutMs) };
}

async function drain(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  const closed = new Promise<void>((ok) => server.close(() => ok()));
  // A connection whose response has ended may stay open for keep-alive: close those as they go idle.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  let bound: NodeJS.Timeout | undefined;
  const forced = await Promise.race([closed.then(() => false), new Promise<boolean>((r) => (bound = setTimeout(() => r(true), timeoutMs)))]);
  clearInterval(sweep);
  clearTimeout(bound);
  if (forced) {
    server.closeAllConnections();
    await closed;
  }
  return { forced };
}
