/**
 * Events of the participation context: every change of a consultation, proposal, comment,
 * moderation or budget is `participation.<what>` with its state before → after, which the audit
 * log keeps. One family, one data schema.
 */
import { ChangeData, defineEvent } from '../events/domain-event';

export const PARTICIPATION_CHANGED = defineEvent('participation.*', ChangeData);
