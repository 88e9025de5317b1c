/** Port: sending e-mail. shared/runtime/mailer.ts implements it with Amazon SES. */
export interface MailMessage {
  /** Every recipient sees the others: one message per citizen, never a list of citizens. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /**
   * The same for every attempt at the same message (e.g. the event id and the recipient). SES has
   * no idempotency of its own, so the caller records what it sent; the key travels in a header,
   * which makes a duplicate visible in the mailbox.
   */
  readonly idempotencyKey: string;
}

export interface SentMail {
  readonly messageId: string;
}

export interface Mailer {
  /** Resolves once the provider has accepted the message; throws otherwise, so the caller can retry. */
  send(message: MailMessage): Promise<SentMail>;
}
