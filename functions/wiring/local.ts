import { gradingPool } from '../jobs/grading-pool';
import { assessmentPortsOf } from './domain-ports';
import { apiDeps } from './api';
import { attachmentsOf } from './attachments';
import { memo, type Needs } from './deps';
import { connectorsOf, vaultOf } from './vault';

/**
 * Everything, for the one local process (`npm start`) and the tests: the API's parts, the
 * vault, the connectors and the attachment store, over the one clock the jobs share. The local
 * server adds `devUsers` and `devJobs` (functions/local/server.ts).
 */
export const localDeps: () => Needs<'verifier' | 'vault' | 'connectors' | 'attachments' | 'inspectionJobs'> = memo(() => {
  const deps = { ...apiDeps(), vault: vaultOf(), connectors: connectorsOf(), attachments: attachmentsOf() };
  // Inspection and what-if jobs run in an in-process worker pool over the same stores and clock (issue 13).
  return { ...deps, inspectionJobs: gradingPool(() => assessmentPortsOf(deps)) };
});
