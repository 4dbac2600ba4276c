/**
 * Shared, cached reads: departments and the region's accounts. Screens call load*() and read the
 * state; a write calls the matching upsert so every screen sees it without a reload.
 */
import { errorMessage, fetchAll } from './api';
import { session } from './session.svelte';
import type { Account, Department } from './types';

class DataStore {
  /** Raw (not deeply proxied): 10,000 accounts stay plain objects, so filtering is fast. Replace, never mutate. */
  departments = $state.raw<Department[]>([]);
  departmentsLoaded = $state(false);
  accounts = $state.raw<Account[]>([]);
  accountsLoaded = $state(false);
  accountsLoading = $state(false);
  accountsProgress = $state(0);
  accountsError = $state<string | null>(null);
}

export const store = new DataStore();

let departmentsPromise: Promise<Department[]> | null = null;
let accountsPromise: Promise<Account[]> | null = null;

export function departmentMap(): Map<string, Department> {
  return new Map(store.departments.map((d) => [d.id, d]));
}

export function loadDepartments(force = false): Promise<Department[]> {
  if (departmentsPromise && !force) return departmentsPromise;
  const region = session.principal?.region;
  departmentsPromise = (async () => {
    const items = await fetchAll<Department>('/departments', { region, limit: 500 });
    store.departments = items;
    store.departmentsLoaded = true;
    return items;
  })();
  departmentsPromise.catch(() => {
    departmentsPromise = null;
  });
  return departmentsPromise;
}

export function loadAccounts(force = false): Promise<Account[]> {
  if (accountsPromise && !force) return accountsPromise;
  const p = session.principal;
  const query: Record<string, string | number | undefined> = { limit: 500 };
  if (p && p.roles.some((r) => r === 'office' || r === 'reviewer' || r === 'admin')) query.region = p.region;
  else if (p?.department) query.department = p.department;
  store.accountsLoading = true;
  store.accountsError = null;
  store.accountsProgress = 0;
  accountsPromise = fetchAll<Account>('/accounts', query, (n) => (store.accountsProgress = n))
    .then((items) => {
      store.accounts = items;
      store.accountsLoaded = true;
      return items;
    })
    .catch((err: unknown) => {
      store.accountsError = errorMessage(err);
      accountsPromise = null;
      throw err;
    })
    .finally(() => {
      store.accountsLoading = false;
    });
  return accountsPromise;
}

export function upsertAccount(a: Account): void {
  const i = store.accounts.findIndex((x) => x.id === a.id);
  if (i >= 0) store.accounts = store.accounts.map((x) => (x.id === a.id ? a : x));
  else store.accounts = [a, ...store.accounts];
}

export function accountById(id: string | undefined): Account | undefined {
  if (!id) return undefined;
  return store.accounts.find((a) => a.id === id);
}

/** Forget cached data (sign-out, user switch). */
export function resetData(): void {
  departmentsPromise = null;
  accountsPromise = null;
  store.departments = [];
  store.departmentsLoaded = false;
  store.accounts = [];
  store.accountsLoaded = false;
  store.accountsProgress = 0;
  store.accountsError = null;
}
