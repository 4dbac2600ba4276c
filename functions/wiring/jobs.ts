import { baseDeps, memo, type Needs } from './deps';
import { connectorsOf, vaultOf } from './vault';

/** A scheduled job (sweep, dispatch, fetch, notify): the base parts, the vault and the connectors; no token verifier. */
export const jobDeps: () => Needs<'vault' | 'connectors'> = memo(() => ({ ...baseDeps(), vault: vaultOf(), connectors: connectorsOf() }));
