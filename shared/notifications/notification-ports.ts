/** What the notification use cases need from the outside world. Adapters implement these. */
import type { Follower } from '../reports/report';
import type { ReportRef } from '../reports/report-events';
import type { ReportNames } from './report-notification';

/** Who follows a report (the reports context's store answers it). */
export interface FollowerSource {
  followers(territory: string, reportId: string): Promise<Follower[]>;
}

/** Whom a body tells when one of its reports goes past due (the territory context answers it). */
export interface BodyManagers {
  escalationEmails(territory: string, bodyId: string): Promise<readonly string[]>;
}

/** The names of the codes a report event carries (the territory context answers it). */
export interface NameDirectory {
  reportNames(ref: ReportRef, previousCategory?: string): Promise<ReportNames>;
}

/** One message of one event to one recipient (by its recipientKey, never the address itself). */
export interface ClaimKey {
  readonly territory: string;
  readonly eventId: string;
  readonly recipientKey: string;
}

/**
 * Who has sent what. A claim is taken before sending, so of two deliveries of an event only one
 * sends to a given recipient.
 */
export interface NotificationClaims {
  /** True when this call took the claim, false when it was already taken. Forgotten after `expiresAt`. */
  claim(key: ClaimKey, expiresAt: Date): Promise<boolean>;
  /** Gives a claim back after a send that failed, so a later delivery tries again. */
  release(key: ClaimKey): Promise<void>;
}
