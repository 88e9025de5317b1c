/**
 * What CloudFront needs from us-east-1: the WAF web ACL of the portal's distribution (a
 * CLOUDFRONT-scope web ACL can only be created there). The service stack reads its ARN through a
 * cross-region reference (an output of this stack, read with Fn::GetStackOutput), so deploy this one
 * first (`cdk deploy --all` orders them).
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeWebAcl } from '../constructs/edge-web-acl';

export interface EdgeStackProps extends StackProps {
  /** Requests one IP address may send in five minutes. @default 2000 */
  readonly ratePerFiveMinutes?: number;
}

export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    const acl = new EdgeWebAcl(this, 'Firewall', {
      metricPrefix: id,
      ...(props.ratePerFiveMinutes ? { ratePerFiveMinutes: props.ratePerFiveMinutes } : {}),
    });
    this.webAclArn = acl.webAcl.attrArn;
  }
}
