import { Hono } from 'hono';
import * as v from 'valibot';
import { Id } from '../../../shared/registry/schemas';
import { accountCredentialStatus, revokeAccountCredentials, setAccountCredentials } from '../../../shared/connectors/credentials';
import type { AppEnv } from '../context';
import { credentialPortsOf } from '../../wiring/domain-ports';
import { jsonBody, param, parse } from '../validation';

/**
 * Credentials as sent: a small flat object of strings. Which fields a platform needs is
 * checked by the domain once the account (and so the platform) is known. No message
 * here or there ever contains a submitted value.
 */
const CredentialsBody = v.pipe(
  v.record(
    v.pipe(v.string('字段名须为字符串'), v.regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, '字段名须为字母开头的字母、数字或下划线')),
    v.string('凭据值须为字符串'),
    '凭据须为 JSON 对象，如 {"appId": "…", "appSecret": "…"}',
  ),
  v.check((o) => Object.keys(o).length <= 10, '凭据字段过多'),
);

/** Mounted at /accounts: per-account platform credentials, stored encrypted, never returned or logged. */
export const credentialRoutes = new Hono<AppEnv>()
  .put('/:id/credentials', async (c) => {
    const id = param(c, 'id', Id);
    const input = parse(CredentialsBody, await jsonBody(c));
    await setAccountCredentials(id, input, c.get('principal'), credentialPortsOf(c.get('deps')));
    return c.body(null, 204);
  })
  .get('/:id/credentials', async (c) => {
    return c.json(await accountCredentialStatus(param(c, 'id', Id), c.get('principal'), credentialPortsOf(c.get('deps'))));
  })
  .delete('/:id/credentials', async (c) => {
    await revokeAccountCredentials(param(c, 'id', Id), c.get('principal'), credentialPortsOf(c.get('deps')));
    return c.body(null, 204);
  });
