import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/**
 * Platform credentials per account (WeChat appId/appSecret, Weibo access token, ...).
 * Two vaults behind one interface: a local one that encrypts at rest with AES-256-GCM
 * under a key file, and the deployed one over AWS Secrets Manager (one secret per
 * account under a prefix). Credentials are never logged or returned by the API:
 * pass anything that might hold them through `redact` first.
 */

/** A flat map of setting → value; each connector reads its platform's fields (shared/connectors/credential-fields.ts). */
export type Credentials = Readonly<Record<string, string>>;

export interface CredentialVault {
  get(accountId: string): Promise<Credentials | undefined>;
  put(accountId: string, credentials: Credentials): Promise<void>;
  /** Revokes (e.g. when the account closes). */
  remove(accountId: string): Promise<void>;
}

const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function assertAccountId(accountId: string): void {
  if (!ACCOUNT_ID.test(accountId)) throw new Error('credential vault: invalid account id');
}

function parseCredentials(json: string): Credentials {
  const value: unknown = JSON.parse(json);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('credential vault: stored value is not an object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

// ---------------------------------------------------------------- redaction

const SECRET_KEY = /secret|token|password|passwd|credential|authorization|api[-_]?key|private[-_]?key|^key$|cookie/i;
const SECRET_PARAM = /([?&](?:access_token|secret|appsecret|app_secret|client_secret|token|password)=)[^&#\s"']*/gi;
const REDACTED = '[redacted]';

/**
 * A copy safe to log: values under secret-looking keys are replaced, secret query
 * parameters in strings are blanked, and any of the `known` secret values found in a
 * string is masked. Handles nesting and cycles.
 */
export function redact(value: unknown, known: readonly string[] = []): unknown {
  const secrets = known.filter((s) => s.length >= 4);
  const seen = new WeakSet<object>();
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && SECRET_KEY.test(key) && v !== undefined && v !== null) return REDACTED;
    if (typeof v === 'string') return redactText(v, secrets);
    if (v instanceof Error) return { name: v.name, message: redactText(v.message, secrets) };
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
      if (Array.isArray(v)) return v.map((x) => walk(x));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return walk(value);
}

/** A string with secret query parameters and the given secret values masked. */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text.replace(SECRET_PARAM, `$1${REDACTED}`);
  for (const s of known) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}

// ---------------------------------------------------------------- local vault

interface SealedEntry {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

export interface LocalVaultOptions {
  /** 32 random bytes, base64. Created with mode 0600 if missing; refused if readable by others. */
  keyFile: string;
  /** Where the sealed entries live (a JSON file, mode 0600). */
  dataFile: string;
}

/**
 * The local vault (`npm start`, tests): every account's credentials sealed with
 * AES-256-GCM (random 96-bit IV per write; the account id is the additional
 * authenticated data, so an entry cannot be moved to another account).
 */
export class LocalCredentialVault implements CredentialVault {
  private key: Promise<Buffer> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LocalVaultOptions) {}

  async get(accountId: string): Promise<Credentials | undefined> {
    assertAccountId(accountId);
    const key = await this.loadKey(); // first, so a bad key file is reported even before anything is stored
    const entry = (await this.readEntries())[accountId];
    if (!entry) return undefined;
    return parseCredentials(this.open(key, accountId, entry));
  }

  put(accountId: string, credentials: Credentials): Promise<void> {
    assertAccountId(accountId);
    return this.serialize(async () => {
      const key = await this.loadKey();
      const entries = await this.readEntries();
      entries[accountId] = this.seal(key, accountId, JSON.stringify(credentials));
      await this.writeEntries(entries);
    });
  }

  remove(accountId: string): Promise<void> {
    assertAccountId(accountId);
    return this.serialize(async () => {
      await this.loadKey();
      const entries = await this.readEntries();
      if (!(accountId in entries)) return;
      delete entries[accountId];
      await this.writeEntries(entries);
    });
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private seal(key: Buffer, accountId: string, plaintext: string): SealedEntry {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`govmedia:${accountId}`));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  private open(key: Buffer, accountId: string, entry: SealedEntry): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
      decipher.setAAD(Buffer.from(`govmedia:${accountId}`));
      decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // Never echo the entry or the key.
      throw new Error('credential vault: cannot decrypt the stored credentials (wrong key file or tampered data)');
    }
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= loadOrCreateKey(this.options.keyFile);
    return this.key;
  }

  private async readEntries(): Promise<Record<string, SealedEntry>> {
    let text: string;
    try {
      text = await readFile(this.options.dataFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') throw new Error('credential vault: data file is not a JSON object');
    return parsed as Record<string, SealedEntry>;
  }

  private async writeEntries(entries: Record<string, SealedEntry>): Promise<void> {
    await mkdir(dirname(this.options.dataFile), { recursive: true, mode: 0o700 });
    const tmp = `${this.options.dataFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(entries, null, 2), { mode: 0o600 });
    await rename(tmp, this.options.dataFile);
  }
}

async function loadOrCreateKey(keyFile: string): Promise<Buffer> {
  try {
    return await readKey(keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(keyFile, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
    try {
      await handle.writeFile(`${randomBytes(32).toString('base64')}\n`);
    } finally {
      await handle.close();
    }
    await chmod(keyFile, 0o600); // open()'s mode passes through the umask: make it exactly 0600
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
  }
  return readKey(keyFile);
}

async function readKey(keyFile: string): Promise<Buffer> {
  const info = await stat(keyFile);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new Error(`credential vault: key file ${keyFile} is readable by others; run chmod 600 on it`);
  }
  const key = Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64');
  if (key.length !== 32) throw new Error(`credential vault: key file ${keyFile} must hold 32 bytes, base64`);
  return key;
}

// ---------------------------------------------------------------- AWS Secrets Manager

/** The part of SecretsManagerClient the vault uses (a fake in tests). */
export interface SecretsManagerLike {
  send(command: GetSecretValueCommand | PutSecretValueCommand | CreateSecretCommand | DeleteSecretCommand): Promise<unknown>;
}

export interface SecretsManagerVaultOptions {
  /** Secret name prefix, e.g. "govmedia/prod/connectors/"; the account id follows. */
  prefix: string;
  client?: SecretsManagerLike;
  /** A customer-managed KMS key for new secrets (default: the account's aws/secretsmanager key). */
  kmsKeyId?: string;
  /** How long a read is reused inside one Lambda container (default 5 minutes; 0 = no cache). */
  cacheTtlMs?: number;
  now?: () => number;
}

/** The deployed vault: one Secrets Manager secret per account, `${prefix}${accountId}`, JSON SecretString. */
export class SecretsManagerCredentialVault implements CredentialVault {
  private readonly client: SecretsManagerLike;
  private readonly cache = new Map<string, { value: Credentials | undefined; until: number }>();
  private readonly ttl: number;
  private readonly now: () => number;

  constructor(private readonly options: SecretsManagerVaultOptions) {
    this.client = options.client ?? new SecretsManagerClient({});
    this.ttl = options.cacheTtlMs ?? 300_000;
    this.now = options.now ?? Date.now;
  }

  secretName(accountId: string): string {
    assertAccountId(accountId);
    return `${this.options.prefix}${accountId}`;
  }

  async get(accountId: string): Promise<Credentials | undefined> {
    const name = this.secretName(accountId);
    const hit = this.cache.get(accountId);
    if (hit && hit.until > this.now()) return hit.value;
    let value: Credentials | undefined;
    try {
      const out = (await this.client.send(new GetSecretValueCommand({ SecretId: name }))) as { SecretString?: string };
      value = out.SecretString === undefined ? undefined : parseCredentials(out.SecretString);
    } catch (err) {
      if (!isNotFound(err)) throw new Error(`credential vault: cannot read the secret for account ${accountId} (${errorName(err)})`);
      value = undefined;
    }
    if (this.ttl > 0) this.cache.set(accountId, { value, until: this.now() + this.ttl });
    return value;
  }

  async put(accountId: string, credentials: Credentials): Promise<void> {
    const name = this.secretName(accountId);
    const SecretString = JSON.stringify(credentials);
    try {
      await this.client.send(new PutSecretValueCommand({ SecretId: name, SecretString }));
    } catch (err) {
      if (!isNotFound(err)) throw new Error(`credential vault: cannot store the secret for account ${accountId} (${errorName(err)})`);
      await this.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString,
          Description: `GovMedia platform credentials for account ${accountId}`,
          ...(this.options.kmsKeyId ? { KmsKeyId: this.options.kmsKeyId } : {}),
          Tags: [{ Key: 'app', Value: 'govmedia' }],
        }),
      );
    }
    this.cache.delete(accountId);
  }

  async remove(accountId: string): Promise<void> {
    const name = this.secretName(accountId);
    try {
      // Recoverable for 30 days: revocation, not destruction.
      await this.client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 30 }));
    } catch (err) {
      if (!isNotFound(err)) throw new Error(`credential vault: cannot remove the secret for account ${accountId} (${errorName(err)})`);
    }
    this.cache.delete(accountId);
  }
}

function isNotFound(err: unknown): boolean {
  return errorName(err) === 'ResourceNotFoundException';
}

function errorName(err: unknown): string {
  return err && typeof err === 'object' && 'name' in err && typeof err.name === 'string' ? err.name : 'Error';
}
