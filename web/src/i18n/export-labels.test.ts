import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUS_NAMES_ZH, FLAG_NAMES_ZH } from '../../../shared/registry/export';
import { ACCOUNT_STATUSES, FLAG_TYPES } from '../../../shared/registry/schemas';
import zh from './zh-CN';

/** Issue 15: the registry export names statuses and flags exactly as the screen does. */
describe('export labels', () => {
  it.each(ACCOUNT_STATUSES)('status %s', (s) => {
    expect(ACCOUNT_STATUS_NAMES_ZH[s]).toBe(zh[`status.${s}` as keyof typeof zh]);
  });
  it.each(FLAG_TYPES)('flag %s', (f) => {
    expect(FLAG_NAMES_ZH[f]).toBe(zh[`flag.${f}` as keyof typeof zh]);
  });
});
