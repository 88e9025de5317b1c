/**
 * What the platform keeps: the single DynamoDB table and the open-data bucket. Kept apart from
 * the stateless service stack so that redeploying or replacing functions never touches data;
 * everything here is retained when the stack is deleted.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type BucketProps,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { tableDesign } from '../../shared/runtime/table-design';

/** Every bucket: private, TLS only, encrypted, retained with the stack's data. */
const PRIVATE_BUCKET: BucketProps = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  encryption: BucketEncryption.S3_MANAGED,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
};

export class DataStack extends Stack {
  readonly table: TableV2;
  /**
   * Files published as open data (shared/opendata), under open-data/: written by the exporter,
   * read by the public only through the portal's distribution, under /open-data/* (service stack).
   */
  readonly openDataBucket: Bucket;
  /**
   * Citizens' photos: browsers PUT them under uploads/ through presigned URLs; a report copies the
   * ones it references to photos/. What stays under uploads/ was never referenced and expires.
   */
  readonly uploadsBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Same keys as the local runtime's CreateTable (shared/runtime/table-design.ts).
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(tableDesign.partitionKey),
      sortKey: key(tableDesign.sortKey),
      globalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The AWS managed key (aws/dynamodb): its use shows in CloudTrail, at no key cost.
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Receives the other buckets' server access logs (cdk-nag's S1 knows a log bucket needs no
    // log of its own). S3 delivers access logs only to a bucket with S3-managed encryption.
    const accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...PRIVATE_BUCKET,
      encryption: BucketEncryption.S3_MANAGED,
    });

    this.openDataBucket = new Bucket(this, 'OpenDataBucket', {
      ...PRIVATE_BUCKET,
      versioned: true,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'open-data/',
      lifecycleRules: [
        // Each export replaces latest.* (and a rerun the same day its dated copy): older versions go after a month.
        { id: 'replaced-versions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    // No public bucket: CloudFront reads it through Origin Access Control. The distribution is the
    // portal's, in the service stack, which refers to this one: naming it here would make a cycle,
    // so the grant is to this account's distributions, on open-data/ only (files meant for everyone).
    this.openDataBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsOpenData',
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.openDataBucket.arnForObjects('open-data/*')],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );

    this.uploadsBucket = new Bucket(this, 'UploadsBucket', {
      ...PRIVATE_BUCKET,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      // The portal's script PUTs photos here with presigned URLs (the pages' CSP names this origin).
      // Any origin: the portal's is the service stack's distribution, which refers to this stack
      // (naming it here would make a cycle), and the presigned URL, not the origin, is the
      // authorization; no cookie or credential is sent.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedOrigins: ['*'],
          allowedHeaders: ['content-type', 'content-length'],
          exposedHeaders: ['etag'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        { id: 'unreferenced-uploads', prefix: 'uploads/', expiration: Duration.days(2) },
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The single DynamoDB table' });
  }
}
