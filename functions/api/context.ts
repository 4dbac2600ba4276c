import type { RequestLogger } from '../logger';
import type { Principal } from '../../shared/auth/principal';
import type { Needs } from '../wiring/deps';

export interface AppEnv {
  Variables: {
    deps: Needs<'verifier'>;
    principal: Principal;
    log: RequestLogger;
    correlationId: string;
  };
}
