import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin: findings land in the
 * cloud assembly's validation report and an error fails `cdk synth`.
 * Every acknowledgement goes through `acknowledge` below so that each one
 * is scoped to one construct, names one finding, and carries a reason a
 * security reviewer can check (docs/threat-model.md, "Accepted findings").
 */
export function addNagChecks(app: IConstruct): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (!/^AwsSolutions-[A-Z0-9]+(\[.+\])?$/.test(id)) throw new Error(`not a cdk-nag AwsSolutions finding id: ${id}`);
  if (reason.trim().length < 40) throw new Error(`acknowledgement of ${id} at ${scope.node.path} needs a real reason`);
  Validations.of(scope).acknowledge({ id, reason });
}
