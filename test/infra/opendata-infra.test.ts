/**
 * What open data needs in AWS, synthesized from the open-data declarations alone (the data stack
 * and a service stack wired with them): the bucket stays private and is read through Origin Access
 * Control by the portal's one distribution, under /open-data/*; the exporter may write under open-data/ only, and gets the bucket and the
 * files' public URL; the catalogue routes get the URL and no bucket access; the HEAD route exists;
 * the nightly schedule; cdk-nag finds nothing unacknowledged.
 */
import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PLACEHOLDER_MAIL_FROM, PLACEHOLDER_OIDC_ISSUERS } from '../../infra/app';
import { OPEN_DATA_ACTIONS } from '../../infra/open-data-access';
import { DataStack } from '../../infra/stacks/data-stack';
import { ServiceStack } from '../../infra/stacks/service-stack';
import { openDataRoutes } from '../../shared/opendata/opendata-routes';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { territoryRoutes } from '../../shared/territory/territory-routes';
import { consumerDeclarations } from '../../shared/wiring/consumers';
import { schedules } from '../../shared/wiring/schedules';
import { flattenNestedStacks, resourcesOf } from './test-app';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

const app = new App({
  context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
  builtinCloudFormationValidation: false,
});
const dataStack = new DataStack(app, 'Data');
const serviceStack = new ServiceStack(app, 'Service', {
  wiring: {
    // The platform's routes and the territory import too: the service stack checks its handler extras
    // (the API reference's files, etalab's lists) are used.
    routes: [...Object.values(platformRoutes), territoryRoutes.importCommunes, ...Object.values(openDataRoutes)],
    consumers: [consumerDeclarations.exportTerritoryOpenData],
    schedules: schedules.filter((s) => s.id === 'exportOpenData'),
  },
  table: dataStack.table,
  oidcIssuers: PLACEHOLDER_OIDC_ISSUERS,
  mailFrom: PLACEHOLDER_MAIL_FROM,
  uploadsBucket: dataStack.uploadsBucket,
  openData: { bucket: dataStack.openDataBucket },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const data = Template.fromStack(dataStack);
const service = flattenNestedStacks(serviceStack);

const functionByHandler = (file: string) => {
  const [id, fn] = Object.entries(resourcesOf(service, 'AWS::Lambda::Function')).find(([id]) =>
    id.startsWith(`Opendata${file}`),
  )!;
  return { id, variables: (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables };
};
const s3Statements = (functionId: string) =>
  Object.values(resourcesOf(service, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(functionId.replace(/[A-Z0-9]{8}$/, '')))
    .flatMap(
      (p) =>
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
    )
    .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));

describe('open data in AWS', () => {
  it('serves the private open-data bucket under /open-data/* of the portal’s one distribution, through its one Origin Access Control', () => {
    data.resourceCountIs('AWS::CloudFront::Distribution', 0);
    service.resourceCountIs('AWS::CloudFront::Distribution', 1);
    // One OAC signs the reads of both bucket origins: the portal's assets, the open data.
    service.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [distribution] = Object.values(resourcesOf(service, 'AWS::CloudFront::Distribution'));
    const config = distribution!.Properties.DistributionConfig as {
      CacheBehaviors: {
        PathPattern: string;
        TargetOriginId: string;
        AllowedMethods: string[];
        CachePolicyId: unknown;
      }[];
      Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
    };
    const openData = config.CacheBehaviors.filter((b) => b.PathPattern.startsWith('/open-data/'));
    // The stable names first (CloudFront takes the first match), then every other file.
    expect(openData.map((b) => b.PathPattern)).toEqual(['/open-data/*/latest.*', '/open-data/*']);
    for (const behavior of openData) expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    const origin = config.Origins.find((o) => o.Id === openData[0]!.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain('OpenDataBucket');
    expect(origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringContaining('BucketAccess'), 'Id'],
    });

    // Latest files a few minutes, dated files as long as they say (up to a year).
    const policies = resourcesOf(service, 'AWS::CloudFront::CachePolicy');
    const ttlOf = (behavior: (typeof openData)[number]) =>
      policies[(behavior.CachePolicyId as { Ref: string }).Ref]!.Properties.CachePolicyConfig as Record<string, number>;
    expect(ttlOf(openData[0]!)).toMatchObject({ DefaultTTL: 300, MaxTTL: 300 });
    expect(ttlOf(openData[1]!)).toMatchObject({ DefaultTTL: 86_400, MaxTTL: 31_536_000 });
    service.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['*'] } }),
      }),
    });

    for (const bucket of Object.values(resourcesOf(data, 'AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    // Only CloudFront's service principal may read, only open-data/, only for this account's distributions.
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudFrontReadsOpenData',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/open-data/*']] },
            Condition: {
              StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'AWS:SourceArn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
  });

  it('gives the files’ public URL as the portal’s origin, and outputs it', () => {
    const catalog = functionByHandler('GetCatalogJsonLd');
    expect(JSON.stringify(catalog.variables.OPEN_DATA_BASE_URL)).toContain('DomainName');
    expect(serviceStack.resolve(serviceStack.portal.url)).toEqual(catalog.variables.OPEN_DATA_BASE_URL);
    expect(Object.keys(Template.fromStack(serviceStack).findOutputs('OpenDataUrl'))).toEqual(['OpenDataUrl']);
  });

  it('lets the exporter write under open-data/ only, and gives it the bucket and the files’ public URL', () => {
    const exporter = functionByHandler('ExportTerritoryOpenData');
    expect(Object.keys(exporter.variables)).toEqual(expect.arrayContaining(['OPEN_DATA_BUCKET', 'OPEN_DATA_BASE_URL']));
    const statements = s3Statements(exporter.id);
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([...OPEN_DATA_ACTIONS].sort());
    for (const s of statements) expect(JSON.stringify(s.Resource)).toMatch(/"\/open-data\/\*"\]\]\}$/);
  });

  it('gives the catalogue routes the files’ URL and no access to the bucket', () => {
    const catalog = functionByHandler('GetCatalogJsonLd');
    expect(Object.keys(catalog.variables)).toContain('OPEN_DATA_BASE_URL');
    expect(Object.keys(catalog.variables)).not.toContain('OPEN_DATA_BUCKET');
    expect(s3Statements(catalog.id)).toEqual([]);
  });

  it('routes HEAD and GET of the catalogue, and schedules the export nightly', () => {
    const routeKeys = Object.values(resourcesOf(service, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routeKeys).toEqual(
      expect.arrayContaining([
        'GET /territories/{siren}/catalog.jsonld',
        'HEAD /territories/{siren}/catalog.jsonld',
        'GET /territories/{siren}/catalog.ttl',
        'POST /territories/{siren}/open-data/exports',
      ]),
    );
    service.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 2 * * ? *)' });
    // The exporter runs up to 15 minutes: the queue's visibility is six times that.
    service.hasResourceProperties('AWS::Lambda::Function', { Timeout: 900 });
  });

  it('leaves cdk-nag nothing unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
    ).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });
});
