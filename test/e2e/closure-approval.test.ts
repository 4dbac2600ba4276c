/**
 * Journey c — a closure through both approval tiers: the department's approver (demo-market-approver,
 * 淳安县市场监督管理局) approves tier 1 in the inbox, the office's reviewer (demo-reviewer) approves
 * tier 2, and the closure reaches 已批准 with the drafted stop-update notice visible.
 *
 * Set-up (API, as the office): the market department's duplicate WeChat accounts 淳安县市场监管 (kept)
 * and 淳安市场监督管理 become a closure request through POST /consolidation/plans, unless one is
 * already pending — so the journey does not depend on journey b.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

const REGION = '330127';
const KEEPER = '淳安县市场监管';
const CLOSING = '淳安市场监督管理';

interface Account {
  id: string;
  name: string;
  platform: string;
  status: string;
}
interface Closure {
  id: string;
  accountId: string;
  status: string;
  decisions: unknown[];
}

describe('journey c: department approver and office reviewer approve a closure', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let closureId: string;

  beforeAll(async () => {
    const token = await devToken(baseUrl, { sub: 'demo-office', name: '李敏', roles: ['office'], region: REGION });
    const accounts = (await apiCall<{ items: Account[] }>(baseUrl, token, 'GET', `/accounts?region=${REGION}&platform=wechat&q=${encodeURIComponent('市场监')}&limit=50`)).items;
    const keeper = accounts.find((a) => a.name === KEEPER);
    const closing = accounts.find((a) => a.name === CLOSING);
    if (!keeper || !closing) throw new Error(`demo accounts ${KEEPER} / ${CLOSING} not found`);
    const pending = (await apiCall<{ items: Closure[] }>(baseUrl, token, 'GET', `/closures?region=${REGION}&status=pending&limit=500`)).items.find((c) => c.accountId === closing.id);
    if (pending) {
      if (pending.decisions.length) throw new Error(`${CLOSING}: its closure is already past tier 1; run against fresh demo data`);
      closureId = pending.id;
    } else {
      if (closing.status !== 'active') throw new Error(`${CLOSING} is ${closing.status}: the demo data was used up, restart with fresh data`);
      const plan = await apiCall<{ closures: Closure[] }>(baseUrl, token, 'POST', '/consolidation/plans', {
        accountIds: [closing.id, keeper.id],
        keeperId: keeper.id,
        reason: `清理整合（同一单位同一平台）：并入「${KEEPER}」`,
      });
      closureId = plan.closures[0]!.id;
    }
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('tier 1 by the department approver, tier 2 by the reviewer, then 已批准 with the notice draft', async () => {
    // —— tier 1: the market department's approver ——
    const approver = await newPage(browser);
    await signIn(approver, baseUrl, 'demo-market-approver');
    await approver.getByRole('link', { name: '待我审批' }).click();
    await approver.getByRole('heading', { name: '待我审批', level: 1 }).waitFor();
    const card = approver.locator(`[data-testid=closure-card][data-account="${CLOSING}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('轮到您审批');
    expect(await card.textContent()).toContain('第 1 级审批（单位审批人）');
    await card.getByLabel('审批意见').fill('同意整合，由“淳安县市场监管”统一发布。');
    await card.getByRole('button', { name: '同意', exact: true }).click();
    // Approving a closure asks first, with the account's latest grade and flags (issue 15).
    await card.getByTestId('closure-confirm').waitFor();
    await card.getByRole('button', { name: '确认同意关停' }).click();
    await approver.getByText(`已同意「${CLOSING}」的关停申请，转审核人审批。`).waitFor();
    // Back in the list, now waiting for the reviewer: no buttons for this approver.
    await expect.poll(() => card.getByRole('button', { name: '同意', exact: true }).count()).toBe(0);
    expect(await card.textContent()).toContain('等待审核人审批');
    expect(approver.errors).toEqual([]);

    // —— tier 2: the office's reviewer ——
    const reviewer = await newPage(browser);
    await signIn(reviewer, baseUrl, 'demo-reviewer');
    await reviewer.getByRole('link', { name: '待我审批' }).click();
    const rcard = reviewer.locator(`[data-testid=closure-card][data-account="${CLOSING}"]`);
    await rcard.waitFor();
    expect(await rcard.textContent()).toContain('轮到您审批');
    // Tier 1's decision and note are shown to the reviewer.
    expect(await rcard.textContent()).toContain('同意整合');
    await rcard.getByRole('button', { name: '同意', exact: true }).click();
    await rcard.getByRole('button', { name: '确认同意关停' }).click();
    const done = reviewer.getByText(`已同意「${CLOSING}」的关停申请，申请已批准，系统已起草停更公告。`);
    await done.waitFor();
    await reviewer.getByRole('status').filter({ hasText: '申请已批准' }).getByRole('link', { name: '查看详情' }).click();

    // —— the closure, approved, with its drafted notice ——
    await reviewer.getByRole('heading', { name: `关停申请：${CLOSING}`, level: 1 }).waitFor();
    expect(reviewer.url()).toContain(`#/closures/${closureId}`);
    expect(await reviewer.getByTestId('closure-status').textContent()).toBe('已批准');
    const notice = reviewer.getByTestId('notice-draft');
    await notice.waitFor();
    const text = await notice.inputValue();
    expect(text).toContain(`关于微信公众号“${CLOSING}”停止更新的公告`);
    expect(text).toContain(`微信公众号“${KEEPER}”`);
    expect(text).toMatch(/公告期 30 天/);
    const history = (await reviewer.locator('.timeline').textContent()) ?? '';
    expect(history).toContain('提出关停申请');
    expect(history).toContain('第 1 级审批（单位审批人）');
    expect(history).toContain('第 2 级审批（审核人）');
    expect(history).toContain('同意整合');
    await settle(reviewer);
    await screenshot(reviewer, 'closure-approval');
    expect(reviewer.errors).toEqual([]);
  });
});
