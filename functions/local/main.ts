/**
 * `npm start`: the whole product on one machine. DynamoDB Local (data under
 * GOVMEDIA_DATA_DIR), the table, demo data on first start (unless
 * GOVMEDIA_SEED=0), the API and the built web app on PORT, the scheduled
 * jobs on timers. Ctrl-C stops everything, DynamoDB Local included.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JavaMissing, startDynamoLocal } from './dynamo-local';

const dataDir = resolve(process.env.GOVMEDIA_DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 8787);
const seed = process.env.GOVMEDIA_SEED !== '0';

function devSigningKey(): string {
  const file = resolve(dataDir, 'dev-signing-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const dynamo = await startDynamoLocal({ dataDir: resolve(dataDir, 'dynamodb') });
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止 GovMedia (stopping)…');
    await dynamo.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  try {
    // Configuration is read when the app modules load, so the environment is set first.
    process.env.TABLE_NAME ??= 'govmedia';
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.AWS_REGION ??= 'cn-north-1';
    process.env.GOVMEDIA_AUTH = 'dev';
    process.env.GOVMEDIA_DEV_SIGNING_KEY ??= devSigningKey();
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const { runLocal } = await import('./server');
    await runLocal({ port, seed, dataDir });
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
