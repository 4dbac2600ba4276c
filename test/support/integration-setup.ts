import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDynamoClients } from '../../functions/store/client';
import { ensureTable } from '../../functions/store/ensure-table';

// Runs before each test file is imported, so functions/config.ts reads these once, as in production.
const table = `govmedia-test-${randomBytes(6).toString('hex')}`;
process.env.TABLE_NAME = table;
process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.AWS_REGION = 'cn-north-1';
process.env.GOVMEDIA_AUTH = 'dev';
process.env.GOVMEDIA_DEV_SIGNING_KEY = randomBytes(32).toString('hex');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Closure attachments go to a directory of this test file's own (functions/attachments).
process.env.GOVMEDIA_ATTACHMENTS_DIR = mkdtempSync(join(tmpdir(), 'govmedia-attachments-'));
// The credential vault (platform credentials, group-robot webhooks) in a directory of this test file's own.
process.env.GOVMEDIA_DATA_DIR = mkdtempSync(join(tmpdir(), 'govmedia-data-'));
// Group robots: the two real hosts and the local robot servers the channel tests start (http allowed for loopback only).
process.env.GOVMEDIA_WEBHOOK_HOSTS = 'qyapi.weixin.qq.com,oapi.dingtalk.com,127.0.0.1';

const { raw } = createDynamoClients({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'cn-north-1' });
await ensureTable(raw, table);
raw.destroy();
