import type { RequestLogger } from '../logger';
import type { Principal } from '../../shared/auth/principal';
import type { Needs } from '../wiring/deps';

/** Shim (issue 11): an HTTP function's deps are the one `Deps` with its verifier, `Needs<'verifier'>` (functions/wiring/deps.ts). */
export type AppDeps = Needs<'verifier'>;

export interface AppEnv {
  Variables: {
    deps: Needs<'verifier'>;
    principal: Principal;
    log: RequestLogger;
    correlationId: string;
  };
}
