import type { Logger } from '@aws-lambda-powertools/logger';
import type { RequestLogger } from '../logger';
import type { Principal } from '../../shared/auth/principal';
import type { Clock, IdGenerator } from '../../shared/ports';
import type { TokenVerifier } from '../auth/verifier';
import type { DevTokenRequest } from '../../shared/auth/principal-schema';
import type { Stores } from '../store';
import type { DevClock } from '../clock';
import type { ActivityPorts } from '../../shared/activity/ingest';
import type { ConnectorSet, CredentialVault } from '../connectors';

/** What the composition root hands to the app: built once per process. */
export interface AppDeps {
  stores: Stores;
  verifier: TokenVerifier;
  /** Present only in local mode: mounts POST /api/v1/dev/token. */
  devIssuer?: { issue(req: DevTokenRequest): Promise<string> };
  /** Local mode only: the demo users the sign-in page offers (GET /api/v1/dev/users). */
  devUsers?: () => Promise<unknown[]>;
  clock: Clock;
  /** Local mode only: the settable clock behind `clock` (PUT/DELETE /api/v1/dev/clock). */
  devClock?: DevClock;
  /** Local mode only: the scheduled jobs, run at once by POST /api/v1/dev/jobs/{name}. */
  devJobs?: Record<string, () => Promise<unknown>>;
  ids: IdGenerator;
  logger: Logger;
  /** The content checker used at ingest. */
  classify?: ActivityPorts['classify'];
  /** Platform credentials per account (Secrets Manager deployed, an encrypted file locally). */
  /** Absent in the main API function (see core-deps.ts). */
  vault?: CredentialVault;
  /** The publish connectors (the dispatcher and the fetch job; fakes in tests). */
  connectors?: ConnectorSet;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal;
    log: RequestLogger;
    correlationId: string;
  };
}
