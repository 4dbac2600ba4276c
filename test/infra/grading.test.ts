import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Data } from '../../infra/constructs/data';
import { REPO_ROOT } from '../../infra/constructs/function';
import { Grading, GRADING_BATCH_SIZE, GRADING_MAX_RECEIVES, GRADING_TIMEOUT, GRADING_VISIBILITY } from '../../infra/constructs/grading';
import { acknowledge, addNagChecks } from '../../infra/nag';
import { ENTRIES } from '../../infra/stack';

/**
 * The fan-out of inspection and what-if jobs deployed (infra/constructs/grading.ts, issue 13):
 * synthesized in a small stack of its own (the table, the grading construct, a role standing in
 * for the API function's), bundling skipped, so this file needs neither esbuild nor the whole stack.
 */
type Json = Record<string, any>;
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

const dirs: string[] = [];
let json: Json;
let template: Template;
let findings: string[];

beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'govmedia-grading-'));
  dirs.push(outdir);
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:enable-path-metadata': true, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Grading', { env: { account: '111122223333', region: 'cn-north-1' } });
  const data = new Data(stack, 'Data');
  const grading = new Grading(stack, 'Grading', {
    entry: ENTRIES.grading,
    data,
    environment: { TABLE_NAME: data.table.tableName, GOVMEDIA_AUTH: 'cognito' },
    logRetention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
    tracing: false,
  });
  const apiRole = new Role(stack, 'ApiRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  grading.grantSend(apiRole);
  data.grant(apiRole, 'api');
  acknowledge(stack.node.findChild('Data'), 'AwsSolutions-DDB3', 'scaffolding of this test only: the table is built and checked with the whole stack in test/infra/stack.test.ts');
  addNagChecks(app);
  app.synth();
  json = JSON.parse(readFileSync(join(outdir, stack.templateFile), 'utf8')) as Json;
  template = Template.fromJSON(json);
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations?: { ruleName: string; violatingResources?: { constructPath?: string }[] }[] }[];
  };
  findings = report.pluginReports.flatMap((p) => p.violations ?? []).flatMap((v) => (v.violatingResources ?? []).map((r) => `${v.ruleName} ${r.constructPath ?? '?'}`));
});
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const of = (type: string): [string, Json][] => Object.entries(json.Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
const idOf = (type: string, pathPart: string) => {
  const found = of(type).filter(([, r]) => String(r.Metadata?.['aws:cdk:path'] ?? '').includes(pathPart));
  expect(found, `${type} at ${pathPart}`).toHaveLength(1);
  return found[0]![0];
};
/** Every statement of the policies attached to the role with this logical id. */
const statementsOf = (roleId: string): Json[] =>
  of('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
const actionsOf = (roleId: string) => statementsOf(roleId).flatMap((s) => [s.Action].flat() as string[]);

describe('the grading queue', () => {
  it('is encrypted, TLS only, with a visibility timeout longer than the grading function may run', () => {
    const queue = json.Resources[idOf('AWS::SQS::Queue', 'Grading/Queue/')];
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: GRADING_VISIBILITY.toSeconds() });
    const fn = json.Resources[idOf('AWS::Lambda::Function', 'Grading/Function/Fn/')];
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThan(fn.Properties.Timeout);
    expect(fn.Properties.Timeout).toBe(GRADING_TIMEOUT.toSeconds());
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it(`sends a chunk to the dead-letter queue after ${GRADING_MAX_RECEIVES} receives`, () => {
    const queue = json.Resources[idOf('AWS::SQS::Queue', 'Grading/Queue/')];
    const dlq = idOf('AWS::SQS::Queue', 'Grading/DeadLetterQueue/');
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 3 });
    expect(json.Resources[dlq].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('feeds the grading function, which reports batch item failures so only failed chunks come back', () => {
    const fn = idOf('AWS::Lambda::Function', 'Grading/Function/Fn/');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn },
      EventSourceArn: { 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'Grading/Queue/'), 'Arn'] },
      BatchSize: GRADING_BATCH_SIZE,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
    expect(of('AWS::Lambda::EventSourceMapping')).toHaveLength(1);
  });

  it('tells the grading function the queue’s maxReceiveCount, so it fails the job on the last receive', () => {
    const fn = json.Resources[idOf('AWS::Lambda::Function', 'Grading/Function/Fn/')];
    expect(fn.Properties.Environment.Variables).toMatchObject({ GRADING_MAX_RECEIVES: String(GRADING_MAX_RECEIVES), POWERTOOLS_SERVICE_NAME: 'govmedia-grading' });
  });
});

describe('least privilege', () => {
  it('the API role may only send to the grading queue: no receive, no delete, no other queue', () => {
    const api = idOf('AWS::IAM::Role', '/ApiRole/');
    const sqs = statementsOf(api).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('sqs:')));
    expect(sqs).toEqual([{ Sid: 'GradingQueueSend', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'Grading/Queue/'), 'Arn'] } }]);
    expect(actionsOf(api)).not.toContain('sqs:ReceiveMessage');
    expect(actionsOf(api)).not.toContain('sqs:DeleteMessage');
  });

  it('the grading role consumes only the grading queue and reads and writes the table, with no Scan or DeleteItem', () => {
    const role = idOf('AWS::IAM::Role', 'Grading/Function/Role/');
    const sqs = statementsOf(role).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('sqs:')));
    expect(sqs.flatMap((s) => [s.Resource].flat())).toEqual(sqs.map(() => ({ 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'Grading/Queue/'), 'Arn'] })));
    expect(sqs.flatMap((s) => [s.Action].flat())).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']));
    expect(sqs.flatMap((s) => [s.Action].flat())).not.toContain('sqs:SendMessage');
    const actions = actionsOf(role);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions.some((a) => a.endsWith(':*'))).toBe(false);
  });

  it('leaves no unacknowledged cdk-nag finding on the grading resources', () => {
    expect(findings.filter((f) => f.includes('/Grading/'))).toEqual([]);
  });
});
