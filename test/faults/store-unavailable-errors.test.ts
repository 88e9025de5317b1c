/** Which store failures are "try again later" (503) and which stay unexpected (500). */
import { isStoreUnavailable } from '../../shared/runtime/store-unavailable';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

it.each([
  ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' })],
  ['connection reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ['refused on both stacks', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect')],
  ['the SDK timing out', named('TimeoutError')],
  ['throttled after retries', named('ThrottlingException', { $metadata: { attempts: 3 } })],
  ['over provisioned throughput', named('ProvisionedThroughputExceededException')],
  ['over the account limit', named('RequestLimitExceeded')],
  ['a cause that is one of these', new Error('send failed', { cause: named('TimeoutError') })],
])('%s is the store unavailable', (_, error) => {
  expect(isStoreUnavailable(error)).toBe(true);
});

it.each([
  ['a failed condition', named('ConditionalCheckFailedException')],
  ['a validation error', named('ValidationException')],
  ['a missing table', named('ResourceNotFoundException')],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
  ['not an error', 'ECONNREFUSED'],
])('%s is not', (_, error) => {
  expect(isStoreUnavailable(error)).toBe(false);
});
