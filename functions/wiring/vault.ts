import { createConnectors, createVault } from '../connectors/setup';
import { memo } from './deps';

/** The credential vault of this process (Secrets Manager deployed, an encrypted file locally). */
export const vaultOf = memo(() => createVault());

/** The publish connectors, over the one vault, built once so WeChat's token cache serves every publish of a container. */
export const connectorsOf = memo(() => createConnectors(vaultOf()));
