/**
 * `npm start`: the whole product on one machine. DynamoDB Local (data under
 * GOVMEDIA_DATA_DIR), the table, demo data on first start (unless
 * GOVMEDIA_SEED=0), the API and the built web app on PORT, the scheduled
 * jobs on timers. DynamoDB Local is watched: if it dies it is started again
 * (same data and port, a few times at most), else GovMedia stops with one line
 * saying why. Ctrl-C, SIGTERM or SIGHUP drains: no new connections, requests in flight
 * finish (10 s at most), the job timers stop, then DynamoDB Local, then exit.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { endpointOf, freePort, JavaMissing, QUICK_JIT, startDynamoLocal } from './dynamo-local';
import type { LocalServer } from './server';
import { SUPERVISION_DEFAULTS, superviseDynamoLocal } from './supervise';

const dataDir = resolve(process.env.GOVMEDIA_DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 8787);
const seed = process.env.GOVMEDIA_SEED !== '0';
/** DynamoDB Local's port (a free one by default); it stays the same across restarts. */
const dynamoPort = process.env.GOVMEDIA_DYNAMODB_PORT ? Number(process.env.GOVMEDIA_DYNAMODB_PORT) : undefined;
/** Whatever hangs in a shutdown, the process ends after this long. */
const SHUTDOWN_DEADLINE_MS = 30_000;

function devSigningKey(): string {
  const file = resolve(dataDir, 'dev-signing-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const storePort = dynamoPort ?? (await freePort());
  let local: LocalServer | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止 GovMedia (stopping)…');
    setTimeout(() => {
      console.error(`停止超时，强制退出 (shutdown took over ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting)`);
      process.exit(code || 1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await local?.shutdown();
    } catch (err) {
      console.error('shutdown:', err instanceof Error ? err.message : err);
    }
    await dynamo.stop();
    process.exit(code);
  };
  // Configuration is read when the app modules load, so the environment is set first; the
  // endpoint is known from the port, so the modules load while DynamoDB Local starts.
  process.env.TABLE_NAME ??= 'govmedia';
  process.env.DYNAMODB_ENDPOINT = endpointOf(storePort);
  process.env.AWS_REGION ??= 'cn-north-1';
  process.env.GOVMEDIA_AUTH = 'dev';
  process.env.GOVMEDIA_DEV_SIGNING_KEY ??= devSigningKey();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const server = import('./server');
  // Awaited below; a failure to load is reported there, once DynamoDB Local can be stopped.
  server.catch(() => {});
  const dynamo = await superviseDynamoLocal({
    start: () => startDynamoLocal({ dataDir: resolve(dataDir, 'dynamodb'), port: storePort, jvmFlags: QUICK_JIT }),
    onRestart: ({ n, exit }) =>
      console.warn(
        `DynamoDB Local 意外退出，已重新启动 (DynamoDB Local exited with ${exit.signal ?? `code ${exit.code}`}; restarted on port ${storePort}, ${n}/${SUPERVISION_DEFAULTS.maxRestarts})`,
      ),
    onGiveUp: (message) => {
      console.error(message);
      void stop(1);
    },
  });
  // A closed terminal or pipe (the parent is gone) must not end the shutdown halfway.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  try {
    const { runLocal } = await server;
    local = await runLocal({ port, seed, dataDir });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

main().catch((err) => {
  if (err instanceof JavaMissing) console.error(err.message);
  else console.error('GovMedia failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
