import { afterEach, describe, expect, it } from 'vitest';
import { findDuplicateClusters, type DuplicateCandidate } from '../../../shared/consolidation/duplicates';
import { noteZh, type ClusterNote } from '../../../shared/consolidation/notes';
import { setLocale } from '../i18n/i18n.svelte';
import { clusterLines, clusterNoteText } from './cluster-notes';

/** Issue 15: consolidation evidence and keeper reasons read in English in English mode. */
let seq = 0;
const acc = (over: Partial<DuplicateCandidate> & { name: string }): DuplicateCandidate => ({
  id: `a${String(++seq).padStart(3, '0')}`,
  platform: 'wechat',
  departmentId: 'd-rsj',
  regionCode: '330112',
  status: 'active',
  ...over,
});
const clusters = findDuplicateClusters(
  [
    acc({ name: '临安人社', platform: 'weibo', gradeScore: 90, followers: 10 }),
    acc({ name: '临安人社服务', platform: 'weibo', gradeScore: 90, followers: 500 }),
    acc({ name: '临安区人社局就业促进科', platform: 'wechat' }),
    acc({ name: '临安人社', platform: 'douyin', departmentId: 'd-2', openedAt: '2016-01-01' }),
    acc({ name: '临安区人社', platform: 'douyin', departmentId: 'd-3', openedAt: '2019-01-01' }),
    acc({ name: '2023临安马拉松', departmentId: 'd-ty' }),
  ],
  { regionNames: ['浙江省', '杭州市', '临安区'] },
);
const allNotes = clusters.flatMap((c) => [...c.whyNotes, ...c.evidenceNotes]);
const EVERY_CODE: ClusterNote[] = [
  { code: 'keeper_unit_named' },
  { code: 'keeper_highest_grade', score: 88, tied: 2 },
  { code: 'keeper_most_followers', followers: 12000 },
  { code: 'keeper_earliest_opened', openedAt: '2014-03-01' },
  { code: 'keeper_service_links', links: 3 },
  { code: 'keeper_by_id' },
  { code: 'division_rename_or_successor' },
  { code: 'division_rename_or_close' },
  { code: 'same_unit_accounts', platform: 'weibo', count: 2 },
  { code: 'similar_function', platform: 'douyin', departments: 2 },
  { code: 'same_name_key', key: '人社', names: ['临安人社', '临安区人社'] },
  { code: 'unit_has_several' },
  { code: 'division_section', name: '临安区人社局就业促进科', term: '科' },
  { code: 'division_project', name: '2023临安马拉松', term: '2023' },
];

describe('cluster notes on screen', () => {
  afterEach(() => setLocale('zh-CN'));

  it('the fixture has every kind of cluster', () => {
    expect(new Set(clusters.map((c) => c.reason))).toEqual(new Set(['same_unit_same_platform', 'similar_function', 'internal_division']));
  });

  it('say in Chinese exactly what the finder says', () => {
    setLocale('zh-CN');
    for (const n of [...EVERY_CODE, ...allNotes]) expect(clusterNoteText(n)).toBe(noteZh(n));
  });

  it('read in English, with only the accounts’ own names and terms left in Chinese', () => {
    setLocale('en');
    for (const n of [...EVERY_CODE, ...allNotes]) {
      const text = clusterNoteText(n);
      expect(text).not.toMatch(/consolidation\.note/);
      // Names are quoted ("…"), a matched term is in brackets: outside them no Chinese and no full-width punctuation.
      expect(text.replace(/"[^"]*"/g, '').replace(/\([^)]*\)$/, '')).not.toMatch(/[\p{Script=Han}，。：；（）、“”]/u);
    }
    expect(clusterNoteText({ code: 'keeper_highest_grade', score: 88, tied: 2 })).toBe('Highest grade (88 points, 2 tied)');
    expect(clusterNoteText({ code: 'same_unit_accounts', platform: 'weibo', count: 2 })).toBe('One department runs 2 accounts on Weibo (a unit should have one account per platform)');
    expect(clusterNoteText({ code: 'same_name_key', key: '人社', names: ['临安人社', '临安区人社'] })).toBe('Same name once normalised ("人社"): "临安人社", "临安区人社"');
  });

  it('fall back to the Chinese lines of a cluster without notes', () => {
    setLocale('en');
    expect(clusterLines(undefined, ['评分最高（88 分）'])).toEqual(['评分最高（88 分）']);
    expect(clusterLines([{ code: 'keeper_by_id' }], ['其余条件相同，按账号标识顺序选定'])).toEqual(['Otherwise equal: chosen in account ID order']);
  });
});
