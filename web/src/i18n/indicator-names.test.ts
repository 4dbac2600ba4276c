import { describe, expect, it } from 'vitest';
import { DEDUCTION_CODES, VETO_CODES } from '../../../shared/grading/types';
import { DEDUCTION_LABELS, VETO_LABELS } from '../../../shared/inspection/explain';
import zh from './zh-CN';

/**
 * Issue 15: one name per indicator everywhere. The UI's headings (deduction.*, veto.*) use the
 * very names the explanations and the 通报 use (shared/inspection/explain.ts), and no other
 * spelling of an indicator appears in the Chinese texts.
 */
describe('indicator names', () => {
  it.each(DEDUCTION_CODES.map((c) => [c]))('deduction %s has the name of the explanations', (code) => {
    expect(zh[`deduction.${code}`]).toBe(DEDUCTION_LABELS[code]);
  });

  it.each(VETO_CODES.map((c) => [c]))('veto %s has the name of the explanations', (code) => {
    expect(zh[`veto.${code}`]).toBe(VETO_LABELS[code]);
  });

  it.each(['服务类内容占比', '偏离职能内容占比', '命名与认证'])('no text spells an indicator as 「%s」', (other) => {
    expect(Object.values(zh).filter((text) => text.includes(other))).toEqual([]);
  });
});
