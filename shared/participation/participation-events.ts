/**
 * Events of the participation context: every change of a consultation, proposal, comment,
 * moderation or budget is `participation.<what>` with its state before → after, which the audit
 * log keeps. One family, one data schema.
 */
import { ChangeData, defineEvent, newEvent, type EventOf } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import type { Principal } from '../kernel/principal';

export const PARTICIPATION_CHANGED = defineEvent('participation.*', ChangeData);

/** What changed: the `<what>` of `participation.<what>`, one per act. */
export type ParticipationChange =
  | 'consultation-created'
  | 'consultation-edited'
  | 'phase-changed'
  | 'results-computed'
  | 'results-published'
  | `${'proposal' | 'comment'}-${'flagged' | 'hidden' | 'restored'}`
  | 'project-saved'
  | 'project-deleted';

export type ParticipationEvent = EventOf<typeof PARTICIPATION_CHANGED>;

/**
 * The event announcing a change of consultation `c` (or of something in it, at `subject` below
 * the consultation, e.g. `/proposal/<id>`); without a principal, the scheduler made it.
 */
export const participationChanged = (
  clock: Clock,
  principal: Principal | undefined,
  c: { readonly territory: string; readonly id: string },
  what: ParticipationChange,
  subject: string,
  data: ChangeData,
): ParticipationEvent =>
  newEvent(clock, PARTICIPATION_CHANGED, {
    type: `participation.${what}`,
    territory: c.territory,
    subject: `consultation/${c.id}${subject}`,
    ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
    data,
  });
