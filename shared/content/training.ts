/**
 * Which labelled posts train the model, and as which class. Only split "train"
 * (the generated corpus) and split "dev" (the first hand-written evaluation
 * set) are used; validation, holdout and blind never are.
 */
import { MODEL_CLASSES, type ModelClass, type TrainingPost } from './ngram';

export const TRAINING_SPLITS = ['train', 'dev'] as const;

export interface CorpusLike {
  title?: string;
  text: string;
  expected: string;
  subclass?: string;
  split: string;
}

/** The model class of a labelled post: its category, or for an off-mission post its subclass (an unrelated repost or an unlabelled one counts as personal_opinion). */
export function modelClassOf(p: CorpusLike): ModelClass {
  if (p.expected !== 'off_mission') return p.expected as ModelClass;
  const sub = p.subclass as ModelClass | undefined;
  return sub && (MODEL_CLASSES as readonly string[]).includes(sub) ? sub : 'personal_opinion';
}

export function trainingSet(posts: readonly CorpusLike[]): TrainingPost[] {
  return posts
    .filter((p) => (TRAINING_SPLITS as readonly string[]).includes(p.split))
    .map((p) => ({ ...(p.title ? { title: p.title } : {}), text: p.text, cls: modelClassOf(p) }));
}
