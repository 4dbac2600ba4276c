/**
 * The CDK app entry (cdk.json: `npx tsx infra/app.ts`). Parameters come
 * from context: -c stage=dev|prod -c region=... -c domain=... -c certificateArn=...
 * -c adminEmail=... (docs/deployment.md). cdk-nag runs during synthesis;
 * an unacknowledged error fails it.
 */
import { buildApp } from './build';

buildApp();
