/**
 * IAM for the uploads bucket, from a route's `objectStore: 'read' | 'write'`: object actions only
 * (no listing, no bucket configuration), on the two prefixes the reports context uses.
 * `read` covers HeadObject and GetObject (and the presigned GETs the function signs); `write`
 * adds PutObject, for presigned uploads and for the copies a report makes of its photos.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ObjectStoreAccess } from '../shared/wiring/types';
import type { PlatformFunction } from './constructs/platform-function';

export const OBJECT_PREFIXES = ['uploads/*', 'photos/*'] as const;

const REASON =
  'Objects are named by ids made at run time (upload slots, reports), so the grant is on the two prefixes that hold them.';

/** A resource as cdk-nag names it in a finding: references as <Id> or <Id.Attr>, other intrinsics as JSON. */
export const nagName = (resolved: unknown): string => {
  if (typeof resolved === 'string') return resolved;
  const value = resolved as Record<string, unknown>;
  if (typeof value.Ref === 'string') return `<${value.Ref}>`;
  const getAtt = value['Fn::GetAtt'] as string[] | undefined;
  if (getAtt) return `<${getAtt.join('.')}>`;
  const join = value['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(nagName).join(join[0]);
  return JSON.stringify(resolved);
};

export const grantObjectStoreAccess = (fn: PlatformFunction, bucket: IBucket, access: ObjectStoreAccess): void => {
  const actions = access === 'write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'];
  // A policy of its own, so that the acknowledgements below cover these statements and nothing else.
  const policy = new Policy(fn, 'UploadsAccess', {
    roles: [fn.role!],
    statements: [new PolicyStatement({ actions, resources: OBJECT_PREFIXES.map((p) => bucket.arnForObjects(p)) })],
  });
  // The bucket lives in the data stack: its ARN reads as a cross-stack reference only once the
  // app is prepared, so the findings' names are known at validation, not here.
  policy.node.addValidation({
    validate: () => {
      const cfn = policy.node.defaultChild as CfnPolicy;
      const document = Stack.of(cfn).resolve(cfn.policyDocument) as { Statement: { Resource: unknown[] }[] };
      const resources = document.Statement.flatMap((s) => s.Resource).map(nagName);
      Validations.of(policy).acknowledge(
        ...resources.map((resource) => ({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason: REASON })),
      );
      return [];
    },
  });
};
