import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { buildApp, type GovMediaApp } from '../../../infra/build';
import { REPO_ROOT } from '../../../infra/constructs/function';

/** The feature flags and defaults `cdk synth` gets from cdk.json; tests must synthesize with the same. */
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

export type Json = Record<string, any>;

export interface Violation {
  readonly rule: string;
  readonly severity: string;
  readonly paths: string[];
}

export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

export interface Synthesized extends GovMediaApp {
  readonly template: Template;
  readonly json: Json;
  readonly assembly: CloudAssembly | undefined;
  /** The error synthesis threw, if any (an unacknowledged cdk-nag error makes in-memory synthesis throw). */
  readonly synthError: unknown;
  /** Unacknowledged findings of every validation plugin (cdk-nag), from the assembly's validation report. */
  readonly violations: Violation[];
  /** Warning and error annotations of the stack (construct warnings, e.g. deprecations). */
  readonly annotations: { level: string; path: string; text: string }[];
  readonly acknowledgements: Acknowledgement[];
  /** Directory of a staged asset, by the construct path of the function that uses it. */
  assetDir(functionLogicalId: string): string;
}

const created: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes the assemblies and fixtures this test file created (call in afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A minimal built web app, so the BucketDeployment path can be synthesized without running vite. */
export function fakeWebDist(): string {
  const dir = tempDir('govmedia-web-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>GovMedia</title><script type="module" src="/assets/index.js"></script>');
  writeFileSync(join(dir, 'assets', 'index.js'), 'console.log("govmedia")');
  return dir;
}

/** A directory with no index.html: the "web not built yet" case. */
export function missingWebDist(): string {
  return tempDir('govmedia-noweb-');
}

export const PROD_CONTEXT = {
  stage: 'prod',
  region: 'ap-east-1',
  domain: 'govmedia.example.gov.cn',
  certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  adminEmail: 'ops@example.gov.cn',
} as const;

function collectAcknowledgements(root: IConstruct): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ path: c.node.path, id: key.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return out;
}

/**
 * Synthesizes the real app (infra/build.ts, the same function infra/app.ts
 * calls) with cdk.json's context plus `context`, bundling the functions
 * for real with the local esbuild, into a fresh directory.
 */
export interface SynthOptions {
  /**
   * Skip esbuild bundling (CDK's `aws:cdk:bundling-stacks` = []). The template
   * keeps runtime, architecture and handler; only the code asset is a placeholder.
   * Used where no test looks at the bundle.
   */
  readonly skipBundling?: boolean;
  /**
   * Run CDK's built-in CloudFormation schema validation (on for `cdk synth`).
   * Its engine takes several seconds to start in each test process, so only
   * the files that need it switch it on.
   */
  readonly cloudFormationValidation?: boolean;
  /** Change the app before synthesis (used to prove the checks catch a finding). */
  readonly mutate?: (app: GovMediaApp) => void;
}

export function synthesize(context: Record<string, unknown> = {}, options: SynthOptions = {}): Synthesized {
  const outdir = tempDir('govmedia-cdk-');
  const built = buildApp({
    outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
    // As the CLI does: construct paths and asset paths in the template metadata.
    context: {
      ...CDK_JSON_CONTEXT,
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:enable-asset-metadata': true,
      ...(options.skipBundling ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...context,
    },
  });
  options.mutate?.(built);
  let assembly: CloudAssembly | undefined;
  let synthError: unknown;
  try {
    assembly = built.app.synth();
  } catch (err) {
    synthError = err;
  }

  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName?: string; violations?: { ruleName: string; severity: string; violatingResources?: { constructPath?: string }[] }[] }[];
  };
  const violations = report.pluginReports.flatMap((p) =>
    (p.violations ?? []).map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      paths: (v.violatingResources ?? []).map((r) => r.constructPath ?? '?'),
    })),
  );

  const json = JSON.parse(readFileSync(join(outdir, built.stack.templateFile), 'utf8')) as Json;
  const artifact = assembly?.getStackArtifact(built.stack.artifactId);
  const annotations = (artifact?.messages ?? [])
    .filter((m) => m.level === 'error' || m.level === 'warning')
    .map((m) => ({ level: m.level, path: m.id, text: String(m.entry.data) }));

  return {
    ...built,
    template: Template.fromJSON(json),
    json,
    assembly,
    synthError,
    violations,
    annotations,
    acknowledgements: collectAcknowledgements(built.app),
    assetDir(functionLogicalId: string) {
      const fn = json.Resources[functionLogicalId];
      const hash = fn?.Metadata?.['aws:asset:path'];
      if (typeof hash !== 'string') throw new Error(`no asset for ${functionLogicalId}`);
      return join(outdir, hash);
    },
  };
}

/** Resources of one type, as [logicalId, resource] pairs. */
export function resources(json: Json, type: string): [string, Json][] {
  return Object.entries(json.Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
}

/** The logical id of the CfnResource under a construct path prefix (e.g. 'ApiFunction/Fn'). */
export function logicalIdAt(s: Synthesized, pathSuffix: string, type: string): string {
  const hits = resources(s.json, type).filter(([, r]) => String(r.Metadata?.['aws:cdk:path'] ?? '').includes(`/${pathSuffix}/`));
  if (hits.length !== 1) throw new Error(`expected one ${type} under ${pathSuffix}, found ${hits.length}`);
  return hits[0]![0];
}
