/** The MD5 digests SQS computes, checked against published values. */
import { md5OfBody, md5OfMessageAttributes } from '../../infra/local/queues/message-md5';

it('digests a message body as the MD5 of its UTF-8 bytes', () => {
  expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
});

it('digests one string attribute as the SQS documentation example does', () => {
  expect(md5OfMessageAttributes({ SellerName: { DataType: 'String', StringValue: 'Example Store' } })).toBe(
    'cd28f3b68aeee4b2eac9c66f2f694b58',
  );
});

it('digests several attributes sorted by name, whatever their order', () => {
  expect(
    md5OfMessageAttributes({
      ordinal: { DataType: 'Number', StringValue: '1' },
      category: { DataType: 'String', StringValue: 'test' },
    }),
  ).toBe('d21ae90c49061e927f57df5f5d72be1f');
});

it('has no attribute digest when there are no attributes', () => {
  expect(md5OfMessageAttributes({})).toBeUndefined();
});
