export * from './types';
export { gradeAccount, bandFor, postDay } from './grade';
export { computeActivityFlags, mergeFlags, ACTIVITY_FLAG_TYPES, type FlagInput, type FlagSnapshot } from './flags';
export { nameShowsUnit, verifiedSubjectMatches, inconsistentSiblingNames, crossPlatformName, normalizeName, splitRegion } from './naming';
