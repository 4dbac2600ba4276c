/**
 * Issue 15 journey: checker findings are read before a post moves on. The HRSS editor drafts a post
 * with lottery and advertising terms: the checker names them in words (no raw code), submitting
 * needs a ticked confirmation; the section head sees the findings and must tick that she read them
 * before passing. Screenshots of the draft dialog and the inbox card, in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

const ACCOUNT = '淳安人社';
const RAW_CODE = /\b(lottery_game|advertising|entertainment|clickbait|personal_opinion|off_mission|service)\b/;

function tomorrowShanghai(): string {
  return new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
}

describe('journey: a draft with checker findings', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('confirmation to submit, acknowledgement to pass, all in words', { timeout: 240_000 }, async () => {
    const tag = Date.now().toString(36).slice(-5);
    const title = `周末福利活动（${tag}）`;

    // —— the editor drafts ——
    const editor = await newPage(browser);
    await signIn(editor, baseUrl, 'demo-hrss-editor');
    await editor.getByRole('link', { name: '内容排期' }).click();
    await editor.locator('[data-testid=calendar][aria-busy=false]').waitFor();
    await editor.getByRole('button', { name: '+ 新建稿件' }).click();
    const draft = editor.getByRole('dialog', { name: '新建稿件' });
    await draft.waitFor();
    await draft.getByLabel('发布账号').selectOption({ label: `${ACCOUNT}（微信公众号）` });
    await draft.getByLabel('发布日期').fill(tomorrowShanghai());
    await draft.getByLabel('发布时间（北京时间）').fill('10:00');
    await draft.getByLabel('标题').fill(title);
    await draft.getByLabel('正文').fill('转发抽奖赢大奖，限时优惠抢购，关注点赞参与抽奖，扫码领取红包！');
    const check = draft.locator('#dr-check[data-state=done]');
    await check.waitFor();
    expect(await check.textContent()).toContain('偏离职能：「');
    expect(await check.textContent()).not.toMatch(RAW_CODE);

    await draft.getByRole('button', { name: '提交审核' }).click();
    // Saved, findings shown; not submitted until the editor confirms.
    const findings = draft.getByTestId('stored-findings');
    await findings.waitFor();
    expect(await findings.textContent()).not.toMatch(RAW_CODE);
    await draft.getByRole('button', { name: '提交审核' }).click();
    await draft.getByText('请先勾选确认已阅读检查提示').waitFor();
    await draft.getByTestId('ack-findings').check();
    await settle(editor);
    await screenshot(editor, 'draft-findings-confirm');
    await draft.getByRole('button', { name: '提交审核' }).click();
    await draft.waitFor({ state: 'detached' });
    await editor.getByText(`稿件「${title}」已提交审核。`).waitFor();
    expect(editor.errors).toEqual([]);

    // —— the section head must acknowledge the findings ——
    const head = await newPage(browser);
    await signIn(head, baseUrl, 'demo-hrss-approver-1');
    await head.getByRole('link', { name: '待我审批' }).click();
    await head.getByRole('tab', { name: '待审稿件' }).click();
    const card = head.locator(`[data-testid=draft-card][data-title="${title}"]`);
    await card.waitFor();
    expect(await card.getByTestId('findings').textContent()).not.toMatch(RAW_CODE);
    expect(await card.textContent()).toContain('二审：科室负责人');
    expect(await card.textContent()).toMatch(/已确认阅读 \d+ 条检查提示/);
    await card.getByRole('button', { name: '通过', exact: true }).click();
    await card.getByText('请先勾选确认已阅读检查提示').waitFor();
    await card.getByTestId('ack-findings').check();
    await card.scrollIntoViewIfNeeded();
    await settle(head);
    await screenshot(head, 'draft-findings-review');

    // —— the same card in English ——
    await head.getByRole('button', { name: 'English' }).click();
    await card.getByText('Review 2: section head').waitFor();
    expect(await card.getByTestId('findings').textContent()).toContain('Off-mission: “');
    await settle(head);
    await screenshot(head, 'draft-findings-review-en');
    await head.getByRole('button', { name: '中文' }).click().catch(() => undefined);

    await card.getByRole('button', { name: /^(通过|Approve)$/ }).click();
    await head.getByText(new RegExp(`${title}`)).first().waitFor();
    expect(head.errors).toEqual([]);
  });
});
