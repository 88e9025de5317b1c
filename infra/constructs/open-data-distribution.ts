/**
 * The public face of the open-data bucket: a CloudFront distribution reading it through Origin
 * Access Control (the bucket stays private, public access blocked). A file's URL is its key:
 * https://<distribution>/open-data/{siren}/{dataset}/latest.csv. GET and HEAD only, HTTPS, CORS open
 * to every origin (open data is meant to be fetched from anywhere), caching as each object's
 * Cache-Control says (the stable names a few minutes), access logs in a bucket of their own.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface OpenDataDistributionProps {
  readonly bucket: IBucket;
  /** Receives the server access logs of the distribution's own log bucket. */
  readonly accessLogsBucket: IBucket;
}

export class OpenDataDistribution extends Construct {
  readonly distribution: Distribution;
  /** https://<domain>, no trailing slash: the base of every published file's URL (OPEN_DATA_BASE_URL). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: OpenDataDistributionProps) {
    super(scope, id);
    // CloudFront's standard logs are written with ACLs: this bucket keeps them enabled (the others do not).
    const logs = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'open-data-cdn-logs/',
      // Logs hold IP addresses: kept six months, as the CNIL advises for logs.
      lifecycleRules: [{ id: 'six-months', expiration: Duration.days(183) }],
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Ville Ouverte open data (read only)',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Open data is published for everyone, everywhere: no geographic restriction.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static public files served from the cache, GET and HEAD only, no request reaches a function: AWS Shield ' +
          'Standard covers it; a WAF web ACL can be attached when the territory asks for rate limits.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate allows older TLS versions; a custom domain with its ACM ' +
          'certificate gets TLSv1.2_2021 (minimumProtocolVersion is set for it).',
      },
    );
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}
