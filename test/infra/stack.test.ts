import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiRouteSet, credentialsRouteSet, spreadsheetRouteSet, type RouteSet } from '../../functions/api/route-sets';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/store/table-definition';
import { CREDENTIALS_ROUTES, OAUTH_CALLBACK_PATH, SPREADSHEET_ROUTES } from '../../infra/constructs/api';
import { ATTACHMENT_ACTIONS } from '../../infra/constructs/attachments';
import { CREDENTIALS_ACCESS } from '../../infra/constructs/credentials';
import { TABLE_ACCESS, type TableAccess } from '../../infra/constructs/data';
import { CALLBACK_PATH } from '../../infra/constructs/auth';
import { NOT_FOUND_PAGE, SPA_ROUTE_CODE } from '../../infra/constructs/web';
import { isAssetPath } from '../../functions/local/web-static';
import { ESM_REQUIRE_BANNER, REPO_ROOT } from '../../infra/constructs/function';
import { XLSX_JOB } from '../../functions/api/xlsx-reader';
import { nested, xlsx } from '../support/xlsx';
import { acknowledgedIds, expectNagClean } from './support/expect-nag-clean';
import { getConfig } from '../../web/src/lib/config';
import { fakeWebDist, logicalIdAt, resources, synthesize, type Json, removeTempDirs, type Synthesized } from './support/synth';

/** The dev stack, bundled for real, with a (fake) built web app so the deployment path is included. */
let s: Synthesized;
beforeAll(() => {
  s = synthesize({ stage: 'dev', region: 'ap-east-1', webDist: fakeWebDist() });
});
afterAll(removeTempDirs);


const FUNCTIONS = {
  api: 'ApiFunction/Fn',
  spreadsheets: 'SpreadsheetFunction/Fn',
  credentials: 'CredentialsFunction/Fn',
  sweep: 'Sweep/Function/Fn',
  dispatch: 'Dispatch/Function/Fn',
  fetch: 'Fetch/Function/Fn',
  notify: 'Notify/Function/Fn',
  grading: 'Grading/Function/Fn',
  linkCheck: 'LinkCheck/Function/Fn',
} as const;
const ROLES = {
  api: 'ApiFunction/Role',
  spreadsheets: 'SpreadsheetFunction/Role',
  credentials: 'CredentialsFunction/Role',
  sweep: 'Sweep/Function/Role',
  dispatch: 'Dispatch/Function/Role',
  fetch: 'Fetch/Function/Role',
  notify: 'Notify/Function/Role',
  grading: 'Grading/Function/Role',
  linkCheck: 'LinkCheck/Function/Role',
} as const;
/** The table access each function is granted (`data.grant(role, ...)` in infra/stack.ts and jobs.ts). */
const ACCESS: Record<keyof typeof ROLES, TableAccess> = { api: 'api', spreadsheets: 'api', credentials: 'credentials', sweep: 'sweep', dispatch: 'dispatch', fetch: 'fetch', notify: 'notify', grading: 'api', linkCheck: 'fetch' };

const fnId = (k: keyof typeof FUNCTIONS) => logicalIdAt(s, FUNCTIONS[k], 'AWS::Lambda::Function');
/** GOVMEDIA_CURSOR_KEY as the template carries it: a dynamic reference to the stage's generated secret, resolved at deployment. */
const cursorKeyReference = () => ({
  'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: logicalIdAt(s, 'CursorKey/Secret', 'AWS::SecretsManager::Secret') }, ':SecretString:::}}']],
});
const roleId = (k: keyof typeof ROLES) => logicalIdAt(s, ROLES[k], 'AWS::IAM::Role');
const attachmentsBucketId = () => logicalIdAt(s, 'Attachments/Bucket', 'AWS::S3::Bucket');

/** Every IAM statement in the template (policies, roles' inline policies, managed policies), with the role(s) it applies to. */
function statements(json: Json): { policy: string; roles: string[]; statement: Json }[] {
  const out: { policy: string; roles: string[]; statement: Json }[] = [];
  const add = (policy: string, roles: string[], doc: Json | undefined) => {
    for (const st of ([] as Json[]).concat(doc?.Statement ?? [])) out.push({ policy, roles, statement: st });
  };
  for (const [id, r] of resources(json, 'AWS::IAM::Policy')) add(id, (r.Properties.Roles ?? []).map((x: Json) => x.Ref), r.Properties.PolicyDocument);
  for (const [id, r] of resources(json, 'AWS::IAM::ManagedPolicy')) add(id, (r.Properties.Roles ?? []).map((x: Json) => x.Ref), r.Properties.PolicyDocument);
  for (const [id, r] of resources(json, 'AWS::IAM::Role')) for (const p of r.Properties.Policies ?? []) add(`${id}/${p.PolicyName}`, [id], p.PolicyDocument);
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The actions a role is allowed, over all its policies. */
function actionsOf(role: string): string[] {
  return statements(s.json)
    .filter((x) => x.roles.includes(role) && x.statement.Effect === 'Allow')
    .flatMap((x) => list(x.statement.Action) as string[]);
}

/**
 * Loads a function's bundle exactly as Lambda would (plain Node, ESM, no transform),
 * sends it API Gateway (payload v2) requests without a token, and returns the responses.
 */
function invokeBundle(k: keyof typeof FUNCTIONS, requests: [method: string, path: string, body?: string][], extraEnv: Record<string, string> = {}): Json[] {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(s.assetDir(fnId(k)), 'index.mjs')).href)});
    const event = (method, path, body) => ({
      version: '2.0', routeKey: '$default', rawPath: path.split('?')[0], rawQueryString: path.split('?')[1] ?? '',
      headers: { host: 'api.test', 'content-type': 'application/json' },
      requestContext: { http: { method, path: path.split('?')[0], sourceIp: '192.0.2.1', protocol: 'HTTP/1.1', userAgent: 'vitest' }, requestId: 'r1', stage: '$default', timeEpoch: Date.now() },
      isBase64Encoded: false, ...(body ? { body } : {}),
    });
    const out = [];
    for (const [method, path, body] of ${JSON.stringify(requests)}) out.push(await handler(event(method, path, body), {}));
    process.stdout.write(JSON.stringify(out));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '--enable-source-maps', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      TABLE_NAME: 'govmedia-test',
      GOVMEDIA_AUTH: 'cognito',
      COGNITO_USER_POOL_ID: 'ap-east-1_TestPool1',
      COGNITO_CLIENT_ID: 'testclient',
      GOVMEDIA_CURSOR_KEY: 'a-test-cursor-key-of-at-least-32-characters',
      AWS_REGION: 'ap-east-1',
      LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...extraEnv,
    },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Json[];
}

/** Source files an esbuild bundle was built from (from its source map). */
const bundledSources = (k: keyof typeof FUNCTIONS): string[] =>
  (JSON.parse(readFileSync(join(s.assetDir(fnId(k)), 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources;

describe('DynamoDB table (built from functions/store/table-definition.ts)', () => {
  const table = () => resources(s.json, 'AWS::DynamoDB::GlobalTable');

  it('is the one table, with the keys, GSIs and TTL attribute of the table definition', () => {
    expect(table()).toHaveLength(1);
    s.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GLOBAL_INDEXES.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has point-in-time recovery and deletion protection, and is retained', () => {
    s.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });

  it('is encrypted with a customer-managed KMS key that rotates and is retained', () => {
    const [[, t]] = table() as [[string, Json]];
    expect(t.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    const keyRef = t.Properties.Replicas[0].SSESpecification.KMSMasterKeyId['Fn::GetAtt'][0];
    expect(s.json.Resources[keyRef]).toMatchObject({ Type: 'AWS::KMS::Key', DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
  });
});

describe('functions', () => {
  it('are nodejs22.x on arm64, handler index.handler, each with its own log group with a retention', () => {
    for (const k of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
      const fn = s.json.Resources[fnId(k)];
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const logGroup = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(s.json.Resources[logGroup].Properties.RetentionInDays).toBeGreaterThan(0);
    }
    // Every log group in the stack has a retention.
    for (const [id, lg] of resources(s.json, 'AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays, id).toBeGreaterThan(0);
  });

  it('are ESM bundles for node20 with the createRequire banner, minified, with source maps', () => {
    for (const k of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
      const dir = s.assetDir(fnId(k));
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER), k).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map')), k).toBe(true);
    }
  });

  it('the API runs with Cognito auth and never carries a dev signing key', () => {
    const env = s.json.Resources[fnId('api')].Properties.Environment.Variables as Json;
    expect(env).toMatchObject({
      GOVMEDIA_AUTH: 'cognito',
      GOVMEDIA_STAGE: 'dev',
      TABLE_NAME: { Ref: expect.any(String) },
      COGNITO_USER_POOL_ID: { Ref: expect.any(String) },
      COGNITO_CLIENT_ID: { Ref: expect.any(String) },
      POWERTOOLS_SERVICE_NAME: 'govmedia-api',
      LOG_LEVEL: expect.any(String),
    });
    for (const [id, fn] of resources(s.json, 'AWS::Lambda::Function')) {
      const vars = (fn.Properties.Environment?.Variables ?? {}) as Json;
      expect(Object.keys(vars), id).not.toContain('GOVMEDIA_DEV_SIGNING_KEY');
      if ('GOVMEDIA_AUTH' in vars) expect(vars.GOVMEDIA_AUTH, id).toBe('cognito');
    }
  });

  it('every function gets the cursor key as a dynamic reference to one generated secret, never as a literal', () => {
    const secrets = resources(s.json, 'AWS::SecretsManager::Secret');
    expect(secrets.map(([id]) => id)).toEqual([logicalIdAt(s, 'CursorKey/Secret', 'AWS::SecretsManager::Secret')]);
    expect(secrets[0]![1].Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    const fns = resources(s.json, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Environment?.Variables?.GOVMEDIA_AUTH);
    expect(fns.length).toBe(Object.keys(FUNCTIONS).length);
    for (const [id, fn] of fns) expect(fn.Properties.Environment.Variables.GOVMEDIA_CURSOR_KEY, id).toEqual(cursorKeyReference());
  });

  it('no function may read the cursor key at run time (CloudFormation resolves it at deployment)', () => {
    const secretId = logicalIdAt(s, 'CursorKey/Secret', 'AWS::SecretsManager::Secret');
    const naming = statements(s.json).filter((x) => JSON.stringify(x.statement.Resource ?? '').includes(secretId));
    expect(naming).toEqual([]);
  });

  it('the bundled API refuses to start without a cursor key', () => {
    expect(() => invokeBundle('api', [['GET', '/health']], { GOVMEDIA_CURSOR_KEY: '' })).toThrow(/GOVMEDIA_CURSOR_KEY/);
  });

  it('jobs know where platform credentials live', () => {
    for (const k of ['sweep', 'dispatch', 'fetch', 'notify'] as const) {
      const env = s.json.Resources[fnId(k)].Properties.Environment.Variables as Json;
      expect(env).toMatchObject({ GOVMEDIA_AUTH: 'cognito', CREDENTIALS_SECRET_PREFIX: 'govmedia/dev/accounts/', TABLE_NAME: { Ref: expect.any(String) } });
    }
  });

  it('the notify job knows the web app\'s address for links in messages and keeps the default webhook allow-list', () => {
    const env = s.json.Resources[fnId('notify')].Properties.Environment.Variables as Json;
    expect(env).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'govmedia-notify', GOVMEDIA_WEB_URL: expect.anything() });
    expect(env.GOVMEDIA_WEBHOOK_HOSTS).toBeUndefined();
    expect(s.json.Resources[fnId('notify')].Properties.Timeout).toBe(55);
  });

  it('the bundled API answers GET /health and serves none of the local-only dev routes (token, clock, jobs)', () => {
    const [health, token, setClock, resetClock, job] = invokeBundle('api', [
      ['GET', '/health'],
      ['POST', '/api/v1/dev/token', JSON.stringify({ sub: 'x', roles: ['admin'], region: '330100' })],
      ['PUT', '/api/v1/dev/clock', JSON.stringify({ now: '2030-01-01T00:00:00Z' })],
      ['DELETE', '/api/v1/dev/clock'],
      ['POST', '/api/v1/dev/jobs/sweep'],
    ]) as [Json, Json, Json, Json, Json];
    // No table is reachable here, so the bundle's store probe answers /health with 503 (docs/api-notes.md).
    expect(health.statusCode).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: 'unavailable', checks: { store: 'down' } });
    expect([401, 404]).toContain(token.statusCode);
    expect(token.body).not.toContain('"token"');
    for (const res of [setClock, resetClock, job]) {
      expect([401, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('"now"');
      expect(res.body).not.toContain('"job"');
    }
  });

  it('no deployed route is a dev route', () => {
    const routes = resources(s.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => String(r.Properties.RouteKey));
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((key) => key.includes('/dev/'))).toEqual([]);
  });

  it('the spreadsheet function runs with Cognito auth, its own service name and no credentials prefix', () => {
    const env = s.json.Resources[fnId('spreadsheets')].Properties.Environment.Variables as Json;
    expect(env).toEqual({
      TABLE_NAME: { Ref: logicalIdAt(s, 'Data/Table', 'AWS::DynamoDB::GlobalTable') },
      GOVMEDIA_AUTH: 'cognito',
      COGNITO_USER_POOL_ID: { Ref: expect.any(String) },
      COGNITO_CLIENT_ID: { Ref: expect.any(String) },
      GOVMEDIA_STAGE: 'dev',
      GOVMEDIA_CURSOR_KEY: cursorKeyReference(),
      LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'govmedia-spreadsheets',
      ATTACHMENTS_BUCKET: { Ref: attachmentsBucketId() },
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('only the spreadsheet function knows the attachments bucket', () => {
    for (const k of ['api', 'credentials', 'sweep', 'dispatch', 'fetch'] as const) {
      expect(s.json.Resources[fnId(k)].Properties.Environment.Variables.ATTACHMENTS_BUCKET, k).toBeUndefined();
    }
  });

  it('the S3 client is bundled into the spreadsheet function only (the attachment routes), not into the API, the credentials function or the jobs', () => {
    const hasS3 = (k: keyof typeof FUNCTIONS) => bundledSources(k).some((src) => src.includes('/node_modules/@aws-sdk/client-s3/'));
    expect(hasS3('spreadsheets')).toBe(true);
    for (const k of ['api', 'credentials', 'sweep', 'dispatch', 'fetch'] as const) expect(hasS3(k), k).toBe(false);
  });

  it('exceljs is bundled into the spreadsheet function only, not into the API or the jobs', () => {
    const hasExcel = (k: keyof typeof FUNCTIONS) => bundledSources(k).some((src) => src.includes('/node_modules/exceljs/'));
    expect(hasExcel('spreadsheets')).toBe(true);
    for (const k of ['api', 'credentials', 'sweep', 'dispatch', 'fetch'] as const) expect(hasExcel(k), k).toBe(false);
  });

  it('docx (the 通报 and the 整改通知) is bundled into the spreadsheet function only, not into the API, the credentials function or the jobs', () => {
    const hasDocx = (k: keyof typeof FUNCTIONS) => bundledSources(k).some((src) => src.includes('/node_modules/docx/'));
    expect(hasDocx('spreadsheets')).toBe(true);
    for (const k of ['api', 'credentials', 'sweep', 'dispatch', 'fetch'] as const) expect(hasDocx(k), k).toBe(false);
  });

  it('the Secrets Manager client is bundled into the credentials function, not into the API', () => {
    const hasSecrets = (k: keyof typeof FUNCTIONS) => bundledSources(k).some((src) => src.includes('/node_modules/@aws-sdk/client-secrets-manager/'));
    expect(hasSecrets('credentials')).toBe(true);
    expect(hasSecrets('api')).toBe(false);
  });

  it('the credentials function runs with Cognito auth, its own service name and the stage\'s credentials prefix', () => {
    const env = s.json.Resources[fnId('credentials')].Properties.Environment.Variables as Json;
    expect(env).toEqual({
      TABLE_NAME: { Ref: logicalIdAt(s, 'Data/Table', 'AWS::DynamoDB::GlobalTable') },
      GOVMEDIA_AUTH: 'cognito',
      COGNITO_USER_POOL_ID: { Ref: expect.any(String) },
      COGNITO_CLIENT_ID: { Ref: expect.any(String) },
      GOVMEDIA_STAGE: 'dev',
      GOVMEDIA_CURSOR_KEY: cursorKeyReference(),
      LOG_LEVEL: 'INFO',
      CREDENTIALS_SECRET_PREFIX: 'govmedia/dev/accounts/',
      POWERTOOLS_SERVICE_NAME: 'govmedia-credentials',
      NODE_OPTIONS: '--enable-source-maps',
      // The OAuth callback's origin (the redirect URI) and the web app the operator returns to (issue 16).
      GOVMEDIA_API_URL: { 'Fn::GetAtt': [logicalIdAt(s, 'Api/HttpApi', 'AWS::ApiGatewayV2::Api'), 'ApiEndpoint'] },
      GOVMEDIA_WEB_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdAt(s, 'Web/Distribution', 'AWS::CloudFront::Distribution'), 'DomainName'] }]] },
    });
  });

  it('the bundled credentials function and fetch job refuse to start with a half-configured OAuth app, naming the missing setting (issue 16)', () => {
    expect(() => invokeBundle('credentials', [['GET', '/health']], { GOVMEDIA_DOUYIN_CLIENT_KEY: 'awk123' })).toThrow(/Douyin app is half-configured: GOVMEDIA_DOUYIN_CLIENT_KEY is set but neither GOVMEDIA_DOUYIN_CLIENT_SECRET nor GOVMEDIA_DOUYIN_CLIENT_SECRET_ARN/);
    expect(() => invokeBundle('fetch', [['GET', '/health']], { GOVMEDIA_KUAISHOU_APP_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:111122223333:secret:govmedia/dev/oauth/kuaishou-XyZ789' })).toThrow(/Kuaishou app is half-configured/);
  });

  it('the HTTP functions (API, spreadsheets, credentials) time out at 25 s, below the HTTP API\'s 30 s limit; the credentials function is small', () => {
    for (const k of ['api', 'spreadsheets', 'credentials'] as const) expect(s.json.Resources[fnId(k)].Properties.Timeout, k).toBe(25);
    expect(s.json.Resources[fnId('api')].Properties.MemorySize).toBe(1024);
    expect(s.json.Resources[fnId('spreadsheets')].Properties.MemorySize).toBe(1769);
    expect(s.json.Resources[fnId('credentials')].Properties.MemorySize).toBe(256);
  });

  it('the bundled credentials function loads, answers GET /health, refuses credential and dev-token requests without a token, and refuses an OAuth callback whose state is not ours', () => {
    const [health, get, put, token, callback] = invokeBundle(
      'credentials',
      [
        ['GET', '/health'],
        ['GET', '/api/v1/accounts/acc1/credentials'],
        ['PUT', '/api/v1/accounts/acc1/credentials', JSON.stringify({ appId: 'x', appSecret: 'y' })],
        ['POST', '/api/v1/dev/token', JSON.stringify({ sub: 'x', roles: ['admin'], region: '330100' })],
        ['GET', '/api/v1/oauth/douyin/callback?code=c1&state=eyJhY2NvdW50SWQiOiJhY2MxIn0.forged'],
      ],
      { CREDENTIALS_SECRET_PREFIX: 'govmedia/dev/accounts/' },
    ) as [Json, Json, Json, Json, Json];
    // The callback has no authorizer (the platform redirects a browser): the state is checked before anything is read.
    expect(callback.statusCode).toBe(403);
    expect(JSON.parse(callback.body)).toMatchObject({ error: { code: 'oauth_state_invalid' } });
    // No table is reachable here, so the bundle's store probe answers /health with 503 (docs/api-notes.md).
    expect(health.statusCode).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: 'unavailable', checks: { store: 'down' } });
    expect(get.statusCode).toBe(401);
    expect(put.statusCode).toBe(401);
    expect([401, 404]).toContain(token.statusCode);
    expect(token.body).not.toContain('"token"');
  });

  it('the bundled spreadsheet function loads, answers GET /health, and refuses spreadsheet, attachment, document and dev-token requests without a token', () => {
    const [health, template, token, attachment, notice] = invokeBundle(
      'spreadsheets',
      [
        ['GET', '/health'],
        ['GET', '/api/v1/imports/template'],
        ['POST', '/api/v1/dev/token', JSON.stringify({ sub: 'x', roles: ['admin'], region: '330100' })],
        ['GET', '/api/v1/closures/clo1/attachments/att1'],
        ['GET', '/api/v1/rectifications/rec1/notice'],
      ],
      { ATTACHMENTS_BUCKET: 'govmedia-test-attachments' },
    ) as [Json, Json, Json, Json, Json];
    // No table is reachable here, so the bundle's store probe answers /health with 503 (docs/api-notes.md).
    expect(health.statusCode).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: 'unavailable', checks: { store: 'down' } });
    expect(template.statusCode).toBe(401);
    expect(attachment.statusCode).toBe(401);
    expect(notice.statusCode).toBe(401);
    expect([401, 404]).toContain(token.statusCode);
    expect(token.body).not.toContain('"token"');
  });
});

describe('the spreadsheet bundle as its own XLSX parse worker', () => {
  /** Starts the bundle in a worker thread as functions/api/worker-pool.ts does, and sends it one parse job per file. */
  function parseInBundle(files: Uint8Array[]): Json[] {
    const bundle = pathToFileURL(join(s.assetDir(fnId('spreadsheets')), 'index.mjs')).href;
    const script = `
      const { Worker } = await import('node:worker_threads');
      const worker = new Worker(new URL(${JSON.stringify(bundle)}), { execArgv: [], workerData: { govmediaJobKind: ${JSON.stringify(XLSX_JOB)} } });
      const files = ${JSON.stringify(files.map((f) => Buffer.from(f).toString('base64')))};
      const replies = [];
      await new Promise((resolve, reject) => {
        worker.on('error', reject);
        const next = () => (replies.length === files.length ? resolve() : worker.postMessage({ id: replies.length, input: { bytes: new Uint8Array(Buffer.from(files[replies.length], 'base64')), maxDataRows: 10 } }));
        worker.on('message', (m) => { if (m !== 'ready') replies.push(m); next(); });
      });
      await worker.terminate();
      process.stdout.write(JSON.stringify(replies));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH ?? '',
        TABLE_NAME: 'govmedia-test',
        GOVMEDIA_AUTH: 'cognito',
        COGNITO_USER_POOL_ID: 'ap-east-1_TestPool1',
        COGNITO_CLIENT_ID: 'testclient',
        GOVMEDIA_CURSOR_KEY: 'a-test-cursor-key-of-at-least-32-characters',
        AWS_REGION: 'ap-east-1',
        LOG_LEVEL: 'SILENT',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      encoding: 'utf8',
    });
    return JSON.parse(out) as Json[];
  }

  it('reads an XLSX in a worker thread started from the bundle itself, and refuses one over the bounds', () => {
    const [ok, deep] = parseInBundle([xlsx([['平台', '账号'], ['微博', 'gov']]), xlsx([['平台']], { after: nested(100) })]);
    expect(ok).toEqual({ id: 0, ok: true, value: { rows: [{ row: 1, cells: ['平台', '账号'] }, { row: 2, cells: ['微博', 'gov'] }] } });
    expect(deep).toMatchObject({ id: 1, ok: true, value: { refusal: { code: 'spreadsheet_too_complex' } } });
  });
});

describe('least privilege', () => {
  it('no IAM statement allows a wildcard action, and none touches DynamoDB with a wildcard or DeleteItem', () => {
    const all = statements(s.json);
    expect(all.length).toBeGreaterThan(10);
    for (const { policy, statement } of all) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of list(statement.Action) as string[]) {
        expect(action, policy).not.toBe('*');
        expect(action, policy).not.toMatch(/^[a-z0-9-]+:\*$/);
        if (action.startsWith('dynamodb:')) {
          expect(action, policy).not.toContain('*');
          expect(action, policy).not.toBe('dynamodb:DeleteItem');
        }
      }
      expect(statement.NotAction, policy).toBeUndefined();
    }
  });

  it('DynamoDB access names the table and each of its indexes exactly, never a wildcard resource', () => {
    const table = resources(s.json, 'AWS::DynamoDB::GlobalTable')[0]![0];
    for (const { policy, statement } of statements(s.json)) {
      if (!(list(statement.Action) as string[]).some((a) => a.startsWith('dynamodb:'))) continue;
      expect(statement.Resource, policy).toEqual([
        { 'Fn::GetAtt': [table, 'Arn'] },
        ...GLOBAL_INDEXES.map((g) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, `/index/${g.indexName}`]] })),
      ]);
    }
  });

  it('each function has exactly its table actions: the API, the spreadsheet and credentials functions and the dispatcher cannot Scan, the sweep can', () => {
    for (const k of Object.keys(ROLES) as (keyof typeof ROLES)[]) {
      const dynamo = actionsOf(roleId(k)).filter((a) => a.startsWith('dynamodb:'));
      expect(new Set(dynamo), k).toEqual(new Set(TABLE_ACCESS[ACCESS[k]]));
    }
    expect(actionsOf(roleId('api'))).not.toContain('dynamodb:Scan');
    expect(actionsOf(roleId('spreadsheets'))).not.toContain('dynamodb:Scan');
    expect(actionsOf(roleId('credentials'))).not.toContain('dynamodb:Scan');
    expect(actionsOf(roleId('dispatch'))).not.toContain('dynamodb:Scan');
    expect(actionsOf(roleId('sweep'))).toContain('dynamodb:Scan');
  });

  it('only the dispatcher and the fetcher read credentials, the notify job only the channels\' secrets; the credentials function writes but cannot read them; the API, the spreadsheet function and the sweep have none; all under the stage prefix', () => {
    const secretStatements = (k: keyof typeof ROLES) =>
      statements(s.json).filter((x) => x.roles.includes(roleId(k)) && (list(x.statement.Action) as string[]).some((a) => a.startsWith('secretsmanager:')));
    const expected: Record<keyof typeof ROLES, readonly string[] | undefined> = {
      api: undefined,
      spreadsheets: undefined,
      sweep: undefined,
      grading: undefined,
      linkCheck: undefined,
      credentials: CREDENTIALS_ACCESS.write,
      dispatch: CREDENTIALS_ACCESS.read,
      fetch: CREDENTIALS_ACCESS.read,
      notify: CREDENTIALS_ACCESS.read,
    };
    const scope: Partial<Record<keyof typeof ROLES, string>> = { notify: 'channel-' };
    for (const k of Object.keys(ROLES) as (keyof typeof ROLES)[]) {
      const found = secretStatements(k);
      const actions = expected[k];
      if (!actions) {
        expect(found, k).toHaveLength(0);
        continue;
      }
      expect(found, k).toHaveLength(1);
      expect(new Set(list(found[0]!.statement.Action)), k).toEqual(new Set(actions));
      expect(found[0]!.statement.Resource, k).toEqual({
        'Fn::Join': ['', ['arn:aws:secretsmanager:ap-east-1:', { Ref: 'AWS::AccountId' }, `:secret:govmedia/dev/accounts/${scope[k] ?? ''}*`]],
      });
    }
    expect(actionsOf(roleId('credentials'))).not.toContain('secretsmanager:GetSecretValue');
    for (const k of ['credentials', 'dispatch', 'fetch', 'notify'] as const) {
      expect(s.json.Resources[fnId(k)].Properties.Environment.Variables.CREDENTIALS_SECRET_PREFIX, k).toBe('govmedia/dev/accounts/');
    }
  });

  it('the API function has no Secrets Manager permission and does not know where credentials live', () => {
    const role = roleId('api');
    const mine = statements(s.json).filter((x) => x.roles.includes(role));
    expect(mine.length).toBeGreaterThan(0);
    // Nothing on its role names Secrets Manager, as an action or as a resource.
    expect(mine.filter((x) => JSON.stringify(x.statement).includes('secretsmanager'))).toEqual([]);
    expect(mine.every((x) => x.statement.Effect === 'Allow' && x.statement.NotAction === undefined && x.statement.NotResource === undefined)).toBe(true);
    expect(Object.keys(s.json.Resources[fnId('api')].Properties.Environment.Variables)).not.toContain('CREDENTIALS_SECRET_PREFIX');
    expect(resources(s.json, 'AWS::IAM::Policy').filter(([, p]) => String(p.Metadata?.['aws:cdk:path']).includes('/ApiFunction/CredentialsPolicy/'))).toEqual([]);
  });

  it('the credentials function may do exactly this: write its logs and traces, GetItem/PutItem on the table (key via DynamoDB), write secrets under the stage prefix', () => {
    const role = roleId('credentials');
    const mine = statements(s.json).filter((x) => x.roles.includes(role));
    expect(mine.every((x) => x.statement.Effect === 'Allow' && x.statement.NotAction === undefined && x.statement.NotResource === undefined)).toBe(true);
    expect(new Set(actionsOf(role))).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        ...TABLE_ACCESS.credentials,
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        ...CREDENTIALS_ACCESS.write,
      ]),
    );
    expect([...TABLE_ACCESS.credentials].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  it('the spreadsheet function has the API\'s table access plus attachment objects, and nothing more: no Secrets Manager permission, no wildcard DynamoDB action', () => {
    const role = roleId('spreadsheets');
    const mine = statements(s.json).filter((x) => x.roles.includes(role));
    // Nothing on its role names Secrets Manager, as an action or as a resource.
    expect(mine.filter((x) => JSON.stringify(x.statement).includes('secretsmanager'))).toEqual([]);
    expect(mine.every((x) => x.statement.Effect === 'Allow' && x.statement.NotAction === undefined && x.statement.NotResource === undefined)).toBe(true);
    const dynamo = actionsOf(role).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.filter((a) => a.includes('*'))).toEqual([]);
    expect(dynamo.sort()).toEqual([...TABLE_ACCESS.api].sort());
    // Exactly what the API function may do except hand inspection chunks to the grading queue, and put/get of attachment objects.
    expect(actionsOf(role).sort()).toEqual([...actionsOf(roleId('api')).filter((a) => !a.startsWith('sqs:')), ...ATTACHMENT_ACTIONS].sort());
    expect(s.json.Resources[fnId('spreadsheets')].Properties.Environment.Variables.CREDENTIALS_SECRET_PREFIX).toBeUndefined();
  });

  it('attachments: put and get objects under closures/ of the attachments bucket, for the spreadsheet function alone, in a policy of its own', () => {
    const bucket = attachmentsBucketId();
    const naming = statements(s.json).filter((x) => JSON.stringify(x.statement.Resource ?? '').includes(bucket));
    expect(naming).toHaveLength(1);
    const [{ policy, roles, statement }] = naming as [(typeof naming)[number]];
    expect(policy).toBe(logicalIdAt(s, 'SpreadsheetFunction/AttachmentsPolicy', 'AWS::IAM::Policy'));
    expect(roles).toEqual([roleId('spreadsheets')]);
    expect([...(list(statement.Action) as string[])].sort()).toEqual([...ATTACHMENT_ACTIONS].sort());
    expect({ ...statement, Action: undefined }).toEqual({
      Sid: 'ClosureAttachments',
      Effect: 'Allow',
      Action: undefined,
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/closures/*']] },
    });
    // No other role holds any S3 object action on any resource (the web deployment role aside).
    for (const k of ['api', 'credentials', 'sweep', 'dispatch', 'fetch'] as const) expect(actionsOf(roleId(k)).filter((a) => a.startsWith('s3:')), k).toEqual([]);
  });

  it('no role uses an AWS managed policy', () => {
    for (const [id, role] of resources(s.json, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
  });

  it('the table key is usable only through DynamoDB', () => {
    for (const { policy, statement } of statements(s.json)) {
      if (!(list(statement.Action) as string[]).some((a) => a.startsWith('kms:'))) continue;
      expect(statement.Condition?.StringEquals?.['kms:ViaService'], policy).toBeDefined();
    }
  });
});

describe('HTTP API', () => {
  const routes = () => resources(s.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Json);
  const SPREADSHEET_ROUTE_KEYS = [
    'POST /api/v1/imports',
    'GET /api/v1/imports/template',
    'GET /api/v1/accounts/export',
    'GET /api/v1/inspections/{id}/report',
    'GET /api/v1/rectifications/{id}/notice',
    'GET /api/v1/openapi.json',
    'POST /api/v1/closures/{id}/attachments',
    'GET /api/v1/closures/{id}/attachments',
    'GET /api/v1/closures/{id}/attachments/{attachmentId}',
    'GET /api/v1/reports/annual',
  ];
  const CREDENTIALS_ROUTE_KEYS = [
    'PUT /api/v1/accounts/{id}/credentials',
    'GET /api/v1/accounts/{id}/credentials',
    'DELETE /api/v1/accounts/{id}/credentials',
    'PUT /api/v1/departments/{id}/channels',
    'GET /api/v1/departments/{id}/channels',
    'PUT /api/v1/regions/{code}/channels',
    'GET /api/v1/regions/{code}/channels',
    'POST /api/v1/accounts/{id}/oauth/start',
  ];
  /** The platform's redirect back after OAuth authorisation: the credentials function, without the JWT authorizer (the signed state authenticates it). */
  const OAUTH_CALLBACK_KEY = 'GET /api/v1/oauth/{platform}/callback';
  /** The route keys a function's route set serves under /api/v1, in API Gateway's notation (a parameter's pattern dropped). */
  const servedBy = (set: RouteSet) =>
    set.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} /api/v1${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  const keysOf = (table: [string, string[]][]) => table.flatMap(([path, methods]) => methods.map((m) => `${m} ${path}`));
  /** The function a route's integration invokes (logical id). */
  const targetOf = (route: Json): string => {
    const integration = route.Target['Fn::Join'][1][1].Ref as string;
    const props = s.json.Resources[integration].Properties as Json;
    expect(props).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    return props.IntegrationUri['Fn::GetAtt'][0] as string;
  };

  it('has exactly GET /health, the API methods under /api/v1, the spreadsheet routes (attachments included), the credentials routes and the OAuth callback (no ANY, no OPTIONS, no $default catch-all, no dev-token route)', () => {
    expect(routes().map((r) => r.RouteKey).sort()).toEqual(
      [
        'GET /health',
        'GET /api/v1/public/verify',
        ...['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => `${m} /api/v1/{proxy+}`),
        ...SPREADSHEET_ROUTE_KEYS,
        ...CREDENTIALS_ROUTE_KEYS,
        OAUTH_CALLBACK_KEY,
      ].sort(),
    );
    expect(`GET ${OAUTH_CALLBACK_PATH}`).toBe(OAUTH_CALLBACK_KEY);
  });

  it('sends the OAuth callback to the credentials function without an authorizer, while starting OAuth keeps the JWT authorizer', () => {
    const [[authorizerId]] = resources(s.json, 'AWS::ApiGatewayV2::Authorizer') as [[string, Json]];
    const byKey = Object.fromEntries(routes().map((r) => [r.RouteKey as string, r]));
    const callback = byKey[OAUTH_CALLBACK_KEY]!;
    expect(callback.AuthorizationType).toBe('NONE');
    expect(callback.AuthorizerId).toBeUndefined();
    expect(targetOf(callback)).toBe(fnId('credentials'));
    const otherOauth = Object.keys(byKey).filter((k) => k.includes('/oauth') && k !== OAUTH_CALLBACK_KEY);
    expect(otherOauth).toEqual(['POST /api/v1/accounts/{id}/oauth/start']);
    for (const key of otherOauth) expect(byKey[key], key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it('sends the spreadsheet routes to the spreadsheet function, the credentials routes to the credentials function, both behind the JWT authorizer, and every other route to the API function', () => {
    const [[authorizerId]] = resources(s.json, 'AWS::ApiGatewayV2::Authorizer') as [[string, Json]];
    const byKey = Object.fromEntries(routes().map((r) => [r.RouteKey as string, r]));
    for (const [keys, k] of [
      [SPREADSHEET_ROUTE_KEYS, 'spreadsheets'],
      [CREDENTIALS_ROUTE_KEYS, 'credentials'],
    ] as const) {
      for (const key of keys) {
        expect(byKey[key], key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
        expect(targetOf(byKey[key]!), key).toBe(fnId(k));
      }
    }
    const others = routes().filter((x) => !SPREADSHEET_ROUTE_KEYS.includes(x.RouteKey) && !CREDENTIALS_ROUTE_KEYS.includes(x.RouteKey) && x.RouteKey !== OAUTH_CALLBACK_KEY);
    // GET /health, the five {proxy+} methods and GET /api/v1/public/verify (no authorizer; test/infra/public-verify.test.ts).
    expect(others).toHaveLength(7);
    for (const r of others) expect(targetOf(r), r.RouteKey).toBe(fnId('api'));
  });

  /** The paths API Gateway may invoke a function for (SourceArn: arn:...:execute-api:<region>:<account>:<api id>/<stage>/<method>/<path>). */
  const invokePathsOf = (k: keyof typeof FUNCTIONS) => {
    const permissions = resources(s.json, 'AWS::Lambda::Permission')
      .map(([, p]) => p.Properties as Json)
      .filter((p) => p.FunctionName['Fn::GetAtt']?.[0] === fnId(k));
    for (const p of permissions) expect(p).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
    return permissions.map((p) => {
      const parts = p.SourceArn['Fn::Join'][1] as unknown[];
      expect(parts[parts.length - 2], JSON.stringify(p.SourceArn)).toEqual({ Ref: logicalIdAt(s, 'Api/HttpApi', 'AWS::ApiGatewayV2::Api') });
      return parts[parts.length - 1];
    });
  };

  it('lets API Gateway invoke the spreadsheet function only for its ten routes', () => {
    expect(invokePathsOf('spreadsheets').sort()).toEqual([
      '/*/*/api/v1/accounts/export',
      '/*/*/api/v1/closures/{id}/attachments',
      '/*/*/api/v1/closures/{id}/attachments',
      '/*/*/api/v1/closures/{id}/attachments/{attachmentId}',
      '/*/*/api/v1/imports',
      '/*/*/api/v1/imports/template',
      '/*/*/api/v1/inspections/{id}/report',
      '/*/*/api/v1/openapi.json',
      '/*/*/api/v1/rectifications/{id}/notice',
      '/*/*/api/v1/reports/annual',
    ]);
  });

  it('lets API Gateway invoke the credentials function only for its paths (one permission per route)', () => {
    expect(invokePathsOf('credentials').sort()).toEqual([
      ...Array(3).fill('/*/*/api/v1/accounts/{id}/credentials'),
      '/*/*/api/v1/accounts/{id}/oauth/start',
      ...Array(2).fill('/*/*/api/v1/departments/{id}/channels'),
      '/*/*/api/v1/oauth/{platform}/callback',
      ...Array(2).fill('/*/*/api/v1/regions/{code}/channels'),
    ]);
  });

  it('routes to the spreadsheet function exactly the routes its Hono app serves (spreadsheetRouteSet, functions/api/route-sets.ts)', () => {
    expect(servedBy(spreadsheetRouteSet()).sort()).toEqual([...SPREADSHEET_ROUTE_KEYS].sort());
    expect(keysOf(SPREADSHEET_ROUTES).sort()).toEqual([...SPREADSHEET_ROUTE_KEYS].sort());
  });

  it('routes to the credentials function exactly the routes its Hono app serves (credentialsRouteSet, functions/api/route-sets.ts)', () => {
    expect(servedBy(credentialsRouteSet()).sort()).toEqual([...CREDENTIALS_ROUTE_KEYS].sort());
    expect(keysOf(CREDENTIALS_ROUTES).sort()).toEqual([...CREDENTIALS_ROUTE_KEYS].sort());
  });

  it('the API function serves none of the routes sent to the other two (apiRouteSet, functions/api/route-sets.ts), so none is silently shadowed', () => {
    const core = servedBy(apiRouteSet());
    expect(core.length).toBeGreaterThan(10);
    for (const key of [...SPREADSHEET_ROUTE_KEYS, ...CREDENTIALS_ROUTE_KEYS]) expect(core, key).not.toContain(key);
  });

  it('lets API Gateway answer CORS preflights (an authorized ANY or OPTIONS route would refuse them)', () => {
    expect(routes().some((r) => String(r.RouteKey).startsWith('ANY ') || String(r.RouteKey).startsWith('OPTIONS '))).toBe(false);
    const [[, api]] = resources(s.json, 'AWS::ApiGatewayV2::Api') as [[string, Json]];
    expect(api.Properties.CorsConfiguration.AllowMethods.sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
    expect(api.Properties.CorsConfiguration.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key']));
  });

  it('puts the JWT authorizer on every route except GET /health, GET /api/v1/public/verify (public verification, test/infra/public-verify.test.ts) and the OAuth callback', () => {
    const [[authorizerId]] = resources(s.json, 'AWS::ApiGatewayV2::Authorizer') as [[string, Json]];
    for (const r of routes()) {
      if (['GET /health', 'GET /api/v1/public/verify', OAUTH_CALLBACK_KEY].includes(r.RouteKey)) {
        expect(r.AuthorizationType).toBe('NONE');
        expect(r.AuthorizerId).toBeUndefined();
      } else {
        expect(r.AuthorizationType, r.RouteKey).toBe('JWT');
        expect(r.AuthorizerId, r.RouteKey).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('the authorizer trusts the user pool as issuer and the web client as audience', () => {
    const pool = resources(s.json, 'AWS::Cognito::UserPool')[0]![0];
    const client = resources(s.json, 'AWS::Cognito::UserPoolClient')[0]![0];
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: client }], Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [pool, 'ProviderURL'] }]] } },
    });
  });

  it('the stage writes JSON access logs (no headers, bodies or query strings) and is throttled', () => {
    const [[, stage]] = resources(s.json, 'AWS::ApiGatewayV2::Stage') as [[string, Json]];
    const fields = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(fields).toMatchObject({ requestId: '$context.requestId', status: '$context.status', ip: '$context.identity.sourceIp' });
    expect(Object.values(fields).join(' ')).not.toMatch(/header|querystring|body/i);
    const logGroup = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(s.json.Resources[logGroup].Properties.RetentionInDays).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: expect.any(Number), ThrottlingRateLimit: expect.any(Number) });
  });

  it('allows CORS from the web origin only', () => {
    const [[, api]] = resources(s.json, 'AWS::ApiGatewayV2::Api') as [[string, Json]];
    const origins = api.Properties.CorsConfiguration.AllowOrigins as Json[];
    expect(origins).toHaveLength(1);
    expect(JSON.stringify(origins[0])).toContain('WebDistribution');
    expect(api.Properties.CorsConfiguration.AllowCredentials).toBe(false);
  });
});

describe('Cognito', () => {
  it('admins create users; strong passwords; TOTP MFA; threat protection on the Plus plan', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, PasswordHistorySize: 5 }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'region', AttributeDataType: 'String' }),
        Match.objectLike({ Name: 'department', AttributeDataType: 'String' }),
      ]),
    });
  });

  it('has one group per role', () => {
    const groups = resources(s.json, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName as string);
    expect(groups.sort()).toEqual(['admin', 'approver', 'editor', 'office', 'reviewer']);
  });

  it('the web client uses the code flow without a secret, calls back to the web origin, and cannot write scope attributes', () => {
    const [[, client]] = resources(s.json, 'AWS::Cognito::UserPoolClient') as [[string, Json]];
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(JSON.stringify(client.Properties.CallbackURLs)).toContain('/auth/callback');
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:region', 'custom:department']));
    expect(client.Properties.WriteAttributes).toEqual(['name']);
  });
});

describe('schedules', () => {
  const schedules = () => resources(s.json, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties as Json);
  const schedulesOf = (k: 'sweep' | 'dispatch' | 'fetch' | 'notify' | 'linkCheck') => schedules().filter((p) => p.Target.Arn['Fn::GetAtt'][0] === fnId(k));

  it('runs the sweep (8 schedules, one per scan segment) and the fetch daily in Asia/Shanghai, the dispatcher and the notify job every minute', () => {
    expect(schedulesOf('sweep')).toHaveLength(8);
    for (const p of schedulesOf('sweep')) expect(p).toMatchObject({ ScheduleExpression: 'cron(0 2 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai' });
    expect(schedulesOf('fetch')).toEqual([expect.objectContaining({ ScheduleExpression: 'cron(0 1 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai' })]);
    expect(schedulesOf('dispatch')).toEqual([expect.objectContaining({ ScheduleExpression: 'rate(1 minute)' })]);
    expect(schedulesOf('notify')).toEqual([expect.objectContaining({ ScheduleExpression: 'rate(1 minute)' })]);
    expect(schedulesOf('linkCheck')).toEqual([expect.objectContaining({ ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai' })]);
    expect(schedules()).toHaveLength(8 + 1 + 1 + 1 + 1);
  });

  it('sends each sweep schedule its own scan segment 0..7 of 8, and the other jobs an empty event', () => {
    const sweepInputs = schedulesOf('sweep').map((p) => JSON.parse(p.Target.Input) as Json);
    expect(sweepInputs.sort((a, b) => a.segment - b.segment)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((segment) => ({ segment, totalSegments: 8 })));
    expect(schedulesOf('dispatch').map((p) => JSON.parse(p.Target.Input))).toEqual([{}]);
    expect(schedulesOf('fetch').map((p) => JSON.parse(p.Target.Input))).toEqual([{}]);
    expect(schedulesOf('notify').map((p) => JSON.parse(p.Target.Input))).toEqual([{}]);
    expect(schedulesOf('linkCheck').map((p) => JSON.parse(p.Target.Input))).toEqual([{}]);
  });

  it('the sweep schedules share the sweep\'s dead-letter queue and one scheduler role; there is one scheduler role per job', () => {
    const sweep = schedulesOf('sweep');
    const queue = logicalIdAt(s, 'Sweep/DeadLetterQueue', 'AWS::SQS::Queue');
    for (const p of sweep) {
      expect(p.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] } });
      expect(p.Target.RoleArn).toEqual(sweep[0]!.Target.RoleArn);
    }
    expect(new Set(schedules().map((p) => p.Target.RoleArn['Fn::GetAtt'][0])).size).toBe(5);
  });

  it('every schedule has a dead-letter queue (encrypted, SSL-only) and a retry policy; the function sends its failures there too', () => {
    for (const p of schedules()) {
      const queue = p.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0] as string;
      expect(s.json.Resources[queue]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } });
      const policy = resources(s.json, 'AWS::SQS::QueuePolicy').find(([, qp]) => JSON.stringify(qp.Properties.Queues).includes(queue));
      expect(policy?.[1].Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
      expect(p.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) });
      const fn = s.json.Resources[p.Target.Arn['Fn::GetAtt'][0]];
      expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queue, 'Arn'] } });
    }
  });

  it('each scheduler role may invoke only its own function and write only its own dead-letter queue', () => {
    for (const p of schedules()) {
      const role = p.Target.RoleArn['Fn::GetAtt'][0] as string;
      const mine = statements(s.json).filter((x) => x.roles.includes(role));
      expect(mine.map((x) => x.statement)).toEqual([
        { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: p.Target.Arn },
        { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: p.Target.DeadLetterConfig.Arn },
      ]);
      const trust = s.json.Resources[role].Properties.AssumeRolePolicyDocument.Statement[0];
      expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
      expect(trust.Condition.StringEquals['aws:SourceAccount']).toBeDefined();
    }
  });
});

describe('alarms', () => {
  const alarms = () => resources(s.json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
  const topic = () => resources(s.json, 'AWS::SNS::Topic')[0]![0];

  it('cover errors and throttles of every function', () => {
    for (const k of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
      for (const metric of ['Errors', 'Throttles']) {
        const hit = alarms().filter(
          (a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId(k) } }]),
        );
        expect(hit, `${k} ${metric}`).toHaveLength(1);
        expect(hit[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      }
    }
  });

  it('cover the depth of every dead-letter queue and API 5xx', () => {
    // A queue with a redrive policy is a work queue (the grading queue); the others are dead-letter queues.
    const deadLetterQueues = resources(s.json, 'AWS::SQS::Queue').filter(([, q]) => !q.Properties?.RedrivePolicy);
    expect(deadLetterQueues).toHaveLength(6);
    for (const [queue] of deadLetterQueues) {
      const hit = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes(queue));
      expect(hit, queue).toHaveLength(1);
      expect(hit[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
    expect(alarms().filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toHaveLength(1);
  });

  it('all notify the encrypted alarm topic', () => {
    // Errors and throttles of the 9 functions, the 6 dead-letter queues, API 5xx.
    expect(alarms()).toHaveLength(9 * 2 + 6 + 1);
    for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topic() }]);
    const t = s.json.Resources[topic()];
    expect(t.Properties.KmsMasterKeyId).toBeDefined();
  });
});

describe('web hosting', () => {
  it('every bucket blocks public access, is encrypted and SSL-only', () => {
    const buckets = resources(s.json, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(3);
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption, id).toBeDefined();
      const policy = resources(s.json, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === id);
      expect(policy?.[1].Properties.PolicyDocument.Statement, id).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('the attachments bucket is private, encrypted, SSL-only, versioned, logged and retained', () => {
    const bucket = s.json.Resources[attachmentsBucketId()];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdAt(s, 'Web/LogBucket', 'AWS::S3::Bucket') }, LogFilePrefix: 's3/attachments/' },
    });
    const policy = resources(s.json, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === attachmentsBucketId());
    expect(policy?.[1].Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })]),
    );
  });

  it('the web bucket logs access to the log bucket and admits only the distribution (origin access control)', () => {
    const web = logicalIdAt(s, 'Web/WebBucket', 'AWS::S3::Bucket');
    const logs = logicalIdAt(s, 'Web/LogBucket', 'AWS::S3::Bucket');
    expect(s.json.Resources[web].Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logs });
    const [, policy] = resources(s.json, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === web)!;
    const allows = (policy.Properties.PolicyDocument.Statement as Json[]).filter((st) => st.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
  });

  it('CloudFront uses OAC, HTTPS only and access logging', () => {
    const [[, oac]] = resources(s.json, 'AWS::CloudFront::OriginAccessControl') as [[string, Json]];
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const [[, dist]] = resources(s.json, 'AWS::CloudFront::Distribution') as [[string, Json]];
    const c = dist.Properties.DistributionConfig as Json;
    for (const o of c.Origins) {
      expect(o.OriginAccessControlId).toBeDefined();
      expect(o.S3OriginConfig.OriginAccessIdentity).toBe('');
    }
    for (const b of [c.DefaultCacheBehavior, ...c.CacheBehaviors]) expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(c.Logging.Bucket['Fn::GetAtt'][0]).toBe(logicalIdAt(s, 'Web/LogBucket', 'AWS::S3::Bucket'));
  });

  /**
   * Issue 15: after a redeploy an old chunk URL came back 200 text/html (every 403/404 was the app
   * shell), so the app could not tell its chunks had changed. The app's own paths are rewritten at
   * the edge; a missing file is 404.
   */
  describe("the web app's paths at the edge", () => {
    const webDistribution = () => s.json.Resources[logicalIdAt(s, 'Web/Distribution', 'AWS::CloudFront::Distribution')].Properties.DistributionConfig as Json;
    const spaRoutes = () => s.json.Resources[logicalIdAt(s, 'Web/SpaRoutes', 'AWS::CloudFront::Function')].Properties as Json;
    const handler = new Function(`${SPA_ROUTE_CODE}; return handler;`)() as (e: Json) => Json;
    const viewerRequest = (uri: string) => ({ version: '1.0', request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } });

    it('a CloudFront Function (cloudfront-js-2.0) with this code runs on viewer request of the default behaviour only', () => {
      expect(spaRoutes().FunctionCode).toBe(SPA_ROUTE_CODE);
      expect(spaRoutes().FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
      const c = webDistribution();
      expect(c.DefaultCacheBehavior.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalIdAt(s, 'Web/SpaRoutes', 'AWS::CloudFront::Function'), 'FunctionARN'] } },
      ]);
      const [assets, ...others] = c.CacheBehaviors as [Json, ...Json[]];
      expect(others).toEqual([]);
      expect(assets.PathPattern).toBe('/assets/*');
      expect(assets.FunctionAssociations).toBeUndefined();
    });

    it.each(['/', '/accounts/123', '/inspections', CALLBACK_PATH, '/accounts/123/'])('rewrites the app path %s to /index.html', (uri) => {
      expect(handler(viewerRequest(uri))).toMatchObject({ method: 'GET', uri: '/index.html' });
    });

    it.each(['/assets/x.js', '/assets/index-abc123.js', '/assets/logo', '/favicon.ico', '/config.json', '/config.js', '/404.html', '/index.html'])('leaves the file path %s alone', (uri) => {
      const event = viewerRequest(uri);
      expect(handler(event)).toBe(event.request);
      expect(event.request.uri).toBe(uri);
    });

    it('draws the line where the local server does (functions/local/web-static.ts)', () => {
      for (const uri of ['/', '/registry', '/accounts/a.b/edit', '/a.b', '/assets/', '/assets/x', '/x.map', '/v1.2', '/deep/path/file.txt']) {
        expect(handler(viewerRequest(uri)).uri === '/index.html', uri).toBe(!isAssetPath(uri));
      }
    });

    it('answers a missing file 404 with the 404 page, never index.html (S3 with OAC says 403 for a missing key)', () => {
      expect(webDistribution().CustomErrorResponses).toEqual([
        { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 0 },
        { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 0 },
      ]);
    });

    it('keeps the distribution to s3:GetObject: no ListBucket to turn 403 into 404', () => {
      const web = logicalIdAt(s, 'Web/WebBucket', 'AWS::S3::Bucket');
      const [, policy] = resources(s.json, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === web)!;
      expect(JSON.stringify(policy.Properties.PolicyDocument)).not.toContain('s3:ListBucket');
    });
  });

  it('every response carries the security headers; the CSP admits only self, the API and the sign-in domain', () => {
    // The web distribution's two; public verification's own policy is checked in test/infra/public-verify.test.ts.
    const policies = resources(s.json, 'AWS::CloudFront::ResponseHeadersPolicy').filter(([, p]) => String(p.Metadata?.['aws:cdk:path']).includes('/Web/'));
    expect(policies).toHaveLength(2);
    for (const [, p] of policies) {
      const h = p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig as Json;
      expect(h.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
      expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(h.ContentTypeOptions).toEqual({ Override: true });
      expect(h.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
      const csp = JSON.stringify(h.ContentSecurityPolicy.ContentSecurityPolicy);
      expect(csp).toContain("default-src 'self'; script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.execute-api\.ap-east-1\./);
      expect(csp).toContain('.auth.ap-east-1.amazoncognito.com');
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });

  /** The deployment's sources: the files of each staged asset, and the deploy-time values its markers stand for. */
  const deploymentSources = () => {
    const [[, deploy]] = resources(s.json, 'Custom::CDKBucketDeployment') as [[string, Json]];
    const dir = s.assembly!.directory;
    return (deploy.Properties.SourceObjectKeys as string[]).map((key, i) => {
      const asset = join(dir, `asset.${key.replace(/\.zip$/, '')}`);
      return { asset, files: readdirSync(asset).sort(), markers: (deploy.Properties.SourceMarkers[i] ?? {}) as Record<string, Json> };
    });
  };
  /** Replaces each `<<marker:...>>` with `{{LogicalId}}` or `{{LogicalId.Attribute}}`, the value CloudFormation fills in. */
  const resolveMarkers = (text: string, markers: Record<string, Json>) =>
    text.replace(/<<marker:0xbaba:\d+>>/g, (m) => {
      const v = markers[m];
      if (!v) throw new Error(`unknown marker ${m}`);
      return `{{${v.Ref ?? (v['Fn::GetAtt'] as string[]).join('.')}}}`;
    });

  it('publishes the built app, /config.json, /config.js and /404.html when the build exists', () => {
    const [[, deploy]] = resources(s.json, 'Custom::CDKBucketDeployment') as [[string, Json]];
    expect(deploy.Properties.DestinationBucketName).toEqual({ Ref: logicalIdAt(s, 'Web/WebBucket', 'AWS::S3::Bucket') });
    expect(deploy.Properties.SourceObjectKeys).toHaveLength(4);
    const sources = deploymentSources();
    expect(sources.map((src) => src.files)).toEqual([['assets', 'index.html'], ['config.json'], ['config.js'], ['404.html']]);
    expect(readFileSync(join(sources[3]!.asset, '404.html'), 'utf8')).toBe(NOT_FOUND_PAGE);
    expect(deploy.Properties.DistributionPaths).toEqual(['/*']);
    expect(deploy.Properties.Prune).toBe(true);
  });

  describe('/config.js (web/index.html loads it; web/src/lib/config.ts reads window.GOVMEDIA_CONFIG)', () => {
    afterEach(() => vi.unstubAllGlobals());
    const configJs = () => {
      const src = deploymentSources().find((x) => x.files.includes('config.js'))!;
      return resolveMarkers(readFileSync(join(src.asset, 'config.js'), 'utf8'), src.markers);
    };
    const expected = () => {
      const domain = logicalIdAt(s, 'Auth/UserPool/Domain', 'AWS::Cognito::UserPoolDomain');
      const distribution = logicalIdAt(s, 'Web/Distribution', 'AWS::CloudFront::Distribution');
      return {
        apiBase: `{{${logicalIdAt(s, 'Api/HttpApi', 'AWS::ApiGatewayV2::Api')}.ApiEndpoint}}`,
        cognitoDomain: `https://{{${domain}}}.auth.ap-east-1.amazoncognito.com`,
        clientId: `{{${logicalIdAt(s, 'Auth/UserPool/WebClient', 'AWS::Cognito::UserPoolClient')}}}`,
        redirectUri: `https://{{${distribution}.DomainName}}/auth/callback`,
        publicApiBase: `https://{{${logicalIdAt(s, 'PublicVerify/Distribution', 'AWS::CloudFront::Distribution')}.DomainName}}`,
      };
    };

    it('sets window.GOVMEDIA_CONFIG to the API origin, the sign-in domain, the web client and the callback URL', () => {
      const text = configJs();
      expect(text).toMatch(/^window\.GOVMEDIA_CONFIG = \{.*\};\n$/);
      const window: Json = {};
      new Function('window', text)(window);
      expect(window.GOVMEDIA_CONFIG).toEqual(expected());
    });

    it('is read by the web app as is (every field it expects, none defaulted)', () => {
      const window: Json = {};
      new Function('window', configJs())(window);
      vi.stubGlobal('window', window);
      expect(getConfig()).toEqual(expected());
    });

    it('is loaded by web/index.html before the app script', () => {
      const html = readFileSync(join(REPO_ROOT, 'web/index.html'), 'utf8');
      const configAt = html.indexOf('<script src="/config.js"></script>');
      expect(configAt).toBeGreaterThan(-1);
      expect(configAt).toBeLessThan(html.indexOf('<script type="module"'));
    });
  });
});

describe('cdk-nag', () => {
  it('reports nothing unacknowledged', () => {
    expectNagClean(s);
  });

  it('acknowledges exactly the reviewed findings', () => {
    expect(acknowledgedIds(s)).toEqual(
      [
        'ApiFunction/Fn AwsSolutions-L1',
        'ApiFunction/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'SpreadsheetFunction/Fn AwsSolutions-L1',
        'SpreadsheetFunction/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        `SpreadsheetFunction/AttachmentsPolicy AwsSolutions-IAM5[Resource::<${attachmentsBucketId()}.Arn>/closures/*]`,
        'CredentialsFunction/Fn AwsSolutions-L1',
        'CredentialsFunction/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'CredentialsFunction/CredentialsPolicy AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:ap-east-1:<AWS::AccountId>:secret:govmedia/dev/accounts/*]',
        'Sweep/Function/Fn AwsSolutions-L1',
        'Sweep/Function/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'Dispatch/Function/Fn AwsSolutions-L1',
        'Dispatch/Function/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'Dispatch/CredentialsPolicy AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:ap-east-1:<AWS::AccountId>:secret:govmedia/dev/accounts/*]',
        'Fetch/Function/Fn AwsSolutions-L1',
        'Fetch/Function/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'Fetch/CredentialsPolicy AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:ap-east-1:<AWS::AccountId>:secret:govmedia/dev/accounts/*]',
        'Notify/Function/Fn AwsSolutions-L1',
        'Notify/Function/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'Notify/CredentialsPolicy AwsSolutions-IAM5[Resource::arn:aws:secretsmanager:ap-east-1:<AWS::AccountId>:secret:govmedia/dev/accounts/channel-*]',
        'Grading/Function/Fn AwsSolutions-L1',
        'Grading/Function/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'LinkCheck/Function/Fn AwsSolutions-L1',
        'LinkCheck/Function/XRayPolicy AwsSolutions-IAM5[Resource::*]',
        'Api/HttpApi/GET--health AwsSolutions-APIG4',
        'Api/HttpApi/GET--api--v1--public--verify AwsSolutions-APIG4',
        'Api/HttpApi/GET--api--v1--oauth--{platform}--callback AwsSolutions-APIG4',
        'PublicVerify/Distribution AwsSolutions-CFR1',
        'PublicVerify/Distribution AwsSolutions-CFR2',
        'PublicVerify/Distribution AwsSolutions-CFR4',
        'CursorKey/Secret AwsSolutions-SMG4',
        'Auth/UserPool AwsSolutions-COG2',
        'Web/LogBucket AwsSolutions-S1',
        'Web/Distribution AwsSolutions-CFR1',
        'Web/Distribution AwsSolutions-CFR2',
        'Web/Distribution AwsSolutions-CFR4',
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Action::s3:Abort*]',
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Action::s3:GetObject*]',
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Action::s3:List*]',
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Resource::*]',
        `Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Resource::<${logicalIdAt(s, 'Web/WebBucket', 'AWS::S3::Bucket')}.Arn>/*]`,
        'Web/DeployRole/DefaultPolicy AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-ap-east-1/*]',
        'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB AwsSolutions-L1',
      ].sort(),
    );
  });
});
