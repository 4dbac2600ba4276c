/**
 * Writes the round-1 blind split, test/fixtures/content-blind-r1.json, from the
 * parts in corpus-blind-r1.ts (written after the round-1 model was frozen; seeded,
 * reproducible: `npx tsx scripts/content/generate-blind-r1.ts`). Split name
 * "blind-r1". It was measured once as the blind split of round 1 and its errors
 * were then read, so it is no longer blind: it is reported as "seen after round 1"
 * and is still never used for training (issue 17). The blind split of round 2 is
 * content-blind-r2.json (generate-blind-r2.ts).
 */
import { writeFileSync } from 'node:fs';
import { generateBlindCorpus } from './corpus-blind-r1';

const posts = generateBlindCorpus(4242, 360);
writeFileSync(
  new URL('../../test/fixtures/content-blind-r1.json', import.meta.url),
  `${JSON.stringify(
    {
      description:
        '第一轮盲测集（blind-r1，第一轮后已看过）：在第一轮模型定稿之后，用训练语料未用过的新部件（新模板、新句子、新部门、新表情和英文片段、新转发前缀，见 scripts/content/corpus-blind-r1.ts）按固定种子生成。第一轮测量一次后其错例已被查看，故不再是盲测，只作“已看过”的参考评测；从不用于训练。单位、人名、电话均为虚构。',
      posts,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${posts.length} blind-r1 posts`);
