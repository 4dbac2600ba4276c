import { App, type AppProps } from 'aws-cdk-lib';
import { addNagChecks } from './nag';
import { readSettings, type Settings } from './settings';
import { GovMediaStack } from './stack';

export interface GovMediaApp {
  readonly app: App;
  readonly stack: GovMediaStack;
  readonly settings: Settings;
}

/**
 * Builds the whole app: settings from context, the stack, and cdk-nag's
 * AwsSolutions checks wired into synthesis. infra/app.ts (what `cdk synth`
 * runs) and the tests in test/infra/ both call this, so the tests check
 * exactly what gets deployed.
 */
export function buildApp(props: AppProps = {}): GovMediaApp {
  const app = new App(props);
  const settings = readSettings(app.node);
  const stack = new GovMediaStack(app, `GovMedia-${settings.stage}`, {
    settings,
    // The account stays a deploy-time value (no credentials or lookups at synth);
    // the region is fixed by context so the template can be checked before deployment.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
    description: `GovMedia (${settings.stage}): registry, inspection, consolidation and scheduling for government new-media accounts`,
    terminationProtection: settings.stage === 'prod',
    tags: { project: 'govmedia', stage: settings.stage },
  });
  addNagChecks(app);
  return { app, stack, settings };
}
