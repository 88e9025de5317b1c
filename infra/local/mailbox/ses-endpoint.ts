/**
 * Just enough of Amazon SES API v2 for the production mailer (shared/runtime/mailer.ts) to run
 * unchanged on one machine. Measured with @aws-sdk/client-sesv2 3.117x: with SES_ENDPOINT set to
 * `<base>/_local/ses`, SendEmail is REST-JSON, `POST <endpoint>/v2/email/outbound-emails`, answered
 * `{ MessageId }`; errors carry their name in `x-amzn-errortype`. It refuses what SES refuses for
 * a simple message (no sender, no recipient, more than 50, no subject or body, a malformed address)
 * and files the rest in the local mailbox.
 */
import { randomUUID } from 'node:crypto';
import type { HttpResponse } from '../api-gateway-event';
import { jsonResponse, parseJsonBody, type LocalRoute } from '../local-http';
import type { Mailbox } from './mailbox-store';

export const SES_ENDPOINT_PATH = '/_local/ses';
const MAX_RECIPIENTS = 50;
/** `Name <local@domain>` or `local@domain`; SES is stricter, this catches the usual mistakes. */
const ADDRESS = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

class SesError extends Error {
  constructor(
    readonly type: 'BadRequestException' | 'MessageRejected',
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const badRequest = (message: string) => new SesError('BadRequestException', 400, message);

const sesResponse = (status: number, value: unknown, errorType?: string): HttpResponse =>
  jsonResponse(status, value, {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });

interface Text {
  readonly Data?: unknown;
}
interface SendEmailInput {
  readonly FromEmailAddress?: unknown;
  readonly Destination?: { ToAddresses?: unknown; CcAddresses?: unknown; BccAddresses?: unknown };
  readonly ReplyToAddresses?: unknown;
  readonly Content?: {
    readonly Simple?: {
      readonly Subject?: Text;
      readonly Body?: { readonly Text?: Text; readonly Html?: Text };
      readonly Headers?: readonly { Name?: unknown; Value?: unknown }[];
    };
    readonly Raw?: unknown;
    readonly Template?: unknown;
  };
}

const addresses = (value: unknown, field: string): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((a) => typeof a === 'string')) throw badRequest(`${field} must be a list`);
  for (const address of value)
    if (!ADDRESS.test(address)) throw new SesError('MessageRejected', 400, `Illegal address: ${address}`);
  return value as string[];
};

const textOf = (text: Text | undefined): string | undefined => (typeof text?.Data === 'string' ? text.Data : undefined);

const toMessage = (input: SendEmailInput) => {
  if (typeof input.FromEmailAddress !== 'string' || input.FromEmailAddress === '') {
    throw badRequest('FromEmailAddress is required (the local mailbox has no default sender)');
  }
  const [from] = addresses([input.FromEmailAddress], 'FromEmailAddress');
  const to = addresses(input.Destination?.ToAddresses, 'ToAddresses');
  const cc = addresses(input.Destination?.CcAddresses, 'CcAddresses');
  const bcc = addresses(input.Destination?.BccAddresses, 'BccAddresses');
  const recipients = to.length + cc.length + bcc.length;
  if (recipients === 0) throw badRequest('Destination must name at least one recipient');
  if (recipients > MAX_RECIPIENTS) throw badRequest(`Recipient count exceeds ${MAX_RECIPIENTS}`);
  const simple = input.Content?.Simple;
  if (!simple) throw badRequest('The local mailbox accepts Content.Simple only (not Raw or Template)');
  const subject = textOf(simple.Subject);
  const text = textOf(simple.Body?.Text);
  const html = textOf(simple.Body?.Html);
  if (subject === undefined) throw badRequest('Content.Simple.Subject.Data is required');
  if (text === undefined && html === undefined) throw badRequest('Content.Simple.Body needs Text or Html');
  const headers: Record<string, string> = {};
  for (const header of simple.Headers ?? []) {
    if (typeof header.Name !== 'string' || typeof header.Value !== 'string')
      throw badRequest('Headers need a Name and a Value');
    headers[header.Name] = header.Value;
  }
  return {
    from: from!,
    to,
    cc,
    bcc,
    replyTo: addresses(input.ReplyToAddresses, 'ReplyToAddresses'),
    subject,
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    headers,
  };
};

export const createSesEndpoint = (mailbox: Mailbox): LocalRoute => ({
  method: 'POST',
  path: `${SES_ENDPOINT_PATH}/v2/email/outbound-emails`,
  async handle(request) {
    try {
      const input = parseJsonBody(request.body);
      if (!input.ok || typeof input.value !== 'object' || input.value === null) {
        throw badRequest('The request body is not a JSON object');
      }
      const stored = await mailbox.deliver(toMessage(input.value as SendEmailInput));
      return sesResponse(200, { MessageId: stored.id });
    } catch (error) {
      if (error instanceof SesError) return sesResponse(error.status, { message: error.message }, error.type);
      throw error;
    }
  },
});
