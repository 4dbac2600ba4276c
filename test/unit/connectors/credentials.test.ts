import { CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LocalCredentialVault,
  SecretsManagerCredentialVault,
  redact,
  redactText,
  type SecretsManagerLike,
} from '../../../functions/connectors/credentials';

const SECRET = 'wx-app-secret-7f3a9c2e1b';
const creds = { appId: 'wx1234567890abcdef', appSecret: SECRET, thumbMediaId: 'THUMB' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govmedia-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function vault(keyFile = join(dir, 'keys', 'vault.key')): LocalCredentialVault {
  return new LocalCredentialVault({ keyFile, dataFile: join(dir, 'vault.json') });
}

describe('local credential vault (AES-256-GCM at rest)', () => {
  it('returns what was stored (round trip), and nothing for an unknown account', async () => {
    const v = vault();
    await v.put('acc-1', creds);
    expect(await v.get('acc-1')).toEqual(creds);
    expect(await v.get('acc-2')).toBeUndefined();
  });

  it('creates a missing key file with mode 0600 holding 32 random bytes', async () => {
    await vault().put('acc-1', creds);
    const keyFile = join(dir, 'keys', 'vault.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64')).toHaveLength(32);
  });

  it('stores no plaintext: neither the data file nor the key file contains the secret', async () => {
    await vault().put('acc-1', creds);
    const data = await readFile(join(dir, 'vault.json'), 'utf8');
    const key = await readFile(join(dir, 'keys', 'vault.key'), 'utf8');
    for (const text of [data, key]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(creds.appId);
    }
    expect((await stat(join(dir, 'vault.json'))).mode & 0o777).toBe(0o600);
  });

  it('a new vault over the same files (a restart) reads the credentials back', async () => {
    await vault().put('acc-1', creds);
    expect(await vault().get('acc-1')).toEqual(creds);
  });

  it('another key cannot read them, and the error does not leak the secret', async () => {
    await vault().put('acc-1', creds);
    const err = await vault(join(dir, 'other.key')).get('acc-1').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/cannot decrypt/);
    expect((err as Error).message).not.toContain(SECRET);
  });

  it('an entry copied onto another account does not decrypt (the account id is authenticated)', async () => {
    const v = vault();
    await v.put('acc-1', creds);
    const file = join(dir, 'vault.json');
    const entries = JSON.parse(await readFile(file, 'utf8'));
    entries['acc-2'] = entries['acc-1'];
    await writeFile(file, JSON.stringify(entries));
    await expect(vault().get('acc-2')).rejects.toThrow(/cannot decrypt/);
  });

  it('refuses a key file others can read', async () => {
    const keyFile = join(dir, 'loose.key');
    await writeFile(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`);
    await chmod(keyFile, 0o644);
    await expect(vault(keyFile).get('acc-1')).rejects.toThrow(/chmod 600/);
  });

  it('remove revokes an account’s credentials and keeps the others', async () => {
    const v = vault();
    await Promise.all([v.put('acc-1', creds), v.put('acc-2', { accessToken: 'weibo-token-abcdef' })]);
    await v.remove('acc-1');
    expect(await v.get('acc-1')).toBeUndefined();
    expect(await v.get('acc-2')).toEqual({ accessToken: 'weibo-token-abcdef' });
  });

  it('refuses an account id that could escape a name (../)', async () => {
    await expect(vault().get('../etc')).rejects.toThrow(/invalid account id/);
  });
});

describe('AWS Secrets Manager vault', () => {
  class FakeSecretsManager implements SecretsManagerLike {
    readonly secrets = new Map<string, string>();
    readonly sent: unknown[] = [];
    async send(command: GetSecretValueCommand | PutSecretValueCommand | CreateSecretCommand | DeleteSecretCommand): Promise<unknown> {
      this.sent.push(command);
      const notFound = Object.assign(new Error('Secrets Manager can’t find the specified secret.'), { name: 'ResourceNotFoundException' });
      if (command instanceof GetSecretValueCommand) {
        const s = this.secrets.get(command.input.SecretId!);
        if (s === undefined) throw notFound;
        return { SecretString: s };
      }
      if (command instanceof PutSecretValueCommand) {
        if (!this.secrets.has(command.input.SecretId!)) throw notFound;
        this.secrets.set(command.input.SecretId!, command.input.SecretString!);
        return {};
      }
      if (command instanceof CreateSecretCommand) {
        this.secrets.set(command.input.Name!, command.input.SecretString!);
        return {};
      }
      this.secrets.delete(command.input.SecretId!);
      return {};
    }
  }

  it('keeps one secret per account under the prefix, creating it on first put', async () => {
    const sm = new FakeSecretsManager();
    const v = new SecretsManagerCredentialVault({ prefix: 'govmedia/test/connectors/', client: sm, cacheTtlMs: 0 });
    await v.put('acc-1', creds);
    expect([...sm.secrets.keys()]).toEqual(['govmedia/test/connectors/acc-1']);
    expect(sm.sent.map((c) => c!.constructor.name)).toEqual(['PutSecretValueCommand', 'CreateSecretCommand']);
    expect(await v.get('acc-1')).toEqual(creds);
    await v.put('acc-1', { ...creds, thumbMediaId: 'T2' });
    expect(await v.get('acc-1')).toMatchObject({ thumbMediaId: 'T2' });
  });

  it('an account without a secret has no credentials', async () => {
    const v = new SecretsManagerCredentialVault({ prefix: 'p/', client: new FakeSecretsManager() });
    expect(await v.get('acc-9')).toBeUndefined();
  });

  it('caches reads for the TTL', async () => {
    const sm = new FakeSecretsManager();
    sm.secrets.set('p/acc-1', JSON.stringify(creds));
    let now = 0;
    const v = new SecretsManagerCredentialVault({ prefix: 'p/', client: sm, cacheTtlMs: 1000, now: () => now });
    await v.get('acc-1');
    await v.get('acc-1');
    now = 1001;
    await v.get('acc-1');
    expect(sm.sent.filter((c) => c instanceof GetSecretValueCommand)).toHaveLength(2);
  });

  it('remove schedules deletion with a recovery window', async () => {
    const sm = new FakeSecretsManager();
    sm.secrets.set('p/acc-1', JSON.stringify(creds));
    await new SecretsManagerCredentialVault({ prefix: 'p/', client: sm }).remove('acc-1');
    const del = sm.sent.find((c) => c instanceof DeleteSecretCommand) as DeleteSecretCommand;
    expect(del.input).toEqual({ SecretId: 'p/acc-1', RecoveryWindowInDays: 30 });
  });
});

describe('redact', () => {
  it('masks values under secret-looking keys, at any depth', () => {
    expect(redact({ account: 'acc-1', credentials: creds, nested: [{ accessToken: 'abc123456' }], appSecret: SECRET })).toEqual({
      account: 'acc-1',
      credentials: '[redacted]',
      nested: [{ accessToken: '[redacted]' }],
      appSecret: '[redacted]',
    });
  });

  it('blanks tokens and secrets in URLs', () => {
    expect(redactText('GET https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=abc123')).toBe(
      'GET https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=[redacted]',
    );
    expect(redactText('/2/statuses/share.json?access_token=2.00xyz&x=1')).toBe('/2/statuses/share.json?access_token=[redacted]&x=1');
  });

  it('masks known secret values wherever they appear', () => {
    expect(redact({ message: `invalid appsecret ${SECRET}` }, [SECRET])).toEqual({ message: 'invalid appsecret [redacted]' });
  });

  it('survives cycles and errors', () => {
    const o: Record<string, unknown> = { name: 'x' };
    o.self = o;
    expect(redact(o)).toEqual({ name: 'x', self: '[circular]' });
    expect(redact(new Error(`bad ${SECRET}`), [SECRET])).toEqual({ name: 'Error', message: 'bad [redacted]' });
  });
});
