/**
 * Pair precision and recall of predicted clusters against labelled ones: every
 * unordered pair of accounts in one cluster is a "same account" claim. Used by the
 * unit tests and the bench on the labelled set (test/fixtures/duplicate-names.json).
 */
export interface PairScore {
  precision: number;
  recall: number;
  truePositives: number;
  predictedPairs: number;
  expectedPairs: number;
}

function pairs(clusters: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const c of clusters) {
    const ids = [...new Set(c)].sort();
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add(`${ids[i]}\u0000${ids[j]}`);
  }
  return out;
}

/** Precision and recall are 1 when there is nothing to predict or nothing was predicted. */
export function pairPrecisionRecall(predicted: readonly (readonly string[])[], expected: readonly (readonly string[])[]): PairScore {
  const p = pairs(predicted);
  const e = pairs(expected);
  let tp = 0;
  for (const x of p) if (e.has(x)) tp++;
  return {
    precision: p.size ? tp / p.size : 1,
    recall: e.size ? tp / e.size : 1,
    truePositives: tp,
    predictedPairs: p.size,
    expectedPairs: e.size,
  };
}

/** Precision and recall of a set of flagged ids against the labelled ones. */
export function setPrecisionRecall(predicted: Iterable<string>, expected: Iterable<string>): { precision: number; recall: number } {
  const p = new Set(predicted);
  const e = new Set(expected);
  let tp = 0;
  for (const x of p) if (e.has(x)) tp++;
  return { precision: p.size ? tp / p.size : 1, recall: e.size ? tp / e.size : 1 };
}
