/**
 * Writes the blind split, test/fixtures/content-blind.json, from the parts in
 * corpus-blind.ts (written after the model was frozen; seeded, reproducible:
 * `npx tsx scripts/content/generate-blind.ts`). Never used for training or tuning.
 */
import { writeFileSync } from 'node:fs';
import { generateBlindCorpus } from './corpus-blind';

const posts = generateBlindCorpus(4242, 360);
writeFileSync(
  new URL('../../test/fixtures/content-blind.json', import.meta.url),
  `${JSON.stringify(
    {
      description:
        'GovMedia 内容检查器盲测集：在模型定稿之后，用训练语料未用过的新部件（新模板、新句子、新部门、新表情和英文片段、新转发前缀，见 scripts/content/corpus-blind.ts）按固定种子生成，只评测、不训练、不据此调参。单位、人名、电话均为虚构。',
      posts,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${posts.length} blind posts`);
