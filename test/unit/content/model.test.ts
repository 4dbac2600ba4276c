/**
 * The n-gram model (shared/content/ngram.ts) and how the checker uses it:
 * the committed model is what a fresh training gives, ambiguous words count
 * only in context, and every off-mission verdict names what drove it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContent, classifyPost, createContentChecker, OFF_MISSION_SUBCLASSES } from '../../../shared/content';
import committed from '../../../shared/content/model.generated.json';
import { MODEL_CLASSES, NgramModel, normCode, trainNgramModel } from '../../../shared/content/ngram';
import { modelClassOf, trainingSet } from '../../../shared/content/training';
import evalSet from '../../fixtures/content-eval.json';
import train from '../../fixtures/content-train.json';
import blindR1 from '../../fixtures/content-blind-r1.json';
import blindR2 from '../../fixtures/content-blind-r2.json';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the committed model', () => {
  it('equals a fresh training on the corpus (npm run train:content), so it cannot drift', () => {
    const fresh = trainNgramModel(trainingSet([...train.posts, ...evalSet.posts]));
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(committed));
  });

  it('is well-formed UTF-16 throughout: no lone surrogate in a key or value (vite refuses such JSON)', () => {
    const raw = readFileSync(new URL('../../../shared/content/model.generated.json', import.meta.url), 'utf8');
    // As written (JSON.stringify escapes a lone surrogate as \udXXX) and as parsed.
    expect(raw).not.toMatch(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/);
    expect(raw).not.toMatch(lone);
    const bad = Object.keys(JSON.parse(raw).grams as Record<string, unknown>).filter((g) => lone.test(g));
    expect(bad).toEqual([]);
  });

  it('would catch a gram cut through an emoji (the check above can fail)', () => {
    const cut = '📢通知'.slice(1, 3);
    expect(lone.test(cut)).toBe(true);
    expect(JSON.stringify({ [cut]: 1 })).toMatch(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/);
  });

  it('is trained on the train and dev splits only: no validation, holdout or blind post', () => {
    const used = trainingSet([...train.posts, ...evalSet.posts, ...blindR1.posts, ...blindR2.posts]);
    expect(used.length).toBe([...train.posts, ...evalSet.posts].filter((p) => p.split === 'train' || p.split === 'dev').length);
  });

  it('holds every class of the model', () => {
    expect(committed.classes).toEqual([...MODEL_CLASSES]);
    for (const n of committed.docs) expect(n).toBeGreaterThan(30);
  });
});

describe('modelClassOf', () => {
  it.each([
    [{ expected: 'service' }, 'service'],
    [{ expected: 'off_mission', subclass: 'lottery_game' }, 'lottery_game'],
    [{ expected: 'off_mission', subclass: 'unrelated_repost' }, 'personal_opinion'],
    [{ expected: 'off_mission' }, 'personal_opinion'],
  ])('%j → %s', (p, cls) => {
    expect(modelClassOf({ text: '', split: 'train', ...p })).toBe(cls);
  });
});

describe('NgramModel', () => {
  const model = new NgramModel(committed);

  it('scores a text the same whatever the case, width or digits', () => {
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    model.score('登录APP办理，电话12345', a);
    model.score('登录ａｐｐ办理，电话67890', b);
    expect([...a]).toEqual([...b]);
  });

  it('normalises one code unit for one, so gram offsets are offsets into the text', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 }).map((cs) => String.fromCharCode(...cs)), (s) => {
        const starts: [number, number][] = [];
        model.scorePerClass(s, new Float64Array(8), (_r, start, end) => starts.push([start, end]));
        for (const [start, end] of starts) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(s.length);
          expect(end - start === 2 || end - start === 3).toBe(true);
        }
      }),
    );
  });

  it('maps surrogate halves into the private-use area (grams are well-formed strings)', () => {
    expect(normCode(0xd83d)).toBeGreaterThanOrEqual(0xe000);
    expect(normCode(0xdfff)).toBeLessThan(0xf900);
  });
});

describe('ambiguous words count only in context (the draft checker issue)', () => {
  const offTerms = (r: { reasons: { term: string; category: string }[] }) => r.reasons.filter((x) => (OFF_MISSION_SUBCLASSES as readonly string[]).includes(x.category));

  it.each([
    ['下载“浙里办”APP，搜索“社保”即可在线办理参保登记。', 'service'],
    ['下载国家反诈中心APP，开启来电预警功能。', 'service'],
    ['登录个人所得税APP，完成年度汇算申报。', 'service'],
    ['请下载申请表，填写后到窗口提交。', 'service'],
    ['符合条件的老人可携带身份证到社区领取高龄津贴。', 'service'],
    ['市场监管局对120家餐饮单位开展食品安全抽查，合格率97.5%。', 'news'],
  ])('%s → %s, with no off-mission reason', (text, category) => {
    const r = checkContent({ text });
    expect(r.category).toBe(category);
    expect(offTerms(r)).toEqual([]);
  });

  it.each([
    ['APP', '下载APP在线办理社保业务，全程不用跑腿。'],
    ['下载', '下载政务服务APP，办事更方便。'],
  ])('「%s」 on a service post is service evidence, never an off-mission term', (term, text) => {
    const r = checkContent({ text });
    expect(r.category).toBe('service');
    for (const x of r.reasons) if (x.term.toLowerCase() === term.toLowerCase()) expect(x.category).toBe('service');
  });

  it.each([
    ['今晚8点直播间红包雨，下载APP登录就能抢，邀请好友再得现金红包！', 'lottery_game'],
    ['扫码进群领取红包，每天都有福利！', 'lottery_game'],
  ])('with prize or red-envelope context the same words are lottery: %s', (text, subclass) => {
    const r = checkContent({ text });
    expect(r.category).toBe('off_mission');
    expect(r.reasons[0]?.category).toBe(subclass);
  });

  it('「下载」 alone is no lottery word', () => {
    const r = checkContent({ text: '文件下载后请仔细阅读。' });
    expect(r.reasons.some((x) => x.term === '下载' && x.category === 'lottery_game')).toBe(false);
  });
});

describe('the missed phrasings', () => {
  it.each([
    ['建了个粉丝红包群，每晚8点发红包，想进群的私信我！', 'lottery_game'],
    ['红包福利群开放啦，拉3个好友进群再送10元红包！', 'lottery_game'],
    ['周末你会去爬山还是宅家？你怎么看，评论区留言！', 'personal_opinion'],
    ['豆浆喝甜的还是咸的？说说你的看法，评论区见！', 'personal_opinion'],
  ])('%s → off_mission (%s)', (text, subclass) => {
    const r = checkContent({ text });
    expect(r.category).toBe('off_mission');
    expect(r.reasons[0]?.category).toBe(subclass);
  });

  it('an anti-fraud warning about red-envelope groups is service, not lottery', () => {
    expect(checkContent({ title: '警惕“红包群”诈骗', text: '有人拉你进“红包群”，称发红包返现？这是诈骗！不要扫码进群，遇到可疑情况请拨打110。' }).category).toBe('service');
  });

  it('a Q&A that invites comments on a service is service', () => {
    expect(checkContent({ title: '你问我答', text: '问：灵活就业人员怎么参加医保？答：可登录医保服务小程序办理参保登记。还有问题欢迎在评论区留言。' }).category).toBe('service');
  });
});

describe('reasons', () => {
  it('name terms or n-grams for every off-mission verdict, as written in the post', () => {
    const posts = [...evalSet.posts, ...train.posts.filter((p) => p.split === 'validation'), ...blindR1.posts, ...blindR2.posts];
    for (const p of posts) {
      const r = checkContent(p);
      if (r.category !== 'off_mission') continue;
      expect(r.reasons.length, p.id).toBeGreaterThan(0);
      const full = p.title ? `${p.title}\n${p.text}` : p.text;
      for (const x of r.reasons) if (x.term !== '转发') expect(full.includes(x.term), `${p.id}: ${x.term}`).toBe(true);
    }
  });

  it('list a term under one category only (no contradictory reasons)', () => {
    for (const p of [...evalSet.posts, ...train.posts.slice(0, 400), ...blindR1.posts, ...blindR2.posts]) {
      const r = checkContent(p);
      const cats = new Map<string, string>();
      for (const x of r.reasons) {
        if (cats.has(x.term)) expect(cats.get(x.term), `${p.id}: ${x.term}`).toBe(x.category);
        cats.set(x.term, x.category);
      }
    }
  });

  it('give n-grams when no lexicon term explains an off-mission post', () => {
    const r = checkContent({ text: '这届网友的脑洞也太大了吧，今天的段子笑得我肚子疼' });
    expect(r.category).toBe('off_mission');
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('ingest stores the lexicon terms of an off-mission post, the first reasons of the check', () => {
    const post = { text: '扫码进群，每天晚上8点准时发红包，拉满500人再发大额红包！' };
    const stored = classifyPost(post).offMissionReasons ?? [];
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(checkContent(post).reasons.slice(0, stored.length)).toEqual(stored);
  });

  it('never give 「转发」 of an unrelated repost again as an n-gram of another subclass', () => {
    const r = checkContent({ text: '转发：看完这个电影我哭了三次', isRepost: true });
    expect(r.category).toBe('off_mission');
    expect(r.reasons.filter((x) => x.term === '转发')).toEqual([{ term: '转发', category: 'unrelated_repost' }]);
  });

  it('ingest adds n-grams when the lexicons name fewer than two terms', () => {
    const post = { text: '这届网友的脑洞也太大了吧，今天的段子笑得我肚子疼' };
    expect(classifyPost(post).offMissionReasons?.length).toBeGreaterThan(0);
  });
});

describe('createContentChecker with and without the model', () => {
  it('runs on the lexicons alone with model: null', () => {
    const lex = createContentChecker({ model: null });
    expect(lex.checkContent({ title: '社保卡补办指南', text: '请携带身份证到网点申请补卡。' }).category).toBe('service');
  });

  it('rejects a contextual rule with an unknown group', () => {
    expect(() => createContentChecker({ categories: { titleBoost: 1, contextDamping: 1, service: {}, policy: {}, news: {}, gov: {}, enforcement: {}, offMission: {}, neutral: [], contextual: { 下载: [{ any: ['x'], group: 'nope', weight: 1 }] } } })).toThrow(/分组无效/);
  });
});
