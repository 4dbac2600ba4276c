import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface ApiProps {
  readonly handler: IFunction;
  /** The CSV/XLSX routes' own function (imports, registry export, inspection reports), the OpenAPI document and closure attachments. */
  readonly spreadsheetHandler: IFunction;
  /** The platform-credentials routes' own function, the only API function that may write secrets. */
  readonly credentialsHandler: IFunction;
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** The web app's origin (`https://host`), the only origin allowed by CORS. */
  readonly webOrigin: string;
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** The methods routed to the API under /api/v1 (API.md uses GET, POST, PATCH; PUT and DELETE are reserved). */
export const API_METHODS = [HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE];

/** Routes served by the spreadsheet function (spreadsheetRouteSet, functions/api/route-sets.ts). */
export const SPREADSHEET_ROUTES: [string, HttpMethod[]][] = [
  ['/api/v1/imports', [HttpMethod.POST]],
  ['/api/v1/imports/template', [HttpMethod.GET]],
  ['/api/v1/accounts/export', [HttpMethod.GET]],
  ['/api/v1/inspections/{id}/report', [HttpMethod.GET]],
  // The 整改通知 as docx (functions/api/routes/rectification-notice.ts): docx stays out of the main bundle.
  ['/api/v1/rectifications/{id}/notice', [HttpMethod.GET]],
  ['/api/v1/openapi.json', [HttpMethod.GET]],
  // Closure attachments (functions/api/routes/attachments.ts): the S3 client stays out of the main bundle.
  ['/api/v1/closures/{id}/attachments', [HttpMethod.POST, HttpMethod.GET]],
  ['/api/v1/closures/{id}/attachments/{attachmentId}', [HttpMethod.GET]],
  // The annual report as XLSX/DOCX (functions/api/routes/annual-report.ts): exceljs and docx stay out of the main bundle.
  ['/api/v1/reports/annual', [HttpMethod.GET]],
];

/** Routes served by the credentials function (credentialsRouteSet, functions/api/route-sets.ts). */
export const CREDENTIALS_ROUTES: [string, HttpMethod[]][] = [
  ['/api/v1/accounts/{id}/credentials', [HttpMethod.PUT, HttpMethod.GET, HttpMethod.DELETE]],
  // Group-robot webhooks and the 钉钉 secret are secrets too (functions/api/routes/channels.ts).
  ['/api/v1/departments/{id}/channels', [HttpMethod.PUT, HttpMethod.GET]],
  ['/api/v1/regions/{code}/channels', [HttpMethod.PUT, HttpMethod.GET]],
  // An editor starts a platform's OAuth authorisation of an account (functions/api/routes/oauth.ts, issue 16).
  ['/api/v1/accounts/{id}/oauth/start', [HttpMethod.POST]],
];

/**
 * The OAuth callback (functions/api/routes/oauth.ts, issue 16): the platform sends the operator's
 * browser here after authorisation, so it carries no bearer token and has no JWT authorizer; the
 * signed `state` authenticates it (shared/connectors/oauth.ts `completeAuthorization` refuses a
 * state that is not ours, is for another platform or has expired, 403 `oauth_state_invalid`,
 * before anything is read or written). The credentials function serves it: it writes the vault.
 */
export const OAUTH_CALLBACK_PATH = '/api/v1/oauth/{platform}/callback';

/**
 * The access log line: who called what and how it ended. No headers, no
 * query strings, no bodies, so a token or a phone number never reaches it.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};

/**
 * The HTTP API. `GET /health` and the OAuth callback are public; every other method under `/api/v1/` passes
 * the JWT authorizer (issuer = the user pool, audience = the web client)
 * before the function runs, and the function checks the token again with
 * aws-jwt-verify, then roles and scope. There is no catch-all `$default`
 * route, so any other path is answered by API Gateway with 404 without
 * reaching the code.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'GovMedia HTTP API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: API_METHODS.map((m) => m as string as CorsHttpMethod),
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        exposeHeaders: ['etag', 'content-disposition'],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // The issuer comes from the pool itself (ProviderURL), so it is right in every partition.
    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', `https://${props.userPool.userPoolProviderUrl}`, {
      authorizerName: 'cognito-jwt',
      jwtAudience: [props.webClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', props.handler);

    const [health] = this.httpApi.addRoutes({
      path: '/health',
      methods: [HttpMethod.GET],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    // Explicit methods, not ANY: an ANY route would also match the browser's CORS
    // preflight (OPTIONS, sent without a token) and the authorizer would refuse it.
    // With no OPTIONS route, API Gateway answers preflights itself from corsPreflight.
    this.httpApi.addRoutes({
      path: '/api/v1/{proxy+}',
      methods: API_METHODS,
      integration,
      authorizer,
    });

    // Spreadsheet routes (and the OpenAPI document) go to their own function, so the main API
    // bundle stays free of exceljs and the schema converter; the credentials routes go to the
    // only API function allowed to write secrets, so the main API has no Secrets Manager
    // permission at all. More specific routes win over {proxy+} in API Gateway; any other
    // method on these paths (e.g. DELETE .../credentials) falls to {proxy+} and gets a 404.
    const spreadsheets = new HttpLambdaIntegration('SpreadsheetIntegration', props.spreadsheetHandler);
    for (const [path, methods] of SPREADSHEET_ROUTES) {
      this.httpApi.addRoutes({ path, methods, integration: spreadsheets, authorizer });
    }
    const credentials = new HttpLambdaIntegration('CredentialsIntegration', props.credentialsHandler);
    for (const [path, methods] of CREDENTIALS_ROUTES) {
      this.httpApi.addRoutes({ path, methods, integration: credentials, authorizer });
    }
    const [callback] = this.httpApi.addRoutes({
      path: OAUTH_CALLBACK_PATH,
      methods: [HttpMethod.GET],
      integration: credentials,
      authorizer: new HttpNoneAuthorizer(),
    });

    acknowledge(
      health!,
      'AwsSolutions-APIG4',
      'GET /health is the public liveness probe required by the API contract (API.md): it returns {"status":"ok"} and reads no data; every /api/v1 route but the public verification and the OAuth callback has the JWT authorizer.',
    );
    acknowledge(
      callback!,
      'AwsSolutions-APIG4',
      'GET /api/v1/oauth/{platform}/callback is where Douyin and Kuaishou send the operator\'s browser after authorisation, which cannot carry our bearer token: the HMAC-signed state (15 minutes, bound to account, user and platform) authenticates it and a bad or expired state is refused with 403 before anything is read or written.',
    );
  }
}
