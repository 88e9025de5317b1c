/**
 * The WAF in front of CloudFront: for the production stage a web ACL (per-IP rate rule answering 429
 * with Retry-After, AWS's IP reputation, known bad inputs and common rule sets) in a small us-east-1
 * stack, attached to the portal's one distribution through a cross-region reference; none for other
 * stages unless asked; an existing web ACL can be named instead; cdk-nag finds nothing unacknowledged.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { VilleOuverteApp } from '../../infra/app';
import { resourcesOf, testApp } from './test-app';

/** The app as `cdk synth` builds it with an AWS profile: account and region known. */
const withEnvironment = <T>(build: () => T): T => {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  Object.assign(process.env, { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-3' });
  try {
    return build();
  } finally {
    for (const [key, value] of [
      ['CDK_DEFAULT_ACCOUNT', saved.account],
      ['CDK_DEFAULT_REGION', saved.region],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
};

const prod = withEnvironment(() => testApp({ stage: 'prod' }));
const distributionOf = (app: VilleOuverteApp) =>
  Object.values(resourcesOf(Template.fromStack(app.service), 'AWS::CloudFront::Distribution'))[0]!.Properties
    .DistributionConfig as { WebACLId?: unknown };

describe('the production stage', () => {
  const edge = Template.fromStack(prod.edge!);

  it('makes its web ACL in us-east-1, CloudFront scope', () => {
    expect(prod.edge!.region).toBe('us-east-1');
    expect(prod.service.region).toBe('eu-west-3');
    edge.resourceCountIs('AWS::WAFv2::WebACL', 1);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('refuses a flooding address with 429, Retry-After and a problem, then applies the managed rule groups', () => {
    const [acl] = Object.values(resourcesOf(edge, 'AWS::WAFv2::WebACL'));
    const { Rules, CustomResponseBodies } = acl!.Properties as {
      Rules: { Name: string; Priority: number; Statement: Record<string, Record<string, unknown>>; Action?: unknown }[];
      CustomResponseBodies: Record<string, { Content: string }>;
    };
    expect(Rules.map((rule) => rule.Name)).toEqual([
      'rate-per-ip',
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesCommonRuleSet',
    ]);
    const [rate, ...managed] = Rules;
    expect(rate!.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(rate!.Action).toEqual({
      Block: {
        CustomResponse: {
          ResponseCode: 429,
          CustomResponseBodyKey: 'too-many-requests',
          ResponseHeaders: [{ Name: 'Retry-After', Value: expect.stringMatching(/^\d+$/) }],
        },
      },
    });
    expect(JSON.parse(CustomResponseBodies['too-many-requests']!.Content)).toMatchObject({
      type: 'urn:ville-ouverte:problem:too-many-requests',
      status: 429,
    });
    for (const rule of managed) expect(rule.Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS' });
    // The API takes bodies above the common rule set's 8 KB and refuses oversized ones itself.
    expect(managed[2]!.Statement.ManagedRuleGroupStatement!.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  it('attaches it to the one distribution of portal, API and open data', () => {
    // Read across regions from the edge stack's output.
    expect(distributionOf(prod).WebACLId).toEqual({
      'Fn::GetStackOutput': {
        StackName: 'VilleOuverte-prod-Edge',
        Region: 'us-east-1',
        OutputName: expect.any(String),
      },
    });
    Template.fromStack(prod.service).resourceCountIs('AWS::CloudFront::Distribution', 1);
  });

  it('leaves cdk-nag nothing unacknowledged, the edge stack and the cross-region reference included', () => {
    const report = new AwsSolutionsChecks().validateScope(prod);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
    ).toEqual([]);
  });
});

describe('other stages', () => {
  it('have no web ACL unless asked', () => {
    const dev = testApp();
    expect(dev.edge).toBeUndefined();
    expect(distributionOf(dev).WebACLId).toBeUndefined();
    expect(withEnvironment(() => testApp({ stage: 'staging', waf: 'true' })).edge).toBeDefined();
    expect(withEnvironment(() => testApp({ stage: 'prod', waf: 'false' })).edge).toBeUndefined();
  });

  it('attach an existing web ACL named by its ARN, with no edge stack', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ville-ouverte/0f1e2d3c';
    const app = testApp({ stage: 'prod', webAclArn: arn });
    expect(app.edge).toBeUndefined();
    expect(distributionOf(app).WebACLId).toBe(arn);
    expect(() => testApp({ webAclArn: 'arn:aws:wafv2:eu-west-3:123456789012:regional/webacl/x/y' })).toThrow(
      /CLOUDFRONT-scope/,
    );
  });

  it('say what to do when the WAF cannot be referred to across regions (no account or region known)', () => {
    const saved = process.env.CDK_DEFAULT_REGION;
    delete process.env.CDK_DEFAULT_REGION;
    try {
      expect(() => testApp({ stage: 'prod' })).toThrow(/-c webAclArn=.*or -c waf=false/);
    } finally {
      if (saved !== undefined) process.env.CDK_DEFAULT_REGION = saved;
    }
  });
});
