import { createConnectors, createVault } from '../connectors/setup';
import type { AppDeps } from './context';
import { coreDeps } from './core-deps';

const vault = createVault();

/** Everything, connectors and the credential vault included: the jobs, the secondary API function, the local server, the tests. */
export const deps: AppDeps & Required<Pick<AppDeps, 'vault' | 'connectors'>> = { ...coreDeps, vault, connectors: createConnectors(vault) };
