/**
 * The us-east-1 companion app: the CLOUDFRONT-scope web ACL with the public verification rate rule
 * (infra/constructs/public-verify.ts), for a GovMedia stack deployed in another region. Deploy it
 * first, then pass its output to the main stack:
 *   npx cdk deploy -a "npx tsx infra/edge.ts" -c stage=prod
 *   npx cdk deploy -c stage=prod ... -c webAclArn=<GovMediaEdge-prod.WebAclArn>
 * (docs/deployment.md, docs/decisions.md "Public verification at the edge").
 */
import { App } from 'aws-cdk-lib';
import { GovMediaEdgeStack } from './constructs/public-verify';
import { addNagChecks } from './nag';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
if (stage !== 'dev' && stage !== 'prod') throw new Error(`context stage must be dev or prod, got ${stage}`);
new GovMediaEdgeStack(app, `GovMediaEdge-${stage}`, {
  stage,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1' },
  description: `GovMedia (${stage}): WAF web ACL of the CloudFront distributions (public verification rate rule)`,
  tags: { project: 'govmedia', stage },
});
addNagChecks(app);
