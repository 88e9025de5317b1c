/**
 * IAM for the open-data bucket, from a declaration's `openData: 'publish'`: object actions under
 * open-data/ only (no listing, no bucket configuration). PutObject covers the multipart upload's
 * create, part and complete calls; AbortMultipartUpload lets a failed export clean up after
 * itself; GetObject is the source side of the copy to the stable name.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { PlatformFunction } from './constructs/platform-function';
import { nagName } from './object-store-access';

export const OPEN_DATA_PREFIX = 'open-data/*';
export const OPEN_DATA_ACTIONS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'] as const;

const REASON = 'Files are named by territory, dataset and day at run time, so the grant is on the open-data/ prefix.';

export const grantOpenDataPublishing = (fn: PlatformFunction, bucket: IBucket): void => {
  const policy = new Policy(fn, 'OpenDataAccess', {
    roles: [fn.role!],
    statements: [
      new PolicyStatement({ actions: [...OPEN_DATA_ACTIONS], resources: [bucket.arnForObjects(OPEN_DATA_PREFIX)] }),
    ],
  });
  policy.node.addValidation({
    validate: () => {
      const cfn = policy.node.defaultChild as CfnPolicy;
      const document = Stack.of(cfn).resolve(cfn.policyDocument) as { Statement: { Resource: unknown[] }[] };
      const resources = document.Statement.flatMap((s) => [s.Resource].flat()).map(nagName);
      Validations.of(policy).acknowledge(
        ...resources.map((resource) => ({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason: REASON })),
      );
      return [];
    },
  });
};
