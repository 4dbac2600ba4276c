export {
  checkContent,
  classifyPost,
  createContentChecker,
  CONTENT_CATEGORIES,
  OFF_MISSION_SUBCLASSES,
  DEFAULT_TUNING,
  type ContentCategory,
  type OffMissionSubclass,
  type ContentInput,
  type ContentReason,
  type WordingIssue,
  type ContentCheckResult,
  type CategoryLexicon,
  type WordingLexicon,
  type WordingEntry,
  type CheckerTuning,
  type ContentChecker,
} from './checker';
export { evaluateClassifier, type LabelledPost, type ClassMetrics, type Evaluation } from './evaluate';
export { AhoCorasick } from './matcher';
export { findPii, isValidIdCard, type PiiHit } from './pii';
export { default as BUILTIN_CATEGORY_LEXICON } from './lexicons/categories.json';
export { default as BUILTIN_WORDING_LEXICON } from './lexicons/wording.json';
export { suggestTerms, type TermSuggestion } from './suggest';
export { ContentCheckRequest } from './schemas';
export { NgramModel, trainNgramModel, MODEL_CLASSES, type ModelClass, type NgramModelData, type TrainingPost } from './ngram';
export { trainingSet, modelClassOf, TRAINING_SPLITS } from './training';
