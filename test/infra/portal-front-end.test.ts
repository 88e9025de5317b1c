/**
 * The portal's front door in AWS: one CloudFront distribution in front of the HTTP API and of a
 * private bucket of static files (Origin Access Control, all four public-access blocks, TLS only),
 * HSTS and the pages' CSP in its response headers policy, and the page functions configured with
 * the session key's secret (read only by them) and the public origin.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { logicalIdOf, resourcesOf, statementsOf, synthesize } from './test-app';

const { app, data, service } = synthesize();
const portal = app.service.portal;
const pageFunctions = [...app.service.functions].filter(([handler]) => handler.startsWith('functions/portal/'));
const otherFunctions = [...app.service.functions].filter(([handler]) => !handler.startsWith('functions/portal/'));

describe('the static files', () => {
  it('are read by CloudFront through one Origin Access Control (for both bucket origins: assets, open data)', () => {
    service.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    service.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  it('sit in a bucket with all four public-access blocks, encrypted, TLS only', () => {
    const bucket = resourcesOf(service, 'AWS::S3::Bucket')[logicalIdOf(portal.assetsBucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toBeDefined();
    service.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalIdOf(portal.assetsBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('are cached a year: their names carry a hash of their content', () => {
    service.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'assets/',
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      Prune: false,
    });
  });
});

describe('the distribution', () => {
  const config = () =>
    (Object.values(resourcesOf(service, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig ?? {}) as {
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: Record<string, unknown>[];
      Origins: { DomainName: unknown; CustomOriginConfig?: Record<string, unknown>; S3OriginConfig?: unknown }[];
      Logging?: unknown;
    };

  it('is the one origin of pages, API and static files, over https only', () => {
    service.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const { DefaultCacheBehavior, CacheBehaviors, Origins, Logging } = config();
    expect(DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
    expect(DefaultCacheBehavior.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    expect(CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/assets/*',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
      }),
      // Open data's files, from their own bucket (test/infra/opendata-infra.test.ts).
      expect.objectContaining({ PathPattern: '/open-data/*/latest.*', AllowedMethods: ['GET', 'HEAD'] }),
      expect.objectContaining({ PathPattern: '/open-data/*', AllowedMethods: ['GET', 'HEAD'] }),
    ]);
    const api = Origins.find((origin) => origin.CustomOriginConfig);
    expect(api!.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(api!.DomainName)).toContain(logicalIdOf(app.service.httpApi.api));
    expect(Logging).toBeDefined();
  });

  it('sends HSTS everywhere and the pages CSP (no unsafe-inline) where the origin sets none', () => {
    service.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'none'; script-src 'self'; style-src 'self'"),
            Override: false,
          },
        }),
      },
    });
    const csp = JSON.stringify(resourcesOf(service, 'AWS::CloudFront::ResponseHeadersPolicy'));
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('the page functions', () => {
  const environmentOf = (fn: (typeof pageFunctions)[number][1]) =>
    (
      resourcesOf(service, 'AWS::Lambda::Function')[logicalIdOf(fn)]!.Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;

  it('exist for the shell pages', () => {
    expect(pageFunctions.map(([handler]) => handler)).toEqual(
      expect.arrayContaining(['functions/portal/get-home-page.ts', 'functions/portal/sign-out.ts']),
    );
  });

  it.each(pageFunctions)('%s knows the session secret, the public origin and the assets', (_, fn) => {
    expect(environmentOf(fn)).toMatchObject({
      PORTAL_SESSION_SECRET_ARN: expect.anything(),
      PORTAL_ORIGIN: expect.anything(),
      PORTAL_ASSETS_BASE_URL: '/assets/',
      PORTAL_ASSETS_MANIFEST: expect.stringContaining('"portal.css"'),
    });
    expect(statementsOf(service, fn).flatMap((s) => [s.Action].flat())).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue']),
    );
  });

  it.each(pageFunctions)(
    "%s knows the uploads bucket's origin, so its CSP lets the script PUT photos there",
    (_, fn) => {
      expect(JSON.stringify(environmentOf(fn).PORTAL_UPLOADS_ORIGIN)).toMatch(
        /^\{"Fn::Join":\["",\["https:\/\/",.*UploadsBucket.*RegionalDomainName/,
      );
    },
  );

  // Every function may read the cursor key (it pages lists); only the pages may read the session key.
  const readsSessionKey = (fn: (typeof pageFunctions)[number][1]) =>
    statementsOf(service, fn).some(
      (statement) =>
        [statement.Action].flat().includes('secretsmanager:GetSecretValue') &&
        JSON.stringify(statement.Resource).includes(logicalIdOf(portal.sessionSecret)),
    );

  it('are the only functions that may read the session key', () => {
    expect(pageFunctions.filter(([, fn]) => !readsSessionKey(fn))).toEqual([]);
    expect(otherFunctions.filter(([, fn]) => readsSessionKey(fn)).map(([handler]) => handler)).toEqual([]);
  });

  it('read a generated secret: no key is in the template', () => {
    service.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 43, ExcludePunctuation: true, IncludeSpace: false },
    });
  });
});

describe('photo uploads from the portal', () => {
  it('the uploads bucket takes a presigned PUT from a page of any origin (the portal’s included), with its signed headers', () => {
    const bucket = resourcesOf(data, 'AWS::S3::Bucket')[logicalIdOf(app.data.uploadsBucket)]!.Properties;
    expect(bucket.CorsConfiguration).toEqual({
      CorsRules: [
        expect.objectContaining({
          AllowedMethods: expect.arrayContaining(['PUT']),
          AllowedOrigins: ['*'],
          AllowedHeaders: expect.arrayContaining(['content-type', 'content-length']),
        }),
      ],
    });
  });
});
