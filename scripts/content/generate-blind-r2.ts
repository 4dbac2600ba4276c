/**
 * Writes the round-2 blind split, test/fixtures/content-blind-r2.json, from the
 * parts in corpus-blind-r2.ts, written after the round-2 model was frozen
 * (commit "Content model round 2 frozen (issue 17)"); seeded, reproducible:
 * `npx tsx scripts/content/generate-blind-r2.ts`. Split name "blind-r2". Never
 * used for training or tuning; the bench reports it as BLIND.
 */
import { writeFileSync } from 'node:fs';
import { generateBlindR2Corpus } from './corpus-blind-r2';

const posts = generateBlindR2Corpus(5151, 360);
writeFileSync(
  new URL('../../test/fixtures/content-blind-r2.json', import.meta.url),
  `${JSON.stringify(
    {
      description:
        '第二轮盲测集（blind-r2）：在第二轮模型定稿（提交“Content model round 2 frozen (issue 17)”）之后，用此前所有语料都未用过的新部件（新模板、新句子、多为新部门、新表情和英文片段、新转发前缀，见 scripts/content/corpus-blind-r2.ts）按固定种子生成，只评测、不训练、不据此调参。单位、人名、电话均为虚构。',
      posts,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${posts.length} blind-r2 posts`);
