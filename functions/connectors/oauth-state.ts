import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import type { StateClaims, StateSigner } from '../../shared/connectors/oauth';
import { PLATFORMS } from '../../shared/registry/schemas';

/**
 * The OAuth `state`: base64url(JSON claims) + "." + base64url(HMAC-SHA256). The key is
 * derived (HKDF, its own label) from the process's cursor key, which every function
 * of a stage shares (GOVMEDIA_CURSOR_KEY deployed, from the dev signing key locally),
 * so a state signed by the credentials function in one container verifies in another.
 */
const Claims = v.object({
  accountId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  platform: v.picklist(PLATFORMS),
  sub: v.pipe(v.string(), v.minLength(1)),
  name: v.string(),
  exp: v.string(),
  nonce: v.string(),
});

export class HmacStateSigner implements StateSigner {
  private readonly key: Buffer;

  constructor(secret: Uint8Array) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'govmedia', 'oauth-state v1', 32));
  }

  sign(claims: StateClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(state: string): StateClaims | undefined {
    const [body, mac, ...rest] = state.split('.');
    if (!body || !mac || rest.length > 0) return undefined;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const parsed = v.safeParse(Claims, JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      return parsed.success ? parsed.output : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
