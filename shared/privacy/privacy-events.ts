/**
 * Events of the privacy context. An erasure request goes to its consumer as `erasure.requested`
 * (the request's id and the requester's pseudonymous key only: the identity waits on the request
 * item and leaves with it). What the platform removed — on a citizen's request or by the retention
 * job — and a territory's retention settings are `privacy.*` changes, kept by the audit log: counts,
 * never the data removed.
 */
import * as z from 'zod';
import { ChangeData, defineEvent } from '../events/domain-event';

export const ERASURE_REQUESTED = defineEvent(
  'erasure.requested',
  z.object({ requestId: z.string(), voterKey: z.string() }),
);

export const PRIVACY_EVENTS = {
  personalDataErased: defineEvent('privacy.personal-data-erased', ChangeData),
  retentionApplied: defineEvent('privacy.retention-applied', ChangeData),
  settingsChanged: defineEvent('privacy.settings-changed', ChangeData),
} as const;

/** The family, for the audit consumer's subscription. */
export const PRIVACY_CHANGED = defineEvent('privacy.*', ChangeData);

/** Where an event that belongs to no one territory says it belongs (the erasure request: every territory). */
export const DEPLOYMENT_WIDE = '*';
