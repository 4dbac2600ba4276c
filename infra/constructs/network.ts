import { CfnOutput } from 'aws-cdk-lib';
import {
  type CfnEIP,
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  IpAddresses,
  Peer,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EgressNetworkProps {
  /** Where the VPC flow logs go (the stack's access-log bucket). */
  readonly flowLogBucket: IBucket;
}

/**
 * Optional (-c staticEgress=true): a fixed public IP for the functions that
 * call platform APIs. WeChat official accounts only answer API calls from
 * IP addresses on the account's allow-list (errcode 40164, docs/connectors.md),
 * and a Lambda function outside a VPC has no fixed address. The dispatcher
 * and the fetcher then run in private subnets behind one NAT gateway whose
 * Elastic IP is the stack output `EgressIp`; DynamoDB is reached through a
 * gateway endpoint, everything else over HTTPS through the NAT.
 */
export class EgressNetwork extends Construct {
  readonly vpc: Vpc;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: EgressNetworkProps) {
    super(scope, id);

    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.40.0.0/22'),
      maxAzs: 2,
      // One NAT gateway: one address to allow-list, one hourly charge; a failure of its zone
      // stops publishing until it is back (the dispatcher retries and posts end visibly as failed).
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 26 },
        { name: 'jobs', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 25 },
      ],
      // Nothing uses the default security group; stripping its rules would need one more
      // custom-resource Lambda. The jobs use their own group below.
      restrictDefaultSecurityGroup: false,
      flowLogs: {
        all: { destination: FlowLogDestination.toS3(props.flowLogBucket, 'vpc-flow-logs/'), trafficType: FlowLogTrafficType.ALL },
      },
    });
    this.vpc.addGatewayEndpoint('DynamoDb', { service: GatewayVpcEndpointAwsService.DYNAMODB });

    this.securityGroup = new SecurityGroup(this, 'JobsSecurityGroup', {
      vpc: this.vpc,
      description: 'GovMedia jobs: no inbound; outbound HTTPS only (platform APIs, AWS APIs)',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to platform and AWS APIs');

    const eip = this.vpc.publicSubnets
      .map((s) => s.node.tryFindChild('EIP') as CfnEIP | undefined)
      .find((e): e is CfnEIP => e !== undefined);
    if (eip) {
      new CfnOutput(this, 'EgressIp', {
        key: 'EgressIp',
        value: eip.attrPublicIp,
        description: 'Fixed source address of the dispatcher and the fetcher: add it to each WeChat account\'s IP allow-list',
      });
    }
  }
}
