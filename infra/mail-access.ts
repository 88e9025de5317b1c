/**
 * IAM for sending e-mail, from a declaration's `sendsEmail`: ses:SendEmail as the platform's sender
 * and nothing else. SES authorizes against the identity that covers the From address: the address
 * itself when it was verified alone, else its domain; both are named, no wildcard.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

export const sendingIdentities = (mailFrom: string): string[] => [
  mailFrom,
  mailFrom.slice(mailFrom.lastIndexOf('@') + 1),
];

export const grantSendEmail = (grantee: IGrantable & IConstruct, mailFrom: string): void => {
  const stack = Stack.of(grantee);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: sendingIdentities(mailFrom).map((name) =>
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name }),
      ),
    }),
  );
};
