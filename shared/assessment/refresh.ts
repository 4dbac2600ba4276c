import { profileForRegion } from '../profiles/catalog';
import type { Account, GradeSummary } from '../registry/schemas';
import type { Grade } from '../grading/types';
import { beijingDate } from '../time';
import { AssessmentContext, assessAccount } from './inputs';
import type { AssessmentPorts } from './ports';

export const gradeSummary = (g: Grade): GradeSummary => ({
  checkDate: g.checkDate,
  profile: g.profile,
  profileVersion: g.profileVersion,
  verdict: g.verdict,
  score: g.score,
  band: g.band,
});

/**
 * Recomputes an account's activity flags and current grade as of today and stores them
 * on the account. Runs after ingest and in the nightly sweep.
 */
export async function refreshAccount(accountId: string, ports: AssessmentPorts, ctx = new AssessmentContext(ports)): Promise<Account | undefined> {
  const account = await ports.accounts.get(accountId);
  if (!account || account.status === 'closed') return account;
  const profile = await profileForRegion(account.regionCode, ports);
  const { grade, flags } = await assessAccount(account, beijingDate(ports.clock.now()), profile, ctx);
  const latestGrade = gradeSummary(grade);
  await ports.accounts.setDerived(account.id, { flags, latestGrade });
  return { ...account, flags, latestGrade };
}

/** After a registration or an edit: the account and its unit's accounts on the same platform (their `duplicate` flag). */
export async function refreshUnitPlatform(account: { id: string; regionCode: string; departmentId: string; platform: string }, ports: AssessmentPorts): Promise<void> {
  const ctx = new AssessmentContext(ports);
  const same = (await ports.accounts.allInDepartment(account.regionCode, account.departmentId)).filter((a) => a.platform === account.platform);
  const ids = new Set([account.id, ...same.map((a) => a.id)]);
  for (const id of ids) await refreshAccount(id, ports, ctx);
}
