import { cachingVerifier, cognitoVerifier, devVerifier } from '../auth/verifier';
import { config } from '../config';
import { gradingQueue } from '../jobs/grading-queue';
import { baseDeps, buildBaseDeps, memo, type Deps, type Needs, type StoreLocation } from './deps';

/** The token verifier (and, in local mode, the dev token issuer) of an HTTP function. */
function verifierParts(): Pick<Needs<'verifier'>, 'verifier' | 'devIssuer'> {
  if (config.auth.GOVMEDIA_AUTH === 'dev') {
    const dev = devVerifier(config.auth.GOVMEDIA_DEV_SIGNING_KEY);
    return { verifier: cachingVerifier(dev), devIssuer: dev };
  }
  return { verifier: cachingVerifier(cognitoVerifier(config.auth.COGNITO_USER_POOL_ID, config.auth.COGNITO_CLIENT_ID)) };
}

/** An HTTP function's parts over another table or endpoint (tests of store faults): fresh clients, fresh verifier. */
export function buildApiDeps(store?: StoreLocation): Needs<'verifier'> {
  return { ...buildBaseDeps(store), ...verifierParts() };
}

/**
 * The main API function: the base parts and the token verifier. No credential vault, no
 * connectors, no S3 (the cold-start budget: this bundle carries none of them).
 */
export const apiDeps: () => Needs<'verifier'> = memo(() => ({ ...baseDeps(), ...verifierParts(), ...gradingParts() }));

/** Deployed, inspections and what-ifs of more than 1,000 accounts go to the grading queue (issue 13); locally the worker pool (wiring/local.ts). */
function gradingParts(): Pick<Deps, 'inspectionJobs'> {
  return config.GRADING_QUEUE_URL ? { inspectionJobs: gradingQueue(config.GRADING_QUEUE_URL) } : {};
}

