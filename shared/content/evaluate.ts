/**
 * Precision and recall of the classifier on a labelled set (the evaluation
 * fixture, or an office's own sample). Pure: the caller loads the data.
 */
import { CONTENT_CATEGORIES, type ContentCategory, type ContentInput } from './checker';

export interface LabelledPost extends ContentInput {
  id: string;
  expected: ContentCategory;
}

export interface ClassMetrics {
  /** Posts labelled with this class. */
  support: number;
  /** Posts the classifier put in this class. */
  predicted: number;
  truePositives: number;
  /** null when nothing was predicted (precision undefined). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  byClass: Record<ContentCategory, ClassMetrics>;
  /** confusion[expected][predicted] = count. */
  confusion: Record<ContentCategory, Record<ContentCategory, number>>;
  errors: { id: string; expected: ContentCategory; predicted: ContentCategory }[];
}

export function evaluateClassifier(posts: readonly LabelledPost[], classify: (p: ContentInput) => { category: ContentCategory }): Evaluation {
  const zero = () => Object.fromEntries(CONTENT_CATEGORIES.map((c) => [c, 0])) as Record<ContentCategory, number>;
  const confusion = Object.fromEntries(CONTENT_CATEGORIES.map((c) => [c, zero()])) as Evaluation['confusion'];
  const errors: Evaluation['errors'] = [];
  let correct = 0;
  for (const p of posts) {
    const predicted = classify(p).category;
    confusion[p.expected][predicted]++;
    if (predicted === p.expected) correct++;
    else errors.push({ id: p.id, expected: p.expected, predicted });
  }
  const byClass = {} as Record<ContentCategory, ClassMetrics>;
  for (const c of CONTENT_CATEGORIES) {
    const tp = confusion[c][c];
    const support = CONTENT_CATEGORIES.reduce((s, p) => s + confusion[c][p], 0);
    const predicted = CONTENT_CATEGORIES.reduce((s, e) => s + confusion[e][c], 0);
    const precision = predicted ? tp / predicted : null;
    const recall = support ? tp / support : null;
    const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
    byClass[c] = { support, predicted, truePositives: tp, precision, recall, f1 };
  }
  return { total: posts.length, accuracy: posts.length ? correct / posts.length : 0, byClass, confusion, errors };
}
