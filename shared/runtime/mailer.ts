/**
 * Sends e-mail: the Amazon SES (API v2) adapter of the kernel's `Mailer` port. On one machine SES_ENDPOINT points the same adapter at the local runtime, which files each
 * message in a mailbox readable at GET /_local/mailbox.
 *
 * Configuration, read when the module is first imported (CDK sets it on the functions declared
 * with `sendsEmail`): MAIL_FROM (the sender, an address SES has verified), AWS_REGION, SES_ENDPOINT.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../kernel/mailer';
import { config, type PlatformConfig } from './config';
import { traceAwsCalls } from './tracing';

/** Header carrying MailMessage.idempotencyKey. */
export const IDEMPOTENCY_KEY_HEADER = 'X-Idempotency-Key';
/** SES refuses more recipients per message. */
export const MAX_RECIPIENTS = 50;

export interface MailConfig {
  readonly from: string;
  readonly region: string;
  /** Another SES than the region's (the local runtime's). */
  readonly endpoint?: string;
}

export const mailConfigOf = (platform: Pick<PlatformConfig, 'mailFrom' | 'region' | 'sesEndpoint'>): MailConfig => {
  const from = platform.mailFrom;
  if (!from) throw new Error('Missing environment variable MAIL_FROM');
  if (!from.includes('@')) throw new Error(`Environment variable MAIL_FROM is not an e-mail address: ${from}`);
  return { from, region: platform.region, ...(platform.sesEndpoint ? { endpoint: platform.sesEndpoint } : {}) };
};

export const createSesMailer = (config: MailConfig): Mailer => {
  const ses = traceAwsCalls(
    new SESv2Client({
      region: config.region,
      ...(config.endpoint
        ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    }),
  );
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  return {
    async send(message) {
      if (message.to.length === 0 || message.to.length > MAX_RECIPIENTS) {
        throw new Error(`A message goes to 1 to ${MAX_RECIPIENTS} recipients, not ${message.to.length}`);
      }
      const sent = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: config.from,
          Destination: { ToAddresses: [...message.to] },
          Content: {
            Simple: {
              Subject: utf8(message.subject),
              Body: { Text: utf8(message.text), ...(message.html !== undefined ? { Html: utf8(message.html) } : {}) },
              Headers: [{ Name: IDEMPOTENCY_KEY_HEADER, Value: message.idempotencyKey }],
            },
          },
        }),
      );
      if (!sent.MessageId) throw new Error('SES accepted the message but returned no MessageId');
      return { messageId: sent.MessageId };
    },
  };
};

/** This function's mailer; importing it without MAIL_FROM fails at start, not at first use. */
export const mailer: Mailer = createSesMailer(mailConfigOf(config));
