import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { childOptions, Tags } from './common';

export interface ServiceSecurityGroupArgs {
  readonly description: string;
  readonly vpcId: pulumi.Input<string>;
  /** The only source admitted: the cluster's (node or pod) security group. */
  readonly clientSecurityGroupId: pulumi.Input<string>;
  readonly port: number;
  readonly tags?: Tags;
}

/**
 * A security group that admits TCP on one port from one security group and nothing else (EC2.18, EC2.19: no
 * `0.0.0.0/0`). It has no egress rule: managed databases and caches answer on the connection, they never dial out.
 */
export function serviceSecurityGroup(name: string, parent: pulumi.Resource, args: ServiceSecurityGroupArgs): aws.ec2.SecurityGroup {
  const group = new aws.ec2.SecurityGroup(name, {
    description: args.description,
    vpcId: args.vpcId,
    tags: args.tags,
  }, childOptions(parent));
  new aws.vpc.SecurityGroupIngressRule(`${name}-from-cluster`, {
    securityGroupId: group.id,
    description: 'GitLab pods (cluster security group)',
    referencedSecurityGroupId: args.clientSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: args.port,
    toPort: args.port,
    tags: args.tags,
  }, childOptions(parent));
  return group;
}

/** What the stack knows about the cluster's network, for the platform's NetworkPolicies. */
export interface NetworkRanges {
  /** Where the managed PostgreSQL and Redis answer (and where an ALB's nodes are): the VPC's CIDRs. */
  readonly dataServiceCidrs: readonly string[];
}

/**
 * The VPC's address ranges (primary and secondary IPv4 CIDRs, the IPv6 block when it has one), looked up from
 * EC2. RDS and ElastiCache sit in the VPC's private subnets, so these ranges are where the platform's pods open
 * PostgreSQL and Redis connections; a configured `gitlab:dataServiceCidrs` replaces the lookup.
 */
export async function lookUpNetworkRanges(vpcId: string, configured?: readonly string[]): Promise<NetworkRanges> {
  if (configured?.length) return { dataServiceCidrs: [...configured] };
  const vpc = await aws.ec2.getVpc({ id: vpcId });
  const cidrs = [vpc.cidrBlock, ...(vpc.cidrBlockAssociations ?? []).map((a) => a.cidrBlock), vpc.ipv6CidrBlock]
    .filter((c): c is string => typeof c === 'string' && c.length > 0);
  return { dataServiceCidrs: [...new Set(cidrs)] };
}
