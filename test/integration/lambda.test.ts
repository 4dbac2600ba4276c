import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/api/lambda';
import { httpApiEvent } from '../bench/support/http-event';
import { call, makeAccount, makeDepartment, office, tokenFor } from '../support/api';

const context = { awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as never;
const invoke = (event: object) => (handler as (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>)(event, context);

/** The Lambda door must behave exactly like the local server's door. */
describe('the API Lambda handler with API Gateway v2 payloads', () => {
  it('answers /health', async () => {
    const res = await invoke(httpApiEvent('GET', '/health'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('returns the same account as the local server for a request with a JWT', async () => {
    const dept = await makeDepartment();
    const account = await makeAccount(dept);
    const token = await tokenFor(office());
    const event = {
      ...httpApiEvent('GET', `/api/v1/accounts/${account.id}`, { authorization: `Bearer ${token}` }),
    };
    // What the HTTP API's JWT authorizer adds after verifying the token.
    (event.requestContext as Record<string, unknown>).authorizer = { jwt: { claims: { sub: 'office-330127' }, scopes: null } };
    const res = await invoke(event);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual((await call(office(), 'GET', `/accounts/${account.id}`)).body);
  });

  it('answers 401 in the contract shape without a JWT', async () => {
    const res = await invoke(httpApiEvent('GET', '/api/v1/accounts?region=330127'));
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('unauthorized');
  });

  it('accepts a base64-encoded JSON body and validates it', async () => {
    const token = await tokenFor(office());
    const event = httpApiEvent('POST', '/api/v1/departments', { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const res = await invoke({ ...event, body: Buffer.from(JSON.stringify({ name: '' , regionCode: '330127' })).toString('base64'), isBase64Encoded: true });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.issues[0].path).toBe('name');
  });

  it('passes query strings through', async () => {
    const token = await tokenFor(office());
    const res = await invoke(httpApiEvent('GET', '/api/v1/accounts?platform=myspace', { authorization: `Bearer ${token}` }));
    expect(res.statusCode).toBe(400);
  });
});

describe('the generated OpenAPI document', () => {
  it('describes every contract route with its request schema', async () => {
    const res = await call(office(), 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    for (const path of ['/accounts', '/accounts/{id}/grade', '/inspections', '/closures/{id}/decisions', '/scheduled-posts', '/calendar', '/audit-log']) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    const create = res.body.paths['/accounts'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['platform', 'handle', 'name', 'departmentId', 'interactionEnabled', 'contacts']));
    expect(create.properties.platform.enum).toContain('wechat');
  });
});
