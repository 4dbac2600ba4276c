import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { Api } from './constructs/api';
import { Attachments } from './constructs/attachments';
import { Auth, CALLBACK_PATH } from './constructs/auth';
import { grantCredentials } from './constructs/credentials';
import { CursorKey } from './constructs/cursor-key';
import { Data } from './constructs/data';
import { GovMediaFunction } from './constructs/function';
import { Grading } from './constructs/grading';
import { Job, type JobSpec } from './constructs/jobs';
import { Monitoring } from './constructs/monitoring';
import { OAuthApps } from './constructs/oauth-apps';
import { EgressNetwork } from './constructs/network';
import { PublicVerify } from './constructs/public-verify';
import { Web } from './constructs/web';
import type { Settings } from './settings';

export interface GovMediaStackProps extends StackProps {
  readonly settings: Settings;
}

/** Entry files of the Lambda functions (paths fixed by the lead; each exports `handler`). */
export const ENTRIES = {
  api: 'functions/api/lambda.ts',
  spreadsheets: 'functions/api/spreadsheet-lambda.ts',
  credentials: 'functions/api/credentials-lambda.ts',
  sweep: 'functions/jobs/sweep-handler.ts',
  dispatch: 'functions/jobs/dispatch-handler.ts',
  fetch: 'functions/jobs/fetch-handler.ts',
  notify: 'functions/jobs/notify-handler.ts',
  grading: 'functions/jobs/grade-chunk-handler.ts',
  linkCheck: 'functions/jobs/link-check-handler.ts',
} as const;

/**
 * GovMedia, deployed: one stack per stage. Data flows one way:
 * HTTP or schedule → function → DynamoDB (ARCHITECTURE.md); nothing in
 * infra/ runs at request time.
 */
export class GovMediaStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly web: Web;
  readonly api: Api;
  readonly publicVerify: PublicVerify;
  readonly apiFunction: GovMediaFunction;
  readonly spreadsheetFunction: GovMediaFunction;
  readonly credentialsFunction: GovMediaFunction;
  readonly attachments: Attachments;
  readonly jobs: Job[];
  readonly grading: Grading;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: GovMediaStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const prod = s.stage === 'prod';
    // Rebuildable resources (log groups, queues, the user pool in dev) go with a dev stack;
    // in prod everything is retained. The table, its key and the buckets are retained always.
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // The Cybersecurity Law (art. 21) asks for network logs to be kept at least six months.
    const logRetention = prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;

    if (s.region.startsWith('cn-')) {
      Annotations.of(this).addWarningV2(
        'govmedia:china-partition',
        'China regions: Cognito user pools are not offered in cn-north-1, and CloudFront there needs an ICP-filed domain with an IAM server certificate (not ACM). See docs/deployment.md before deploying.',
      );
    }

    this.data = new Data(this, 'Data');
    this.monitoring = new Monitoring(this, 'Monitoring', { ...(s.adminEmail ? { adminEmail: s.adminEmail } : {}), removalPolicy });
    this.auth = new Auth(this, 'Auth', { settings: s });
    this.web = new Web(this, 'Web', { settings: s, logRetention, logRemovalPolicy: removalPolicy });
    const webClient = this.auth.addWebClient(this.web.origin);

    const credentialsSecretPrefix = `govmedia/${s.stage}/accounts/`;
    // Seals list cursors; resolved by CloudFormation at deployment, never read at run time.
    const cursorKey = new CursorKey(this, 'CursorKey', { removalPolicy });
    const environment: Record<string, string> = {
      TABLE_NAME: this.data.table.tableName,
      GOVMEDIA_AUTH: 'cognito',
      COGNITO_USER_POOL_ID: this.auth.userPool.userPoolId,
      COGNITO_CLIENT_ID: webClient.userPoolClientId,
      GOVMEDIA_STAGE: s.stage,
      GOVMEDIA_CURSOR_KEY: cursorKey.environmentValue(),
      // INFO in every stage: debug output is where request data would leak into logs.
      LOG_LEVEL: 'INFO',
    };

    // Every HTTP function answers below the HTTP API's 30 s integration limit, so a slow
    // request ends as a logged function timeout, not a gateway 503.
    const apiTimeout = Duration.seconds(25);

    this.apiFunction = new GovMediaFunction(this, 'ApiFunction', {
      entry: ENTRIES.api,
      description: 'GovMedia HTTP API (Hono)',
      // No CREDENTIALS_SECRET_PREFIX and no Secrets Manager permission: credentials have their own function.
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'govmedia-api' },
      memorySize: 1024,
      timeout: apiTimeout,
      logRetention,
      logRemovalPolicy: removalPolicy,
      tracing: s.tracing,
    });
    this.data.grant(this.apiFunction.role, 'api');

    // Inspections and what-ifs of more than 1,000 accounts (issue 13): the API queues chunks, the grading function grades them.
    this.grading = new Grading(this, 'Grading', { entry: ENTRIES.grading, data: this.data, environment, logRetention, removalPolicy, tracing: s.tracing });
    this.grading.grantSend(this.apiFunction.role);
    this.apiFunction.fn.addEnvironment('GRADING_QUEUE_URL', this.grading.queue.queueUrl);

    // Closure attachments: their routes run in the spreadsheet function, the one that carries the S3 client.
    this.attachments = new Attachments(this, 'Attachments', { logBucket: this.web.logBucket });
    this.spreadsheetFunction = new GovMediaFunction(this, 'SpreadsheetFunction', {
      entry: ENTRIES.spreadsheets,
      description: 'GovMedia HTTP API: CSV/XLSX imports, registry export, inspection reports, OpenAPI document, closure attachments',
      environment: { ...environment, POWERTOOLS_SERVICE_NAME: 'govmedia-spreadsheets', ATTACHMENTS_BUCKET: this.attachments.bucket.bucketName },
      memorySize: 1769, // a 5,000-row import parses and validates in one go
      timeout: apiTimeout,
      logRetention,
      logRemovalPolicy: removalPolicy,
      tracing: s.tracing,
    });
    this.data.grant(this.spreadsheetFunction.role, 'api');
    this.attachments.grantReadWrite(this.spreadsheetFunction, 'AttachmentsPolicy', this.spreadsheetFunction.role);

    // PUT/GET /api/v1/accounts/{id}/credentials: the only HTTP function that can write a secret
    // (never read one), with just the table access those two routes need.
    this.credentialsFunction = new GovMediaFunction(this, 'CredentialsFunction', {
      entry: ENTRIES.credentials,
      description: 'GovMedia HTTP API: platform credentials of an account (write-only vault access)',
      environment: { ...environment, CREDENTIALS_SECRET_PREFIX: credentialsSecretPrefix, POWERTOOLS_SERVICE_NAME: 'govmedia-credentials' },
      memorySize: 256, // two rarely used admin routes: a small JSON body, two reads, one secret write, one transaction
      timeout: apiTimeout,
      logRetention,
      logRemovalPolicy: removalPolicy,
      tracing: s.tracing,
    });
    this.data.grant(this.credentialsFunction.role, 'credentials');
    grantCredentials(this.credentialsFunction, 'CredentialsPolicy', this.credentialsFunction.role, credentialsSecretPrefix, 'write');
    // The OAuth apps (issue 16): authorisation start and callback run here; the fetch job refreshes and fetches (below).
    const oauthApps = new OAuthApps(this, 'OAuthApps', { settings: s });
    oauthApps.grantUse(this.credentialsFunction, 'OAuthAppsPolicy', this.credentialsFunction.fn, this.credentialsFunction.role);

    this.api = new Api(this, 'Api', {
      handler: this.apiFunction.fn,
      spreadsheetHandler: this.spreadsheetFunction.fn,
      credentialsHandler: this.credentialsFunction.fn,
      userPool: this.auth.userPool,
      webClient,
      webOrigin: this.web.origin,
      rateLimit: s.apiRateLimit,
      burstLimit: s.apiBurstLimit,
      logRetention,
      logRemovalPolicy: removalPolicy,
    });

    // The OAuth callback is on the API (the redirect URI registered on the platforms); the operator
    // then returns to the account page of the web app. The function names the API; the API's
    // routes name the function, not the other way round, so this closes no cycle.
    this.credentialsFunction.fn.addEnvironment('GOVMEDIA_API_URL', this.api.httpApi.apiEndpoint);
    this.credentialsFunction.fn.addEnvironment('GOVMEDIA_WEB_URL', this.web.origin);

    // GET /api/v1/public/verify without a token, behind its own CloudFront distribution (cached a
    // minute) and the WAF rate rule (docs/decisions.md "Public verification at the edge").
    this.publicVerify = new PublicVerify(this, 'PublicVerify', {
      httpApi: this.api.httpApi,
      handler: this.apiFunction.fn,
      logBucket: this.web.logBucket,
      stage: s.stage,
      ...(s.webAclArn ? { webAclArn: s.webAclArn } : {}),
      allowedCountries: s.allowedCountries,
    });
    // The page may call the API and the sign-in domain. With a custom domain the API
    // origin is exact; without one, naming the API here would make the distribution
    // depend on the API, which depends (CORS, audience) on the distribution's domain:
    // a cycle. The pattern then admits API Gateway hosts of this region only.
    const authOrigin = this.auth.domain.baseUrl();
    this.web.allowConnect(s.domain ? this.api.httpApi.apiEndpoint : `https://*.execute-api.${this.region}.${this.urlSuffix}`);
    this.web.allowConnect(authOrigin);
    this.web.allowFormAction(authOrigin);
    // The /verify page calls public verification; without a custom domain its exact name would close
    // the same cycle as the API's (distribution → API → CORS → web distribution), so any CloudFront host.
    this.web.allowConnect(s.domain ? this.publicVerify.origin : 'https://*.cloudfront.net');

    // WeChat answers API calls only from allow-listed IPs: optionally give the jobs that call platforms a fixed one.
    const network = s.staticEgress ? new EgressNetwork(this, 'Network', { flowLogBucket: this.web.logBucket }) : undefined;

    const shanghai = (hour: string) => ScheduleExpression.cron({ minute: '0', hour, timeZone: TimeZone.ASIA_SHANGHAI });
    const specs: JobSpec[] = [
      {
        name: 'Fetch',
        entry: ENTRIES.fetch,
        description: 'GovMedia: fetch posts and followers through platform connectors (daily 01:00 Asia/Shanghai, before the sweep)',
        schedule: shanghai('1'),
        access: 'fetch',
        memorySize: 1024,
        timeout: Duration.minutes(15),
        scheduleRetries: 3,
        scheduleMaxAge: Duration.hours(2),
        functionRetries: 2,
        functionMaxAge: Duration.hours(2),
        readsCredentials: true,
      },
      {
        name: 'Sweep',
        entry: ENTRIES.sweep,
        description: 'GovMedia: daily inspection sweep, flags and grades every operating account (02:00 Asia/Shanghai)',
        schedule: shanghai('2'),
        access: 'sweep',
        memorySize: 1769, // one full vCPU: grading is CPU-bound
        timeout: Duration.minutes(15),
        scheduleRetries: 3,
        scheduleMaxAge: Duration.hours(2),
        functionRetries: 2,
        functionMaxAge: Duration.hours(2),
        readsCredentials: false,
        segments: s.sweepSegments,
      },
      {
        name: 'Dispatch',
        entry: ENTRIES.dispatch,
        description: 'GovMedia: publish dispatcher for due, approved posts (every minute)',
        schedule: ScheduleExpression.rate(Duration.minutes(1)),
        access: 'dispatch',
        memorySize: 512,
        // Ends before the next tick; the next tick picks up whatever is still due.
        timeout: Duration.seconds(55),
        scheduleRetries: 1,
        scheduleMaxAge: Duration.minutes(1),
        functionRetries: 0,
        functionMaxAge: Duration.minutes(1),
        readsCredentials: true,
      },
      {
        name: 'Notify',
        entry: ENTRIES.notify,
        description: 'GovMedia: delivers notifications to 企业微信 and 钉钉 group robots, with retries and the robots\' rate limit (every minute)',
        schedule: ScheduleExpression.rate(Duration.minutes(1)),
        access: 'notify',
        memorySize: 256,
        // Ends before the next tick; a channel's lease (55 s) keeps two runs off one robot.
        timeout: Duration.seconds(55),
        scheduleRetries: 1,
        scheduleMaxAge: Duration.minutes(1),
        functionRetries: 0,
        functionMaxAge: Duration.minutes(1),
        // Only the group robots' webhooks and secrets (`<prefix>channel-*`), not the platforms' credentials.
        readsCredentials: true,
        credentialsScope: 'channel-',
        // Links in messages point at the web app; webhook hosts keep the default allow-list (docs/notifications.md).
        environment: { GOVMEDIA_WEB_URL: this.web.origin },
      },
      {
        name: 'LinkCheck',
        entry: ENTRIES.linkCheck,
        description: 'GovMedia: daily check of every service link and account URL through the SSRF guard (03:00 Asia/Shanghai, after the sweep)',
        schedule: shanghai('3'),
        // Reads accounts, writes the link results and a metric snapshot: the fetch job's access, no credentials.
        access: 'fetch',
        memorySize: 512,
        timeout: Duration.minutes(15),
        scheduleRetries: 3,
        scheduleMaxAge: Duration.hours(2),
        functionRetries: 2,
        functionMaxAge: Duration.hours(2),
        readsCredentials: false,
      },
    ];
    this.jobs = specs.map(
      (spec) =>
        new Job(this, spec.name, {
          spec,
          data: this.data,
          environment: { ...environment, CREDENTIALS_SECRET_PREFIX: credentialsSecretPrefix },
          credentialsSecretPrefix,
          tracing: s.tracing,
          // One run at a time per job (per segment for the sweep): overlapping runs would only contend.
          ...(s.reserveJobConcurrency ? { reservedConcurrency: spec.segments ?? 1 } : {}),
          logRetention,
          removalPolicy,
          ...(network ? { network: { vpc: network.vpc, securityGroup: network.securityGroup } } : {}),
        }),
    );

    const fetchJob = this.jobs.find((j) => j.node.id === 'Fetch')!;
    oauthApps.grantUse(fetchJob, 'OAuthAppsPolicy', fetchJob.function.fn, fetchJob.function.role);

    this.monitoring.watchFunction('Api', this.apiFunction.fn);
    this.monitoring.watchFunction('Spreadsheets', this.spreadsheetFunction.fn);
    this.monitoring.watchFunction('Credentials', this.credentialsFunction.fn);
    for (const job of this.jobs) {
      this.monitoring.watchFunction(job.node.id, job.function.fn);
      this.monitoring.watchDeadLetterQueue(job.node.id, job.deadLetterQueue);
    }
    this.monitoring.watchFunction('Grading', this.grading.function.fn);
    this.monitoring.watchDeadLetterQueue('Grading', this.grading.deadLetterQueue);
    this.monitoring.watchApi5xx(this.api.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }));

    this.web.publish({
      stage: s.stage,
      region: this.region,
      apiUrl: this.api.httpApi.apiEndpoint,
      publicApiUrl: this.publicVerify.origin,
      userPoolId: this.auth.userPool.userPoolId,
      clientId: webClient.userPoolClientId,
      authDomain: authOrigin,
      redirectUri: `${this.web.origin}${CALLBACK_PATH}`,
      logoutUri: `${this.web.origin}/`,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.origin, description: 'The web app' });
    new CfnOutput(this, 'PublicVerifyUrl', { value: `${this.publicVerify.origin}/api/v1/public/verify`, description: 'Public verification (no token, cached, WAF rate rule)' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint, description: 'The HTTP API (base path /api/v1)' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
    new CfnOutput(this, 'AuthDomain', { value: authOrigin });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'LogBucketName', { value: this.web.logBucket.bucketName });
    new CfnOutput(this, 'AttachmentsBucketName', { value: this.attachments.bucket.bucketName, description: 'Closure attachments (notice and cancellation evidence)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    // The redirect URI to register with each configured OAuth app (docs/connectors.md, deployment).
    if (s.douyin) new CfnOutput(this, 'DouyinRedirectUri', { value: `${this.api.httpApi.apiEndpoint}/api/v1/oauth/douyin/callback`, description: '抖音开放平台: the app\'s authorised redirect URI' });
    if (s.kuaishou) new CfnOutput(this, 'KuaishouRedirectUri', { value: `${this.api.httpApi.apiEndpoint}/api/v1/oauth/kuaishou/callback`, description: '快手开放平台: the app\'s authorised redirect URI' });
    new CfnOutput(this, 'CredentialsSecretPrefix', { value: credentialsSecretPrefix, description: 'Secrets Manager names for per-account platform credentials' });
  }
}
