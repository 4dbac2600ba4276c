/**
 * Journey f — an account's checks on its page, each by the role that does it: the office records
 * the national filing (备案) of a new account, sets and revokes its WeChat credentials (password
 * inputs; only 已配置/未配置 comes back); the reviewer confirms fake engagement after the
 * confirmation dialog and the grade shows the 弄虚作假 veto; the admin reads the rule profile in force
 * on 规则配置.
 *
 * Set-up (API, as the office): a new department with one new WeChat account, so no other journey's
 * duplicate clusters or closures are touched. Nothing is assigned to the region (that would change
 * every other journey's rules).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, devToken, launch, newPage, screenshot, settle, signIn, type Browser } from './browser';

const REGION = '330127';

describe('journey f: filing, credentials, fake engagement, rule profile', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let accountId: string;

  beforeAll(async () => {
    const token = await devToken(baseUrl, { sub: 'demo-office', name: '李敏', roles: ['office'], region: REGION });
    const stamp = Date.now().toString(36);
    const dept = await apiCall<{ id: string }>(baseUrl, token, 'POST', '/departments', { name: `淳安县e2e核查中心${stamp}`, regionCode: REGION });
    const account = await apiCall<{ id: string; filingPendingSince?: string }>(baseUrl, token, 'POST', '/accounts', {
      platform: 'wechat',
      handle: `e2e_checks_${stamp}`,
      name: `淳安核查${stamp}`,
      departmentId: dept.id,
      interactionEnabled: true,
      contacts: [{ name: '测试联系人' }],
    });
    if (!account.filingPendingSince) throw new Error('a new account should await its filing');
    accountId = account.id;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('office files and manages credentials; reviewer confirms fake engagement; admin reads the profile', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'office');
    await page.goto(`${baseUrl}/#/accounts/${accountId}`);
    const filing = page.getByTestId('filing');
    await filing.getByText('待备案').waitFor();
    // The date defaults to today.
    await filing.getByRole('button', { name: '登记备案' }).click();
    await filing.getByText(/已登记备案/).waitFor();
    await filing.getByText('已备案', { exact: true }).waitFor();

    const creds = page.getByTestId('credentials');
    await creds.getByText('未配置').waitFor();
    await creds.getByRole('button', { name: '配置凭据' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '保存凭据' }).click();
    await dialog.getByText('appId 不能为空').waitFor();
    expect(await dialog.getByLabel(/AppSecret/).getAttribute('type')).toBe('password');
    await dialog.getByLabel(/AppID/).fill('wx-e2e-app');
    await dialog.getByLabel(/AppSecret/).fill('e2e-secret-value');
    await dialog.getByRole('button', { name: '保存凭据' }).click();
    await creds.getByText('已配置').waitFor();
    expect(await page.content()).not.toContain('e2e-secret-value');
    await creds.getByRole('button', { name: '撤销凭据' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认撤销' }).click();
    await creds.getByText('未配置').waitFor();

    await signIn(page, baseUrl, 'reviewer');
    await page.goto(`${baseUrl}/#/accounts/${accountId}`);
    const fake = page.getByTestId('fake-engagement');
    await fake.getByRole('button', { name: '认定弄虚作假' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/单项否决/).first().waitFor();
    await confirm.getByLabel('认定依据').fill('e2e：平台核查确认购买粉丝');
    await confirm.getByRole('button', { name: '确认认定' }).click();
    await fake.getByText('已认定弄虚作假', { exact: true }).waitFor();
    await page.getByText(/存在购买粉丝或强制点赞等刷量行为/).first().waitFor();
    await settle(page);
    await screenshot(page, 'account-checks');

    await signIn(page, baseUrl, 'admin');
    await page.getByRole('link', { name: '规则配置' }).click();
    await page.getByRole('heading', { name: '规则配置', level: 1 }).waitFor();
    await page.getByTestId('region-profile').waitFor();
    await page.getByTestId('profile-vetoes').getByText(/天内无更新/).waitFor();
    await page.getByTestId('assign-form').waitFor();
    await settle(page);
    await screenshot(page, 'profiles');
    expect(page.errors).toEqual([]);
  });
});
