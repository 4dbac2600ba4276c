import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
  type UserPoolProps,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { Settings } from '../settings';

/** Roles are Cognito groups; the API reads them from `cognito:groups` (API.md, Auth). */
export const ROLE_GROUPS = [
  { name: 'office', description: 'Propaganda / government-affairs office of a region: registry, inspections, reports, consolidation' },
  { name: 'reviewer', description: 'Office staff who decide openings, closures and mergers at office level' },
  { name: 'editor', description: 'Department operator: registers accounts, reports activity, drafts posts' },
  { name: 'approver', description: 'Department section head or leader: approves drafts and first-tier closures' },
  { name: 'admin', description: 'Platform administrator: rule profiles, regions, users' },
] as const;

/** Claims the API reads (`custom:region`, `custom:department`); only administrators may set them. */
export const SCOPE_ATTRIBUTES = ['region', 'department'] as const;

/** Path of the web app's sign-in callback (the SPA handles it; CloudFront serves index.html for it). */
export const CALLBACK_PATH = '/auth/callback';

export interface AuthProps {
  readonly settings: Settings;
}

/**
 * The Cognito user pool: administrators create users (no self sign-up),
 * put them in role groups and set their scope attributes. Users sign in
 * through the managed login pages with the OAuth code flow (PKCE, no
 * client secret) and send the ID token, which carries groups and scope,
 * as the Bearer token.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  private readonly settings: Settings;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const s = props.settings;
    this.settings = s;
    const prod = s.stage === 'prod';
    const plus = s.cognitoPlan === 'plus';

    const poolProps: UserPoolProps = {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        region: new StringAttribute({ minLen: 6, maxLen: 6, mutable: true }),
        department: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: s.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(plus
        ? { standardThreatProtectionMode: prod ? StandardThreatProtectionMode.FULL_FUNCTION : StandardThreatProtectionMode.AUDIT_ONLY }
        : {}),
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      userInvitation: {
        emailSubject: 'GovMedia 政务新媒体管理平台账号 / your GovMedia account',
        emailBody:
          '您的 GovMedia 账号已开通。用户名：{username}，临时密码：{####}（3 天内有效，首次登录须修改）。<br/>' +
          'Your GovMedia account is ready. Username: {username}, temporary password: {####} (valid 3 days; change it at first sign-in).',
      },
    };
    this.userPool = new UserPool(this, 'UserPool', poolProps);

    for (const [i, g] of ROLE_GROUPS.entries()) {
      new UserPoolGroup(this, `Group-${g.name}`, { userPool: this.userPool, groupName: g.name, description: g.description, precedence: i });
    }

    if (plus && prod) {
      // Threat protection actions: block sign-in with credentials known to be leaked,
      // ask for MFA (when set up) on medium-risk sign-ins, block high-risk ones.
      new CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
        userPoolId: this.userPool.userPoolId,
        clientId: 'ALL',
        compromisedCredentialsRiskConfiguration: {
          actions: { eventAction: 'BLOCK' },
          eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
        },
        accountTakeoverRiskConfiguration: {
          actions: {
            lowAction: { eventAction: 'NO_ACTION', notify: false },
            mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
            highAction: { eventAction: 'BLOCK', notify: false },
          },
        },
      });
    }

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: s.authDomainPrefix ?? `govmedia-${s.stage}-${Aws.ACCOUNT_ID}` },
    });

    if (s.mfa === 'optional') {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG2',
        'MFA is optional at pool level by product decision: TOTP is offered to every user and can be made mandatory with -c mfa=required. ' +
          'Accounts are created only by administrators (no self sign-up), passwords need 12+ characters of four classes with history, ' +
          (plus && prod
            ? 'and enforced threat protection blocks leaked credentials, asks for MFA on medium-risk and blocks high-risk sign-ins.'
            : plus
              ? 'and threat protection runs in audit mode in this non-production stage.'
              : 'and Cognito throttles repeated failed sign-ins.'),
      );
    }
    if (!plus) {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG8',
        'The operator chose the Essentials feature plan (-c cognitoPlan=essentials), e.g. where Plus is not offered; threat protection is then unavailable, which docs/threat-model.md records as a residual risk.',
      );
    }
  }

  /** The web app client; created once the web origin is known (it may be the CloudFront domain). */
  addWebClient(webOrigin: string): UserPoolClient {
    const s = this.settings;
    return this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${webOrigin}${CALLBACK_PATH}`],
        logoutUrls: [`${webOrigin}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: s.stage === 'prod' ? Duration.hours(12) : Duration.days(7),
      authSessionValidity: Duration.minutes(5),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...SCOPE_ATTRIBUTES),
      // A user may edit their display name, never their scope: region and
      // department are set by an administrator (AdminUpdateUserAttributes).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
