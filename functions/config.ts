import { hkdfSync } from 'node:crypto';
import * as v from 'valibot';

/**
 * Configuration, read once at module load. A missing or malformed setting
 * stops the process with a message that names it, instead of failing on
 * the first request.
 */
const Env = v.variant('GOVMEDIA_AUTH', [
  v.object({
    GOVMEDIA_AUTH: v.literal('dev'),
    GOVMEDIA_DEV_SIGNING_KEY: v.pipe(v.string(), v.minLength(32, 'GOVMEDIA_DEV_SIGNING_KEY must be at least 32 characters')),
    // Locally optional: the cursor key is then derived from the dev signing key.
    GOVMEDIA_CURSOR_KEY: v.optional(v.pipe(v.string(), v.minLength(32, 'GOVMEDIA_CURSOR_KEY must be at least 32 characters'))),
  }),
  v.object({
    GOVMEDIA_AUTH: v.literal('cognito'),
    COGNITO_USER_POOL_ID: v.pipe(v.string(), v.minLength(1)),
    COGNITO_CLIENT_ID: v.pipe(v.string(), v.minLength(1)),
    // Deployed: set by the stack from a generated Secrets Manager secret (infra/stack.ts).
    GOVMEDIA_CURSOR_KEY: v.pipe(v.string('GOVMEDIA_CURSOR_KEY is required'), v.minLength(32, 'GOVMEDIA_CURSOR_KEY must be at least 32 characters')),
  }),
]);

/**
 * The 32-byte AES-256-GCM key that seals list cursors (functions/store/cursor.ts), derived
 * (HKDF-SHA256) from GOVMEDIA_CURSOR_KEY, or locally from the dev signing key when that is unset.
 */
function cursorKeyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'govmedia', 'list-cursor v1', 32));
}

const Common = v.object({
  TABLE_NAME: v.pipe(v.string('TABLE_NAME is required'), v.minLength(3, 'TABLE_NAME needs at least 3 characters')),
  DYNAMODB_ENDPOINT: v.optional(v.pipe(v.string(), v.url('DYNAMODB_ENDPOINT must be a URL'))),
  AWS_REGION: v.optional(v.string(), 'cn-north-1'),
  GOVMEDIA_STAGE: v.optional(v.string(), 'local'),
  // The grading queue of inspection and what-if jobs (issue 13): set on the API function deployed; unset locally (the worker pool).
  GRADING_QUEUE_URL: v.optional(v.pipe(v.string(), v.url('GRADING_QUEUE_URL must be a URL'))),
});

function load() {
  const env = { GOVMEDIA_AUTH: 'dev', ...process.env };
  const common = v.safeParse(Common, env);
  const auth = v.safeParse(Env, env);
  if (!common.success || !auth.success) {
    const problems = [...(common.issues ?? []), ...(auth.issues ?? [])]
      .map((i) => `${v.getDotPath(i) ?? 'GOVMEDIA_AUTH'}: ${i.message}`)
      .join('; ');
    throw new Error(`GovMedia configuration is invalid: ${problems}`);
  }
  const a = auth.output;
  const cursorSecret = a.GOVMEDIA_AUTH === 'dev' ? (a.GOVMEDIA_CURSOR_KEY ?? a.GOVMEDIA_DEV_SIGNING_KEY) : a.GOVMEDIA_CURSOR_KEY;
  return { ...common.output, auth: auth.output, cursorKey: cursorKeyOf(cursorSecret) };
}

export const config = load();
export type Config = typeof config;
