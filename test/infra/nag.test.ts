import { Bucket } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgedIds, expectNagClean } from './support/expect-nag-clean';
import { missingWebDist, resources, synthesize, removeTempDirs, type Synthesized } from './support/synth';

/**
 * The dev stack before any web build (what `npx cdk synth` sees on a fresh
 * checkout). CloudFormation schema validation and bundling are off here:
 * stack.test.ts synthesizes the same stack with both on.
 */
let s: Synthesized;
beforeAll(() => {
  s = synthesize({ webDist: missingWebDist() }, { skipBundling: true, cloudFormationValidation: false });
});
afterAll(removeTempDirs);


describe('cdk-nag AwsSolutions checks', () => {
  it('run during synthesis and leave nothing unacknowledged', () => {
    expectNagClean(s);
  });

  it('synthesize before the web app is built, without the deployment and with a note saying so', () => {
    expect(resources(s.json, 'Custom::CDKBucketDeployment')).toEqual([]);
    const notes = (s.assembly?.getStackArtifact(s.stack.artifactId).messages ?? []).filter((m) => m.level === 'info').map((m) => String(m.entry.data));
    expect(notes.some((n) => n.includes('web app not published'))).toBe(true);
    expect(acknowledgedIds(s).filter((id) => id.startsWith('Web/DeployRole') || id.includes('CDKBucketDeployment'))).toEqual([]);
  });

  it('catch what they should: an insecure bucket and a wildcard policy fail synthesis', () => {
    const bad = synthesize(
      { webDist: missingWebDist() },
      {
        skipBundling: true,
        cloudFormationValidation: false,
        mutate: ({ stack }) => {
          new Bucket(stack, 'Careless');
          const role = new Role(stack, 'Careless Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
          role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
        },
      },
    );
    expect(bad.synthError).toBeDefined();
    const rules = bad.violations.map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10', 'AwsSolutions-IAM5[Action::dynamodb:*]', 'AwsSolutions-IAM5[Resource::*]']));
  });
});
