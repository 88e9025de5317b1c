/**
 * The WAF web ACL in front of the portal's CloudFront distribution (scope CLOUDFRONT, so it must be
 * created in us-east-1: infra/stacks/edge-stack.ts). Rules, in order:
 *   1. a rate-based rule per client IP: past `ratePerFiveMinutes` requests in five minutes, an
 *      address gets 429 with Retry-After and a problem+json body (the local gateway's answer);
 *   2. AWS's IP reputation list (botnets, scanners);
 *   3. known bad inputs (Log4Shell, Java deserialization, localhost Host headers…);
 *   4. the common rule set (OWASP top risks), its 8 KB body-size rule only counted: the API takes
 *      larger bodies (observation batches, CSV imports) and refuses oversized ones itself (413).
 * Every rule publishes CloudWatch metrics and sampled requests; blocked requests show there.
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeWebAclProps {
  /** Requests one IP address may send in five minutes before it is refused. @default 2000 */
  readonly ratePerFiveMinutes?: number;
  /** Prefix of the CloudWatch metric names. */
  readonly metricPrefix: string;
}

/** The Retry-After the rate rule announces: its evaluation window is five minutes, re-evaluated every 30 s. */
const RETRY_AFTER_SECONDS = 60;

const TOO_MANY_REQUESTS = JSON.stringify({
  type: 'urn:ville-ouverte:problem:too-many-requests',
  title: 'Too many requests',
  status: 429,
  detail: `Too many requests from this address; try again in ${RETRY_AFTER_SECONDS} s`,
});

export class EdgeWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.metricPrefix}-${name}`,
    });
    const managed = (priority: number, name: string, countOnly: readonly string[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(countOnly.length > 0
            ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Ville Ouverte: per-IP rate limit and AWS managed rules in front of the portal',
      defaultAction: { allow: {} },
      customResponseBodies: {
        'too-many-requests': { contentType: 'APPLICATION_JSON', content: TOO_MANY_REQUESTS },
      },
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many-requests',
                responseHeaders: [{ name: 'Retry-After', value: String(RETRY_AFTER_SECONDS) }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: props.ratePerFiveMinutes ?? 2000,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('rate-per-ip'),
        },
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managed(3, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
      ],
      visibilityConfig: visibility('web-acl'),
    });
  }
}
