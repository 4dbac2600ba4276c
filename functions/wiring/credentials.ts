import { apiDeps } from './api';
import { memo, type Needs } from './deps';
import { connectorsOf, vaultOf } from './vault';

/** The credentials function (platform credentials, group-robot channels): the API's parts and the credential vault. */
export const credentialsDeps: () => Needs<'verifier' | 'vault' | 'connectors'> = memo(() => ({ ...apiDeps(), vault: vaultOf(), connectors: connectorsOf() }));
