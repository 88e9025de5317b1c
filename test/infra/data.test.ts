/** The data stack keeps the platform's data safe: recoverable, protected, private, encrypted. */
import { Match } from 'aws-cdk-lib/assertions';
import { tableDesign } from '../../shared/runtime/table-design';
import { logicalIdOf, resourcesOf, synthesize } from './test-app';

const { app, data } = synthesize();

describe('the table', () => {
  it('has the keys and indexes of shared/runtime/table-design.ts, the same as the local runtime', () => {
    const key = (name: string, type: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType: type });
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [key(tableDesign.partitionKey, 'HASH'), key(tableDesign.sortKey, 'RANGE')],
      GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [key(index.partitionKey, 'HASH'), key(index.sortKey, 'RANGE')],
        }),
      ),
    });
  });

  it('is on demand, with point-in-time recovery, deletion protection, TTL and encryption at rest', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('is retained when the stack is deleted', () => {
    data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the buckets', () => {
  const buckets = () => resourcesOf(data, 'AWS::S3::Bucket');

  it('block all public access and encrypt at rest', () => {
    for (const bucket of Object.values(buckets())) {
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
    }
  });

  it('deny every request that is not over TLS', () => {
    const policies = Object.values(resourcesOf(data, 'AWS::S3::BucketPolicy'));
    const denyingNonTls = policies
      .filter((policy) =>
        (policy.Properties.PolicyDocument as { Statement: { Effect: string; Condition?: unknown }[] }).Statement.some(
          (s) =>
            s.Effect === 'Deny' &&
            JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
        ),
      )
      .map((policy) => (policy.Properties.Bucket as { Ref: string }).Ref);
    expect(denyingNonTls.sort()).toEqual(Object.keys(buckets()).sort());
  });

  it('let browsers PUT photos with presigned URLs, and expire uploads no report referenced', () => {
    const uploads = buckets()[logicalIdOf(app.data.uploadsBucket)]!;
    expect(uploads.Properties).toMatchObject({
      CorsConfiguration: {
        CorsRules: [expect.objectContaining({ AllowedMethods: expect.arrayContaining(['PUT']) })],
      },
      LifecycleConfiguration: {
        Rules: expect.arrayContaining([
          expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 2, Status: 'Enabled' }),
        ]),
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) } },
    });
  });

  it('keep the open data versioned, with server access logs', () => {
    const openData = buckets()[logicalIdOf(app.data.openDataBucket)]!;
    expect(openData.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) } },
    });
  });
});
