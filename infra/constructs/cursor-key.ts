import type { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/**
 * The stage's list-cursor key (functions/store/cursor.ts, docs/decisions.md): a generated
 * secret, handed to the functions as GOVMEDIA_CURSOR_KEY through a CloudFormation dynamic
 * reference. CloudFormation resolves it at deployment, so no function reads Secrets Manager
 * at run time: the main API bundle gains no client and no permission, and its cold start
 * nothing. Rotating the key means regenerating the secret and redeploying; cursors handed
 * out before then are refused (400) and the client starts the list again.
 */
export class CursorKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'GovMedia: seals list cursors (AES-256-GCM, key derived by HKDF); changing it only invalidates open cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'The cursor key only seals pagination cursors that live for one listing session; it reaches the functions at deployment (dynamic reference), so a rotation Lambda would change nothing until the next deployment. Rotation is a regenerate-and-redeploy step (docs/deployment.md), whose only effect is that open cursors are refused.',
    );
  }

  /** The `{{resolve:secretsmanager:…}}` reference for a function's environment. */
  environmentValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }
}
