/**
 * Writes the training and validation corpus, test/fixtures/content-train.json,
 * from the hand-written parts in corpus-train.ts (seeded, so it is reproducible:
 * `npx tsx scripts/content/generate-corpus.ts`). The blind splits are separate
 * files with separate parts: content-blind-r1.json (corpus-blind-r1.ts,
 * generate-blind-r1.ts; seen after round 1) and content-blind-r2.json
 * (corpus-blind-r2.ts, generate-blind-r2.ts; written after the round-2 model was frozen).
 */
import { writeFileSync } from 'node:fs';
import { generateTrainCorpus } from './corpus-train';
import { generateTrainR2Corpus } from './corpus-train-r2';

const seen = new Set<string>();
const train = generateTrainCorpus(20261203, 1500, 'train', 'tr', seen);
const validation = generateTrainCorpus(777, 300, 'validation', 'va', seen);
// Round 2 (issue 17): new parts, written after blind-r1 was seen (corpus-train-r2.ts).
const train2 = generateTrainR2Corpus(20261204, 700, 'train', 't2', seen);
const validation2 = generateTrainR2Corpus(991, 150, 'validation', 'v2', seen);
const posts = [...train, ...validation, ...train2, ...validation2];
writeFileSync(
  new URL('../../test/fixtures/content-train.json', import.meta.url),
  `${JSON.stringify(
    {
      description:
        'GovMedia 内容检查器训练语料（由 scripts/content/generate-corpus.ts 从 scripts/content/corpus-train.ts 中手写的部件按固定种子组合生成，请勿手改）。split=train 用于训练模型；split=validation 用同一批部件、不同种子生成，用于选择超参数。编号 tr-/va- 为第一轮部件（corpus-train.ts），t2-/v2- 为第二轮新增部件（corpus-train-r2.ts，在第一轮盲测集被查看之后编写，未复制其中任何帖子）。盲测集见 content-blind-r1.json（第一轮盲测，第一轮后已看过）和 content-blind-r2.json（第二轮盲测，第二轮模型定稿后编写）。单位、人名、电话均为虚构。',
      posts,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${train.length} + ${train2.length} train and ${validation.length} + ${validation2.length} validation posts`);
