import { describe, expect, it } from 'vitest';
import {
  ConnectorError,
  ManualConnector,
  attemptPublish,
  canCheck,
  checkPublished,
  pickConnector,
  type Connector,
  type ManualTask,
  type PublishInput,
} from '../../../functions/connectors';

const input: PublishInput = {
  account: { id: 'acc-3', platform: 'douyin', handle: 'dy_123', name: '某区融媒' },
  post: { id: 'sp-3', title: '办证指南', body: '正文', imageUrl: 'https://example.gov.cn/a.png' },
  idempotencyKey: 'govmedia-sp-3',
};

const failing = (err: unknown): Connector => ({
  name: 'weibo',
  publish: async () => {
    throw err;
  },
  findPublished: async () => {
    throw err;
  },
});

describe('manual connector', () => {
  it('makes a task for a person and reports pending_manual', async () => {
    const tasks: ManualTask[] = [];
    const result = await new ManualConnector({ tasks: { create: async (t) => void tasks.push(t) } }).publish(input);
    expect(result).toEqual({ status: 'pending_manual', taskId: 'govmedia-sp-3', instructions: expect.stringContaining('抖音') });
    expect(tasks).toEqual([
      {
        id: 'govmedia-sp-3',
        accountId: 'acc-3',
        postId: 'sp-3',
        title: '办证指南',
        body: '正文',
        imageUrl: 'https://example.gov.cn/a.png',
        instructions: '请在抖音“某区融媒”手动发布《办证指南》，发布后在排期中填写内容链接确认',
      },
    ]);
  });

  it('cannot look anything up', () => {
    expect(canCheck(new ManualConnector())).toBe(false);
  });
});

describe('choosing a connector', () => {
  const wechat: Connector = { name: 'wechat', publish: async () => ({ status: 'published', platformPostId: 'x' }) };
  const manual = new ManualConnector();
  const set = { manual, byPlatform: { wechat } };

  it('uses the platform connector when the account has credentials', () => {
    expect(pickConnector('wechat', true, set)).toBe(wechat);
  });

  it('falls back to manual without credentials or without a platform connector', () => {
    expect(pickConnector('wechat', false, set)).toBe(manual);
    expect(pickConnector('douyin', true, set)).toBe(manual);
  });
});

describe('connector answers as dispatcher data', () => {
  it('a ConnectorError becomes its PublishError', async () => {
    const outcome = await attemptPublish(failing(new ConnectorError('retryable', 'weibo', '10023', '限流', 60_000)), input);
    expect(outcome).toEqual({ status: 'error', error: { kind: 'retryable', code: '10023', message: '限流', retryAfterMs: 60_000 } });
  });

  it('an unexpected exception mid-publish is an unknown outcome (timeout), never a blind retry', async () => {
    const outcome = await attemptPublish(failing(new TypeError('undefined is not a function')), input);
    expect(outcome).toMatchObject({ status: 'error', error: { kind: 'timeout', code: 'internal_error' } });
  });

  it('a successful publish passes through', async () => {
    const ok: Connector = { name: 'wechat', publish: async () => ({ status: 'published', platformPostId: 'A1', url: 'https://mp.weixin.qq.com/s/a1' }) };
    expect(await attemptPublish(ok, input)).toEqual({ status: 'published', platformPostId: 'A1', url: 'https://mp.weixin.qq.com/s/a1' });
  });

  it('a lookup that fails is a check_error to ask again later', async () => {
    const finding = await checkPublished(failing(new ConnectorError('timeout', 'weibo', 'timeout', '超时')), { ...input, since: '2026-11-26T00:00:00Z' });
    expect(finding).toMatchObject({ state: 'check_error', error: { kind: 'timeout' } });
  });
});
