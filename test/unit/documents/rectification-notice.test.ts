import { describe, expect, it } from 'vitest';
import type { Block } from '../../../shared/documents/official';
import { itemsByDepartment, problemsInWords, RECTIFICATION_NOTICE_TITLE, rectificationNoticeDocument } from '../../../shared/documents/rectification-notice';
import { gradeAccount } from '../../../shared/grading';
import { NATIONAL } from '../../../shared/profiles';
import { problemsOf, type Rectification, type RectificationItem } from '../../../shared/supervision/rectification';
import { ACCOUNT, CHECK, input, post } from '../grading/helpers';

const HRSS = '淳安县人力资源和社会保障局';
const MARKET = '淳安县市场监督管理局';
const silentGrade = (id: string) => gradeAccount(input([post(20), post(25)], { account: { ...ACCOUNT, id } }), CHECK, NATIONAL);

const rectification: Rectification = {
  id: 'r1',
  inspectionId: 'insp-1',
  regionCode: '330127',
  profile: { name: 'national', version: 1 },
  checkDate: CHECK,
  issuedAt: '2026-03-16T17:30:00Z', // 2026-03-17 01:30 in Beijing
  issuedBy: { sub: 'office', name: '李敏' } as Rectification['issuedBy'],
  dueDate: '2026-03-31',
  itemCount: 3,
};

function item(id: string, departmentId: string, departmentName: string, name: string, platform: RectificationItem['account']['platform'] = 'wechat'): RectificationItem {
  return {
    id,
    rectificationId: 'r1',
    regionCode: '330127',
    accountId: `acc-${id}`,
    departmentId,
    departmentName,
    account: { name, platform, handle: `h-${id}` },
    problems: problemsOf(silentGrade(`acc-${id}`)),
    stage: 'open',
    status: 'open',
    dueDate: '2026-03-31',
    history: [],
    version: 1,
    updatedAt: rectification.issuedAt,
  };
}

const items = [item('i1', 'd-sj', MARKET, '淳安市场监管', 'douyin'), item('i2', 'd-rs', HRSS, '淳安人社微博', 'weibo'), item('i3', 'd-rs', HRSS, '淳安人社')];
const grades = new Map(items.map((i) => [i.accountId, silentGrade(i.accountId)]));
const tables = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
const text = (blocks: Block[]) => blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.join('|')).join('\n') : b.text)).join('\n');

describe('itemsByDepartment', () => {
  it('groups the items by department, departments and accounts by name', () => {
    expect(itemsByDepartment(items).map((g) => [g.name, g.items.map((i) => i.account.name)])).toEqual([
      [HRSS, ['淳安人社', '淳安人社微博']],
      [MARKET, ['淳安市场监管']],
    ]);
  });
});

describe('problemsInWords', () => {
  it('explains each problem from the inspected grade, with its evidence', () => {
    const [first] = problemsInWords(items[0]!.problems, grades.get(items[0]!.accountId));
    expect(first).toMatch(/^单项否决「内容不更新」：检查日 2026-03-15 前 14 天内没有更新/);
  });

  it('names the rule when the grade is not at hand', () => {
    expect(problemsInWords([{ kind: 'veto', code: 'no_update', evidence: {} }, { kind: 'deduction', code: 'cadence', evidence: {}, points: 4 }])).toEqual([
      '单项否决「内容不更新」。',
      '「更新频率」扣 4 分。',
    ]);
  });
});

describe('rectificationNoticeDocument', () => {
  const doc = rectificationNoticeDocument({ rectification, items, grades });

  it('is the 整改通知 addressed to the departments with items', () => {
    expect(doc.title).toBe(RECTIFICATION_NOTICE_TITLE);
    expect(doc.addressee).toBe(`${HRSS}、${MARKET}`);
  });

  it('names the inspection date, the failed accounts, the deadline in Chinese and what to submit', () => {
    const body = text(doc.body);
    expect(body).toContain('2026年3月15日，淳安县人民政府办公室对全县政务新媒体开展了检查');
    expect(body).toContain('下列3个账号不合格');
    expect(body).toContain('于2026年3月31日前完成整改');
    expect(body).toContain('佐证材料');
  });

  it('has one table per department with account, platform and problems in words, and its deadline', () => {
    const [hrss, market] = tables(doc.body);
    expect(hrss!.headers).toEqual(['序号', '账号名称', '平台', '存在问题', '状态']);
    expect(hrss!.rows.map((r) => r.slice(0, 3))).toEqual([
      ['1', '淳安人社', '微信公众号'],
      ['2', '淳安人社微博', '微博'],
    ]);
    expect(hrss!.rows[0]![3]).toContain('单项否决「内容不更新」');
    expect(market!.rows.map((r) => r.slice(0, 3))).toEqual([['1', '淳安市场监管', '抖音']]);
    expect(doc.body.filter((b) => b.kind === 'paragraph' && b.text === '整改期限：2026年3月31日前。')).toHaveLength(2);
  });

  it('is signed by the issuing office on the Beijing day of issue', () => {
    expect(doc.signature).toEqual({ issuer: '淳安县人民政府办公室', date: '2026-03-17' });
    expect(doc.fileName).toBe(`${RECTIFICATION_NOTICE_TITLE}（2026-03-17）`);
  });

  it('for a department, holds only the items it was given', () => {
    const own = rectificationNoticeDocument({ rectification, items: items.filter((i) => i.departmentId === 'd-sj'), grades });
    expect(own.addressee).toBe(MARKET);
    expect(tables(own.body)).toHaveLength(1);
    expect(text(own.body)).not.toContain('淳安人社');
  });

  it('carries the office\'s note and the caller\'s issuer and number', () => {
    const custom = rectificationNoticeDocument({ rectification: { ...rectification, note: '请同步报送分管领导' }, items, grades, options: { issuer: '中共淳安县委宣传部', number: '淳宣〔2026〕3号' } });
    expect(custom).toMatchObject({ issuer: '中共淳安县委宣传部', number: '淳宣〔2026〕3号', signature: { issuer: '中共淳安县委宣传部' } });
    expect(text(custom.body)).toContain('四、其他事项\n请同步报送分管领导');
    expect(text(custom.body)).toContain('五、各单位整改事项');
  });
});
