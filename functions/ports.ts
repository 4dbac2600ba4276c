export * from './wiring/ports'; export type { DomainDeps as Wiring } from './wiring/ports'; // shim (issue 11): import from functions/wiring/ports
