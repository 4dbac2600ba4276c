/**
 * Journey — the supervision loop (整改): the office runs an inspection and issues a rectification
 * notice from its result page; the market department's editor (demo-market-editor) sees the bell,
 * opens the notice from it and answers its item with evidence; the department resumes posting
 * (set up through the API, as its connector would); the office re-checks and the item is verified.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

const REGION = '330127';

interface Inspection {
  id: string;
  results: { accountId: string; verdict: string }[];
}
interface Account {
  id: string;
  name: string;
  departmentId: string;
}

describe('journey: rectification notice, answer, re-check', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let officeToken: string;
  let inspection: Inspection;
  let target: Account;

  beforeAll(async () => {
    officeToken = await devToken(baseUrl, { sub: 'demo-office', name: '李敏', roles: ['office'], region: REGION });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    inspection = await apiCall<Inspection>(baseUrl, officeToken, 'POST', '/inspections', { regionCode: REGION, checkDate: today });
    const users = (await (await fetch(`${baseUrl}/api/v1/dev/users`)).json()) as { items: { sub: string; department?: string }[] };
    const marketDept = users.items.find((u) => u.sub === 'demo-market-editor')?.department;
    const failed = inspection.results.filter((g) => g.verdict === 'fail');
    for (const g of failed) {
      const account = await apiCall<Account>(baseUrl, officeToken, 'GET', `/accounts/${g.accountId}`);
      if (account.departmentId === marketDept) {
        target = account;
        break;
      }
    }
    if (!target) throw new Error('no failing account of the market department in the demo data');
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office issues, the editor answers from the bell, the office re-checks and verifies', async () => {
    // —— the office issues the notice from the inspection's result page ——
    const office = await newPage(browser);
    await signIn(office, baseUrl, 'office');
    await office.goto(`${baseUrl}/#/inspections/${inspection.id}`);
    await office.getByRole('button', { name: '下发整改通知' }).first().click();
    await office.getByLabel('整改要求（可选）').fill('请于期限前完成整改，并提交整改后发布内容的链接。');
    await office.locator('button[form="issue-rect"]').click();
    await office.waitForURL(/#\/rectifications\//);
    await office.getByRole('heading', { name: '各单位整改进度' }).waitFor();
    const noticeUrl = office.url();
    await screenshot(office, 'rectification-issued-zh');
    expect(office.errors).toEqual([]);

    // —— the editor sees the bell and answers ——
    const editor = await newPage(browser);
    await signIn(editor, baseUrl, 'demo-market-editor');
    const bell = editor.getByRole('button', { name: /通知（\d+ 条未读）/ });
    await bell.waitFor();
    await bell.click();
    const issuedNote = editor.getByTestId('notification').filter({ hasText: '整改通知' }).first();
    await issuedNote.waitFor();
    await screenshot(editor, 'rectification-bell-zh');
    await issuedNote.getByRole('button').click();
    await editor.waitForURL(/#\/rectifications\//);
    expect(editor.url().split('#')[1]).toBe(noticeUrl.split('#')[1]);
    const item = editor.getByTestId('rect-item').filter({ hasText: target.name });
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('open');
    await item.getByLabel('整改措施').fill('已明确专人负责，恢复每周三条以上服务信息的更新。');
    await item.getByLabel('佐证链接（可选）').fill('https://mp.weixin.qq.com/s/market-rectified');
    await item.scrollIntoViewIfNeeded();
    await item.getByRole('button', { name: '提交反馈' }).click();
    await editor.getByText('已提交反馈，等待管理部门复查。').waitFor();
    await expect.poll(() => item.getAttribute('data-status')).toBe('responded');
    expect(editor.errors).toEqual([]);

    // The department resumes posting (what its connector or a push would bring).
    const editorToken = await devToken(baseUrl, { sub: 'demo-market-editor', name: '方雪梅', roles: ['editor'], region: REGION, department: target.departmentId });
    const now = Date.now();
    await apiCall(baseUrl, editorToken, 'POST', `/accounts/${target.id}/posts`, {
      posts: Array.from({ length: 6 }, (_, i) => ({
        externalId: `journey-rect-${now}-${i}`,
        publishedAt: new Date(now - i * 86_400_000 - 3_600_000).toISOString(),
        title: '办事指南：个体工商户登记',
        text: '办理地点：县市民中心市场监管窗口。所需材料：身份证、经营场所证明。办理时限：即时办结。',
      })),
    });

    // —— the office re-checks and verifies ——
    await office.reload();
    const reviewItem = office.getByTestId('rect-item').filter({ hasText: target.name });
    await reviewItem.waitFor();
    await reviewItem.getByRole('button', { name: '复查通过' }).click();
    await office.getByText('复查通过，该事项已完成。').waitFor();
    await expect.poll(() => reviewItem.getAttribute('data-status')).toBe('verified');
    await reviewItem.getByTestId('recheck').waitFor();
    await settle(office);
    await reviewItem.scrollIntoViewIfNeeded();
    await screenshot(office, 'rectification-verified-zh');
    expect(office.errors).toEqual([]);
  });
});
