import { expect } from 'vitest';
import type { Synthesized } from './synth';

/**
 * aws-cdk-lib acknowledges some of its own CloudFormation-validation rules
 * (e.g. W3010 when a VPC reads stack.availabilityZones). infra/nag.ts refuses
 * any id that is not an AwsSolutions finding, so these cannot come from us.
 */
const isCdkOwn = (id: string) => id.startsWith('CloudFormation-Validate::');

/**
 * The synthesized app has no unacknowledged cdk-nag finding (error or
 * warning), no other validation finding, no construct warning or error,
 * and every acknowledgement names one AwsSolutions finding with a reason.
 */
export function expectNagClean(s: Synthesized): void {
  expect(s.synthError, String(s.synthError)).toBeUndefined();
  expect(s.violations).toEqual([]);
  expect(s.annotations).toEqual([]);
  for (const a of s.acknowledgements) {
    if (isCdkOwn(a.id)) continue;
    expect(a.id, a.path).toMatch(/^AwsSolutions-[A-Z0-9]+(\[.+\])?$/);
    expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(80);
  }
}

/** The acknowledged findings as `construct path (without the stack) → id`, sorted, for exact comparison. */
export function acknowledgedIds(s: Synthesized): string[] {
  const prefix = `${s.stack.node.path}/`;
  return s.acknowledgements.filter((a) => !isCdkOwn(a.id)).map((a) => `${a.path.startsWith(prefix) ? a.path.slice(prefix.length) : a.path} ${a.id}`).sort();
}
