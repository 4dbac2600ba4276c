/**
 * The demo's supervision loop: an inspection twelve working days ago, its rectification notice
 * (due two working days ago), and a mix of items: one verified after the department resumed
 * posting, one answered and given an extension, one given an extension and still open, the rest
 * overdue; one closure request waiting for its department approver. Every step goes through the
 * domain functions with the clock each step happened at, so history and audit are the real ones.
 */
import { ingestPosts } from '../../../shared/activity/ingest';
import { runInspection } from '../../../shared/assessment/run-inspection';
import type { Principal } from '../../../shared/auth/principal';
import type { Account } from '../../../shared/registry/schemas';
import {
  extendRectificationItem,
  issueRectificationNotice,
  requestClosureForItem,
  respondToRectificationItem,
  reviewRectificationItem,
  superviseRectifications,
} from '../../../shared/supervision/service';
import type { RectificationItem } from '../../../shared/supervision/rectification';
import { addWorkingDays } from '../../../shared/time';
import { activityPortsOf, assessmentPortsOf, supervisionPortsOf, type DomainDeps } from '../../wiring/domain-ports';
import { DEMO_REGION, DEMO_USERS } from './users';

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString();
const clockAt = (instant: string) => ({ now: () => instant });

const office: Principal = { sub: 'demo-office', name: '李敏', roles: ['office'], region: DEMO_REGION };
const reviewer: Principal = { sub: 'demo-reviewer', name: '周建国', roles: ['reviewer'], region: DEMO_REGION };

function editorOf(departmentId: string, departmentName?: string): Principal {
  const demo = DEMO_USERS.find((u) => u.roles.includes('editor') && u.departmentName === departmentName);
  return { sub: demo?.sub ?? `editor-${departmentId}`, name: demo?.name ?? '运维人员', roles: ['editor'], region: DEMO_REGION, department: departmentId };
}

export interface SupervisionSeed {
  rectificationId: string | null;
  items: number;
}

export async function seedSupervision(w: DomainDeps, today: string): Promise<SupervisionSeed> {
  const issueDay = addWorkingDays(today, -12);
  const issued = at(issueDay);
  const past: DomainDeps = { ...w, clock: clockAt(issued) };
  const inspection = await runInspection({ regionCode: DEMO_REGION, checkDate: addWorkingDays(issueDay, -1) }, office, assessmentPortsOf(past));
  if (!inspection.results.some((g) => g.verdict === 'fail')) return { rectificationId: null, items: 0 };
  const notice = await issueRectificationNotice(
    { inspectionId: inspection.id, note: '请各单位对照问题清单逐项整改，并在系统中反馈整改措施和佐证材料。' },
    office,
    supervisionPortsOf(past),
  );
  const items = notice.items;
  // The demo users' departments get the interesting items, so their screens show the loop.
  const demoDepartments = new Set(DEMO_USERS.map((u) => u.departmentName).filter(Boolean));
  const ordered = [...items].sort((a, b) => Number(demoDepartments.has(b.departmentName)) - Number(demoDepartments.has(a.departmentName)));
  const [toVerify, toAnswer, toExtend] = pickDistinctDepartments(ordered);

  const answerDay = at(addWorkingDays(issueDay, 3), '15:30');
  const nowish = at(addWorkingDays(today, -1), '11:00');
  const later = addWorkingDays(today, 5);

  if (toVerify) {
    // The department resumed service posting: the re-check a day ago passes.
    const account = await w.stores.accounts.get(toVerify.accountId);
    if (account) await resumePosting(account, today, w);
    await respondToRectificationItem(notice.id, toVerify.id, { measures: '已明确专人负责，恢复每周不少于三条服务信息的更新频次。', evidenceUrls: [], version: toVerify.version }, editorOf(toVerify.departmentId, toVerify.departmentName), supervisionPortsOf({ ...w, clock: clockAt(answerDay) }));
    try {
      await reviewRectificationItem(notice.id, toVerify.id, { decision: 'accept', note: '复查合格', version: toVerify.version + 1 }, reviewer, supervisionPortsOf({ ...w, clock: clockAt(nowish) }));
    } catch {
      // The re-check still fails for this account in this data: it stays answered.
    }
  }
  if (toAnswer) {
    const answered = await respondToRectificationItem(
      notice.id,
      toAnswer.id,
      { measures: '已联系技术服务公司恢复账号登录，正在补充发布办事指南类内容。', evidenceUrls: ['https://mp.weixin.qq.com/s/demo-rectification'], version: toAnswer.version },
      editorOf(toAnswer.departmentId, toAnswer.departmentName),
      supervisionPortsOf({ ...w, clock: clockAt(answerDay) }),
    );
    await extendRectificationItem(notice.id, toAnswer.id, { dueDate: later, note: '账号找回需平台审核，同意延期', version: answered.version }, office, supervisionPortsOf({ ...w, clock: clockAt(nowish) }));
  }
  if (toExtend) {
    await extendRectificationItem(notice.id, toExtend.id, { dueDate: later, note: '涉及账号迁移，同意延期', version: toExtend.version }, office, supervisionPortsOf({ ...w, clock: clockAt(nowish) }));
  }
  // Today's overdue flags and notices, as the daily sweep would write them.
  await superviseRectifications(supervisionPortsOf(w));
  await waitingClosure(notice.id, items, w);
  return { rectificationId: notice.id, items: items.length };
}

function pickDistinctDepartments(items: readonly RectificationItem[]): (RectificationItem | undefined)[] {
  const picked: RectificationItem[] = [];
  for (const item of items) {
    if (picked.length === 3) break;
    if (!picked.some((p) => p.departmentId === item.departmentId)) picked.push(item);
  }
  return picked;
}

async function resumePosting(account: Account, today: string, w: DomainDeps): Promise<void> {
  const posts = Array.from({ length: 6 }, (_, i) => {
    const day = addWorkingDays(today, -(i * 2 + 1));
    return {
      externalId: `demo-rectify-${account.id}-${i}`,
      publishedAt: at(day, '09:30'),
      title: ['办事指南：社保卡申领流程', '政策解读：灵活就业人员参保补贴', '通知：窗口服务时间调整', '办事指南：不动产登记预约', '政策解读：创业担保贷款', '通知：便民服务点开放'][i]!,
      text: '办理地点：县行政服务中心一楼综合窗口。所需材料：身份证原件。办理时限：即时办结。咨询电话：0571-65012345。',
    };
  });
  await ingestPosts(account.id, posts, office, activityPortsOf({ ...w, clock: clockAt(at(today, '08:00')) }));
}

/** One closure request of a zombie account, waiting for the department approver. */
async function waitingClosure(rectificationId: string, items: readonly RectificationItem[], w: DomainDeps): Promise<void> {
  const hrss = items.find((i) => i.departmentName === DEMO_USERS.find((u) => u.sub === 'demo-hrss-editor')?.departmentName && i.stage === 'open');
  const candidate = hrss ?? items.find((i) => i.stage === 'open');
  if (!candidate) return;
  try {
    const item = await w.stores.rectifications.item(rectificationId, candidate.id);
    if (!item || item.stage !== 'open') return;
    await requestClosureForItem(
      rectificationId,
      item.id,
      { reason: '长期未更新，整改无法落实，申请关停并由本单位主账号承接', version: item.version },
      editorOf(item.departmentId, item.departmentName),
      supervisionPortsOf(w),
    );
  } catch {
    // Not closable in this data (e.g. already being closed): the demo goes on without it.
  }
}
