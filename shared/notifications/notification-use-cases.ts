/**
 * Use cases of notifications: telling the citizens who follow a report that it changed. Pure:
 * followers, names, claims and the mailer are ports.
 */
import type { EventOf } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import type { Mailer } from '../kernel/mailer';
import type { Follower } from '../reports/report';
import { REPORT_EVENTS } from '../reports/report-events';
import type { BodyManagers, FollowerSource, NameDirectory, NotificationClaims } from './notification-ports';
import {
  composeEscalation,
  composeNotification,
  normalizeEmail,
  recipientKey,
  type Notification,
  type ReportChange,
} from './report-notification';

/** Longer than any redelivery of an event can come (SQS keeps a message 14 days at most). */
export const CLAIM_DAYS = 30;
/** Messages sent at once: keeps a popular report's followers within SES's sending rate. */
const PARALLEL_SENDS = 5;

export interface NotificationDeps {
  readonly followers: FollowerSource;
  readonly managers: BodyManagers;
  readonly names: NameDirectory;
  readonly claims: NotificationClaims;
  readonly mailer: Mailer;
  readonly clock: Clock;
}

export interface NotificationOutcome {
  readonly sent: number;
  /** Claimed by an earlier delivery of the same event. */
  readonly alreadySent: number;
  /** Followers who gave no address (a signed-in citizen whose provider shares none). */
  readonly withoutEmail: number;
}

/** A send that failed; its claim was given back, and the event is delivered again for it. */
export class NotificationFailedError extends Error {
  constructor(
    readonly eventId: string,
    readonly failures: readonly unknown[],
  ) {
    super(`${failures.length} notification(s) of event ${eventId} failed and will be retried`, {
      cause: failures[0],
    });
  }
}

/** The events a report's followers are told of. */
export type FollowedChangeEvent = EventOf<typeof REPORT_EVENTS.statusChanged | typeof REPORT_EVENTS.rerouted>;
/** The event a body's managers are told of. */
export type OverdueEvent = EventOf<typeof REPORT_EVENTS.overdue>;

const changeOf = (event: FollowedChangeEvent): ReportChange =>
  event.type === REPORT_EVENTS.statusChanged.type
    ? { kind: 'status-changed', data: event.data }
    : { kind: 'rerouted', data: event.data };

/** One follower per address (the first listed wins), leaving out the one who made the change. */
const recipientsAmong = (followers: readonly Follower[], actorSub: string | undefined) => {
  const byAddress = new Map<string, Follower & { email: string }>();
  for (const f of followers) {
    if (!f.email || (actorSub !== undefined && f.sub === actorSub)) continue;
    const address = normalizeEmail(f.email);
    if (!byAddress.has(address)) byAddress.set(address, { ...f, email: f.email });
  }
  return [...byAddress.values()];
};

export const makeNotificationUseCases = ({ followers, names, claims, mailer, clock, managers }: NotificationDeps) => {
  /**
   * Sends each recipient its message once per event: claimed before sending, so a redelivered
   * event sends nothing twice; a send that fails gives its claim back and fails the event, which
   * the queue delivers again for those recipients only.
   */
  const sendOnce = async (
    event: { readonly id: string },
    territory: string,
    messages: readonly { readonly to: string; readonly message: Notification }[],
  ): Promise<{ sent: number; alreadySent: number }> => {
    const expiresAt = new Date(clock.now().getTime() + CLAIM_DAYS * 24 * 3600 * 1000);
    let sent = 0;
    let alreadySent = 0;
    const failures: unknown[] = [];
    const deliver = async ({ to, message }: { to: string; message: Notification }) => {
      const key = { territory, eventId: event.id, recipientKey: recipientKey(to) };
      if (!(await claims.claim(key, expiresAt))) {
        alreadySent += 1;
        return;
      }
      try {
        await mailer.send({ to: [to], ...message, idempotencyKey: `${event.id}:${key.recipientKey}` });
        sent += 1;
      } catch (error) {
        failures.push(error);
        // Should the release fail too, the claim stays: that one message is lost, never sent twice.
        await claims.release(key).catch((releaseError: unknown) => failures.push(releaseError));
      }
    };
    for (let i = 0; i < messages.length; i += PARALLEL_SENDS) {
      await Promise.all(messages.slice(i, i + PARALLEL_SENDS).map(deliver));
    }
    if (failures.length > 0) throw new NotificationFailedError(event.id, failures);
    return { sent, alreadySent };
  };

  return {
    /**
     * Primary course: a report changed status or was re-routed; each follower with an e-mail
     * address gets one message of their own, once.
     */
    notifyReportFollowers: async (event: FollowedChangeEvent): Promise<NotificationOutcome> => {
      const change = changeOf(event);
      const { territory, reportId } = change.data;
      const all = await followers.followers(territory, reportId);
      const recipients = recipientsAmong(all, event.actor?.sub);
      const withoutEmail = all.filter((f) => !f.email).length;
      if (recipients.length === 0) return { sent: 0, alreadySent: 0, withoutEmail };
      const reportNames = await names.reportNames(
        change.data,
        change.kind === 'rerouted' ? change.data.before.category : undefined,
      );
      const messages = recipients.map((f) => ({
        to: f.email,
        message: composeNotification(change, reportNames, f.reason),
      }));
      return { ...(await sendOnce(event, territory, messages)), withoutEmail };
    },

    /**
     * Primary course: a report went past its due date; each of its body's managers (the body's
     * escalation addresses) is told once.
     */
    notifyBodyManagers: async ({ id, data }: OverdueEvent): Promise<{ sent: number; alreadySent: number }> => {
      const addresses = [
        ...new Set((await managers.escalationEmails(data.territory, data.bodyId)).map(normalizeEmail)),
      ];
      if (addresses.length === 0) return { sent: 0, alreadySent: 0 };
      const message = composeEscalation(data, await names.reportNames(data));
      return sendOnce(
        { id },
        data.territory,
        addresses.map((to) => ({ to, message })),
      );
    },
  };
};

export type NotificationUseCases = ReturnType<typeof makeNotificationUseCases>;
