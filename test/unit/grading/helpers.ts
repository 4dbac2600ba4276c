/** Builders for grading tests: readable inputs, Beijing-time instants relative to a check date. */
import type { PostClassification } from '../../../shared/activity/schemas';
import type { GradeAccount, GradeInput, GradePost } from '../../../shared/grading';
import { addDays } from '../../../shared/time';

export const CHECK = '2026-03-15';

export const ACCOUNT: GradeAccount = {
  id: 'acc-1',
  name: '杭州人社',
  platform: 'wechat',
  interactionEnabled: true,
  departmentName: '杭州市人力资源和社会保障局',
};

/** An instant `daysBefore` calendar days before CHECK, at the given Beijing wall-clock time. */
export function at(daysBefore: number, time = '10:00'): string {
  return `${addDays(CHECK, -daysBefore)}T${time}:00+08:00`;
}

let seq = 0;
export function post(daysBefore: number, category: PostClassification['category'] = 'service', extra: Partial<PostClassification> = {}, id?: string): GradePost {
  return { externalId: id ?? `p${++seq}`, publishedAt: at(daysBefore), classification: { category, ...extra } };
}

export const TYPO: NonNullable<PostClassification['wording']>[number] = { error: '按装', suggestion: '安装', severity: 'ordinary', start: 0, end: 2 };
export const SEVERE: NonNullable<PostClassification['wording']>[number] = { error: '台湾总统', suggestion: '台湾地区领导人', severity: 'severe', start: 0, end: 4 };

/**
 * A healthy account: posts every 3 days for 90 days, all service posts, so
 * nothing is deducted (score 100) unless a test changes something.
 */
export function healthyPosts(): GradePost[] {
  const out: GradePost[] = [];
  for (let d = 0; d <= 90; d += 3) out.push(post(d, 'service', {}, `h${d}`));
  return out;
}

export function input(posts: GradePost[], over: Partial<GradeInput> = {}): GradeInput {
  return { account: ACCOUNT, posts, ...over };
}

/**
 * Exactly n posts, dated 1–27 days before CHECK (inside every window, so
 * cadence and no_update are satisfied when n ≥ 4), k of them in `category`
 * and the rest news: the share of `category` is exactly k / n.
 */
export function sharePosts(n: number, k: number, category: PostClassification['category']): GradePost[] {
  const out: GradePost[] = [];
  for (let i = 0; i < n; i++) out.push(post(1 + (i % 27), i < k ? category : 'news', {}, `s${i}`));
  return out;
}
