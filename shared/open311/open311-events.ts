/**
 * Domain events of the Open311 context: client applications registered and revoked, the
 * territory's setting changed (before → after, never a key or its hash). The audit log keeps them.
 */
import { ChangeData, defineEvent } from '../events/domain-event';

export const OPEN311_EVENTS = {
  clientRegistered: defineEvent('open311.client-registered', ChangeData),
  clientRevoked: defineEvent('open311.client-revoked', ChangeData),
  settingsChanged: defineEvent('open311.settings-changed', ChangeData),
} as const;

/** The family, for the audit consumer's subscription. */
export const OPEN311_CHANGED = defineEvent('open311.*', ChangeData);
