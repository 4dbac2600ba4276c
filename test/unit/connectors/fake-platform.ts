import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server (127.0.0.1, random port) that answers as a platform's public
 * API documentation says. Tests give it a handler; it records every request.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** JSON body, form fields as an object, or undefined. */
  body: any;
  raw: string;
  /** Request headers, lower-case names (Douyin sends the token as `access-token`). */
  headers: Record<string, string | string[] | undefined>;
}

export type Reply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  /** Never answer (the client must time out). */
  | 'hang'
  /** Read the request, then drop the connection without an answer. */
  | 'reset';

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

export interface FakePlatform {
  url: string;
  requests: RecordedRequest[];
  /** Requests to one path. */
  calls(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakePlatform(handler: Handler): Promise<FakePlatform> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const type = req.headers['content-type'] ?? '';
        let body: any;
        if (raw && type.includes('application/json')) body = JSON.parse(raw);
        else if (raw && type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw));
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, raw, headers: req.headers };
        requests.push(recorded);
        const reply = await handler(recorded);
        if (reply === 'hang') return;
        if (reply === 'reset') {
          req.socket.destroy();
          return;
        }
        const headers = { ...(reply.headers ?? {}) };
        let out = reply.text ?? '';
        if (reply.json !== undefined) {
          out = JSON.stringify(reply.json);
          headers['content-type'] ??= 'application/json; charset=utf-8';
        }
        res.writeHead(reply.status ?? 200, headers);
        res.end(out);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
