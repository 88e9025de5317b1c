/** The `context` argument Lambda passes to a handler, as far as code on one machine can tell. */
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

const ACCOUNT = '000000000000';

/** `functionName` is the declaration id; `timeoutMs` feeds getRemainingTimeInMillis. */
export const createLambdaContext = (
  functionName: string,
  timeoutMs: number,
  region = process.env.AWS_REGION ?? 'eu-west-3',
): Context => {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('Callback-style context methods are not supported: return a value or a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
};
