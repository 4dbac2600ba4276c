import { localDeps } from '../wiring/local'; export const deps = localDeps(); // shim (issue 11): use localDeps() from functions/wiring/local
