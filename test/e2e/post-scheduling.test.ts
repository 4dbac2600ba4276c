/**
 * Journey d — scheduling end to end (三审): the HRSS editor plans a post on the calendar for the
 * department's WeChat account about 90 s ahead, with the content checker's findings inline, and
 * submits it; approver 1 (科室负责人) and approver 2 (分管领导) approve it in their inbox; once the
 * publish time has passed the dispatcher (ticking every 2 s in the e2e server) hands it to the
 * manual connector (no credentials) and it waits as 待确认; the editor confirms the URL, sees 已发布,
 * and finds the post in the account's posts timeline.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

const REGION = '330127';
const ACCOUNT = '淳安人社';

function shanghai(d: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

describe('journey d: plan, review twice, publish by hand, confirm', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let accountId: string;

  beforeAll(async () => {
    const users = (await (await fetch(`${baseUrl}/api/v1/dev/users`)).json()) as { items: { sub: string; name: string; department?: string }[] };
    const editor = users.items.find((u) => u.sub === 'demo-hrss-editor')!;
    const token = await devToken(baseUrl, { sub: editor.sub, name: editor.name, roles: ['editor'], region: REGION, department: editor.department });
    const accounts = (await apiCall<{ items: { id: string; name: string; platform: string; status: string }[] }>(baseUrl, token, 'GET', `/accounts?department=${editor.department}&limit=100`)).items;
    const account = accounts.find((a) => a.name === ACCOUNT && a.platform === 'wechat' && a.status === 'active');
    if (!account) throw new Error(`demo account ${ACCOUNT} (wechat) not found or not active`);
    accountId = account.id;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draft → 审核中 → two approvals → 待确认 → 已发布, and in the posts timeline', { timeout: 300_000 }, async () => {
    const tag = Date.now().toString(36).slice(-5);
    const title = `社保卡线上补换办理指南（${tag}）`;
    // A whole minute at least 90 s ahead (the form takes minutes): 90–150 s from now.
    const publishAt = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
    const slot = shanghai(publishAt);

    // —— the editor drafts and submits ——
    const editor = await newPage(browser);
    await signIn(editor, baseUrl, 'demo-hrss-editor');
    await editor.getByRole('link', { name: '内容排期' }).click();
    await editor.getByRole('heading', { name: '内容排期', level: 1 }).waitFor();
    await editor.locator('[data-testid=calendar][aria-busy=false]').waitFor();
    await editor.getByRole('button', { name: '+ 新建稿件' }).click();
    const draft = editor.getByRole('dialog', { name: '新建稿件' });
    await draft.waitFor();
    await draft.getByLabel('发布账号').selectOption({ label: `${ACCOUNT}（微信公众号）` });
    await draft.getByLabel('发布日期').fill(slot.date);
    await draft.getByLabel('发布时间（北京时间）').fill(slot.time);
    await draft.getByLabel('内容类别').selectOption('service');
    await draft.getByLabel('标题').fill(title);
    await draft.getByLabel('正文').fill('即日起，参保群众可通过“浙里办”线上申请社会保障卡补换，办理流程：登录后选择补换卡服务，填写邮寄地址并确认。如有疑问，请到县行政服务中心人社窗口咨询。');
    // The content checker answers while typing (debounced): category and findings inline.
    const check = draft.locator('#dr-check[data-state=done]');
    await check.waitFor();
    expect(await check.textContent()).toContain('识别类别：办事服务');
    await draft.getByRole('button', { name: '提交审核' }).click();
    await draft.waitFor({ state: 'detached' });
    await editor.getByText(`稿件「${title}」已提交审核。`).waitFor();
    const chip = editor.locator(`[data-testid=cal-post][data-title="${title}"]`);
    await expect.poll(() => chip.textContent()).toContain('审核中');
    expect(editor.errors).toEqual([]);

    // —— approver 1 and approver 2, each in their inbox ——
    for (const [sub, after] of [
      ['demo-hrss-approver-1', '审核中'],
      ['demo-hrss-approver-2', '已通过'],
    ] as const) {
      const page = await newPage(browser);
      await signIn(page, baseUrl, sub);
      await page.getByRole('link', { name: '待我审批' }).click();
      await page.getByRole('tab', { name: '待审稿件' }).click();
      const card = page.locator(`[data-testid=draft-card][data-title="${title}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('轮到您审批');
      await card.getByRole('button', { name: '通过', exact: true }).click();
      await page.getByText(`已处理稿件「${title}」，当前状态：${after}。`).waitFor();
      expect(page.errors).toEqual([]);
      await page.close();
    }
    expect(Date.now()).toBeLessThan(publishAt.getTime());

    // —— after the publish time the dispatcher hands it to the manual connector: 待确认 ——
    await editor.reload();
    await editor.locator('[data-testid=calendar][aria-busy=false]').waitFor();
    await chip.click();
    const detail = editor.getByRole('dialog', { name: title });
    await detail.waitFor();
    const status = detail.getByTestId('post-status');
    await expect.poll(() => status.textContent()).toBe('已通过');
    await expect
      .poll(
        async () => {
          await detail.getByRole('button', { name: '刷新' }).click();
          await detail.getByRole('button', { name: '刷新' }).waitFor();
          return status.textContent();
        },
        { timeout: Math.max(0, publishAt.getTime() - Date.now()) + 90_000, interval: 2000 },
      )
      .toBe('待确认');
    expect(await detail.textContent()).toContain('未接入自动发布，请在平台手动发布后填写内容链接确认');

    // —— the editor confirms where it went out ——
    const url = `https://mp.weixin.qq.com/s/e2e-${tag}`;
    await detail.getByLabel('内容链接').fill(url);
    await detail.getByRole('button', { name: '确认已发布' }).click();
    await expect.poll(() => status.textContent()).toBe('已发布');
    expect(await detail.getByRole('link', { name: url }).count()).toBe(1);
    expect(await detail.locator('.timeline').textContent()).toContain('确认已发布');
    await editor.getByText('已确认发布，稿件已记入发布时间线。').waitFor();
    await screenshot(editor, 'post-scheduling-confirmed');
    await detail.getByRole('button', { name: '关闭' }).click();

    // —— and it is in the account's posts timeline ——
    await editor.goto(`${baseUrl}/#/accounts/${accountId}`);
    await editor.getByRole('heading', { name: '发布时间线' }).waitFor();
    const timeline = editor.locator('section[aria-labelledby=ap-posts] .timeline');
    await expect.poll(() => timeline.textContent(), { timeout: 15_000 }).toContain(title);
    await settle(editor);
    await timeline.getByText(title).scrollIntoViewIfNeeded();
    await screenshot(editor, 'post-scheduling');
    expect(editor.errors).toEqual([]);
  });
});
