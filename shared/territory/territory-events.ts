/**
 * Events of the territory context: every administrative change (communes imported, boundary set,
 * bodies, services, SLA, categories, competence overrides) is `territory.<what>` with its state
 * before → after, which the audit log keeps. One family, one data schema.
 */
import { ChangeData, defineEvent } from '../events/domain-event';

export const TERRITORY_CHANGED = defineEvent('territory.*', ChangeData);
