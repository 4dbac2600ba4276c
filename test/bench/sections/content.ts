/**
 * Content checker: throughput on the labelled evaluation set repeated (goal:
 * 50,000 posts/s on one core), against a baseline measured in the same run —
 * one String.prototype.includes pass over the same texts — and precision /
 * recall per class on each split of the evaluation set.
 */
import { CONTENT_CATEGORIES, checkContent, classifyPost, evaluateClassifier, type Evaluation, type LabelledPost } from '../../../shared/content';
import data from '../../fixtures/content-eval.json';

const GOAL = 50_000;
const N = 200_000;

type EvalPost = LabelledPost & { split: 'dev' | 'holdout' | 'blind' };
const posts = data.posts as EvalPost[];

function timeIt(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const pct = (x: number | null) => (x === null ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);

function report(log: (line: string) => void, label: string, ev: Evaluation): void {
  log(`${label}: ${ev.total} posts, accuracy ${pct(ev.accuracy)}`);
  for (const c of CONTENT_CATEGORIES) {
    const m = ev.byClass[c];
    log(`    ${c.padEnd(12)} precision ${pct(m.precision)}  recall ${pct(m.recall)}  (${m.support} labelled, ${m.predicted} predicted)`);
  }
}

export default async function (log: (line: string) => void): Promise<void> {
  const avgLen = posts.reduce((s, p) => s + (p.title?.length ?? 0) + p.text.length, 0) / posts.length;
  log(`evaluation set: ${posts.length} posts, ${avgLen.toFixed(0)} characters on average (title + text)`);

  // Warm-up.
  for (let i = 0; i < 20_000; i++) classifyPost(posts[i % posts.length]!);

  let sink = 0;
  const baselineMs = timeIt(() => {
    for (let i = 0; i < N; i++) {
      const p = posts[i % posts.length]!;
      if ((p.title ? `${p.title}\n${p.text}` : p.text).includes('抽奖')) sink++;
    }
  });
  const runs = [0, 1, 2].map(() =>
    timeIt(() => {
      for (let i = 0; i < N; i++) sink += classifyPost(posts[i % posts.length]!).category.length;
    }),
  );
  const classifyMs = Math.min(...runs);
  const checkMs = timeIt(() => {
    for (let i = 0; i < N; i++) sink += checkContent(posts[i % posts.length]!).reasons.length;
  });
  const rate = (ms: number) => Math.round((N / ms) * 1000);
  log(`classifyPost (ingest): ${rate(classifyMs).toLocaleString('en')} posts/s (best of 3: ${runs.map((r) => rate(r).toLocaleString('en')).join(' / ')}); goal ${GOAL.toLocaleString('en')} → ${rate(classifyMs) >= GOAL ? 'met' : 'NOT MET'}`);
  log(`checkContent (with reasons): ${rate(checkMs).toLocaleString('en')} posts/s`);
  log(`baseline (one includes() pass): ${rate(baselineMs).toLocaleString('en')} posts/s → the checker costs ${(classifyMs / baselineMs).toFixed(1)}× the baseline`);

  // Why the hot path does not use Intl.Segmenter: its cost on the same texts.
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const segN = 5_000;
  const segMs = timeIt(() => {
    for (let i = 0; i < segN; i++) for (const s of segmenter.segment(posts[i % posts.length]!.text)) sink += s.isWordLike ? 1 : 0;
  });
  log(`for comparison, Intl.Segmenter word segmentation alone: ${Math.round((segN / segMs) * 1000).toLocaleString('en')} posts/s`);

  for (const split of ['dev', 'holdout', 'blind'] as const) report(log, `split ${split}`, evaluateClassifier(posts.filter((p) => p.split === split), checkContent));
  const all = evaluateClassifier(posts, checkContent);
  report(log, 'all splits', all);
  if (all.errors.length) log(`misclassified: ${all.errors.map((e) => `${e.id} (${e.expected}→${e.predicted})`).join(', ')}`);
  if (sink === Number.MIN_SAFE_INTEGER) log('');
}
