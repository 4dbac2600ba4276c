import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import type { ScheduledPost } from '../lib/types';
import PostReview from './PostReview.svelte';

const by = { sub: 'ed-1', name: '王晓燕' };
const head = { sub: 'ap-1', name: '张科长' };
const post = (over: Partial<ScheduledPost> = {}): ScheduledPost =>
  ({
    id: 'p1',
    accountId: 'acc-1',
    regionCode: '330127',
    departmentId: 'dept-hrss',
    publishAt: '2026-11-28T09:00:00+08:00',
    title: '周末活动',
    body: '第一行\n转发抽奖赢大奖\n第三行',
    category: 'news',
    status: 'in_review',
    version: 3,
    createdBy: by,
    createdAt: '2026-11-27T08:00:00Z',
    updatedAt: '2026-11-27T08:00:00Z',
    reviewSteps: ['approver', 'approver'],
    round: 1,
    decisions: [],
    checks: [
      { kind: 'off_mission', severity: 'ordinary', term: '抽奖', category: 'lottery_game', message: '含有偏离政务职能的内容：“抽奖”（lottery_game）' },
      { kind: 'wording', severity: 'ordinary', term: '按装', suggestion: '安装', message: '表述错误' },
    ],
    attempts: 0,
    history: [],
    ...over,
  }) as unknown as ScheduledPost;

const submitted = (body: string, ack?: number) => ({
  at: '2026-11-27T08:00:00Z',
  by,
  action: 'submit' as const,
  from: 'draft' as const,
  to: 'in_review' as const,
  version: 2,
  content: { title: '周末活动', body, publishAt: '2026-11-28T09:00:00+08:00', category: 'news' },
  ...(ack ? { acknowledgedFindings: ack } : {}),
});

describe('PostReview (issue 15)', () => {
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it('names the review steps as the default chain does, not 「2 审（单位审批人）」', () => {
    render(PostReview, { props: { post: post() } });
    const titles = [...document.querySelectorAll('.step-title')].map((e) => e.textContent);
    expect(titles).toEqual(['一审：起草', '二审：科室负责人', '三审：分管领导']);
  });

  it.each([
    ['zh-CN', ['偏离职能：「抽奖」（抽奖游戏）', '「按装」建议改为「安装」']],
    ['en', ['Off-mission: “抽奖” (lottery or game)', '“按装” → “安装”']],
  ] as const)('shows findings in words, no raw code (%s)', (locale, texts) => {
    setLocale(locale);
    render(PostReview, { props: { post: post() } });
    const items = [...screen.getByTestId('findings').querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(texts);
    expect(screen.getByTestId('findings').textContent).not.toMatch(/lottery_game/);
  });

  it('shows who acknowledged the findings, at the submit and at a decision', () => {
    const p = post({
      history: [submitted('第一行', 2)] as ScheduledPost['history'],
      decisions: [{ round: 1, step: 0, role: 'approver', decision: 'approve', by: head, at: '2026-11-27T09:00:00Z', acknowledgedFindings: 2 }],
    });
    render(PostReview, { props: { post: p } });
    expect(screen.getAllByText('已确认阅读 2 条检查提示')).toHaveLength(2);
  });

  it('shows what changed between a returned round and the current draft', () => {
    const p = post({ status: 'rejected', body: '第一行\n第二行改好了\n第三行', history: [submitted('第一行\n转发抽奖赢大奖\n第三行')] as ScheduledPost['history'] });
    render(PostReview, { props: { post: p } });
    const diff = screen.getByTestId('round-diffs');
    expect(diff.textContent).toContain('第 1 轮 → 当前草稿');
    expect(diff.querySelector('del')?.textContent).toBe('转发抽奖赢大奖');
    expect(diff.querySelector('ins')?.textContent).toBe('第二行改好了');
  });

  it('compares two submitted rounds', () => {
    const p = post({ round: 2, history: [submitted('旧正文'), { ...submitted('新正文'), version: 5 }] as ScheduledPost['history'] });
    render(PostReview, { props: { post: p } });
    expect(screen.getByTestId('round-diffs').textContent).toContain('第 1 轮 → 第 2 轮');
  });

  it('shows no comparison for a first round', () => {
    render(PostReview, { props: { post: post({ history: [submitted('第一行\n转发抽奖赢大奖\n第三行')] as ScheduledPost['history'] }) } });
    expect(screen.queryByTestId('round-diffs')).toBeNull();
  });
});
