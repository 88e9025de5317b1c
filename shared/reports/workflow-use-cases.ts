/**
 * The workflow of a report: the responsible body's agents move it along (a duplicate's followers
 * then follow the original) and correct its category (routed again), its reporter reopens it,
 * citizens say "me too". Pure: each change carries the version read and is stored with its
 * history entry and event.
 */
import { InvalidInputError, NotFoundError, RuleViolationError, ForbiddenError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { resolveCompetence } from '../territory/territory';
import {
  AlreadySupportedError,
  assertTransition,
  canManage,
  isOpen,
  REOPEN_WINDOW_DAYS,
  withinReopenWindow,
  type Follower,
  type HistoryEntry,
  type Report,
  type ReportStatus,
} from './report';
import type { Access, ReportDeps } from './report-access';
import { refOf, REPORT_EVENTS } from './report-events';

export interface TransitionInput {
  readonly to: ReportStatus;
  /** The version the caller read. */
  readonly version: number;
  readonly publicNote?: string;
  readonly internalNote?: string;
  readonly duplicateOf?: string;
}

export interface CategoryChangeInput {
  readonly category: string;
  /** The version the caller read. */
  readonly version: number;
  readonly publicNote?: string;
  readonly internalNote?: string;
}

export const makeWorkflowUseCases = (
  { store, clock }: ReportDeps,
  { eventOf, requireReport, requireCategory, assertManages, assertVersion, dueAtFor }: Access,
) => {
  /** Checks a transition's input against the report and the workflow; the original of a duplicate. */
  const checkTransition = async (report: Report, input: TransitionInput, reopened: boolean, now: Date) => {
    assertVersion(report, input.version);
    assertTransition(report.status, input.to);
    if (reopened && !withinReopenWindow(report.resolvedAt, now)) {
      throw new RuleViolationError(
        `Report ${report.id} was resolved more than ${REOPEN_WINDOW_DAYS} days ago: file a new report`,
        'reopen-window',
      );
    }
    if (input.to === 'duplicate' && !input.duplicateOf) {
      throw new InvalidInputError('Marking a report as duplicate needs duplicateOf, the original report', [
        { path: 'body.duplicateOf', message: 'required when to is duplicate' },
      ]);
    }
    if (input.to !== 'duplicate' && input.duplicateOf) {
      throw new InvalidInputError('duplicateOf goes only with to: duplicate', [
        { path: 'body.duplicateOf', message: 'only when to is duplicate' },
      ]);
    }
    if (input.to === 'rejected' && !input.publicNote) {
      throw new RuleViolationError('A rejection tells the citizen why: give a publicNote', 'rejection-reason');
    }
    if (!input.duplicateOf) return undefined;
    if (input.duplicateOf === report.id) {
      throw new RuleViolationError('A report cannot be a duplicate of itself', 'duplicate-of-another');
    }
    const original = await store.get(report.territory, input.duplicateOf);
    if (!original) throw new NotFoundError(`No report ${input.duplicateOf} in territory ${report.territory}`);
    if (original.status === 'duplicate') {
      throw new RuleViolationError(
        `Report ${original.id} is itself a duplicate of ${original.duplicateOf}: name that one`,
        'duplicate-of-original',
      );
    }
    return original;
  };

  /** Shared by the agents' transitions and the reporter's reopening. */
  const applyTransition = async (principal: Principal, report: Report, input: TransitionInput): Promise<Report> => {
    const reopened = report.status === 'resolved' && input.to === 'in_progress';
    const now = clock.now();
    const at = now.toISOString();
    const original = await checkTransition(report, input, reopened, now);
    const followOriginal = original && {
      id: original.id,
      followers: (await store.followers(report.territory, report.id)).map((f): Follower => ({
        ...f,
        reason: 'duplicate-reporter',
        since: at,
      })),
    };

    const { resolvedAt: _resolvedAt, ...rest } = report;
    const updated: Report = {
      ...(reopened ? rest : report),
      status: input.to,
      updatedAt: at,
      version: report.version + 1,
      ...(input.to === 'acknowledged' && !report.acknowledgedAt ? { acknowledgedAt: at } : {}),
      ...(input.to === 'resolved' ? { resolvedAt: at } : {}),
      ...(input.to === 'rejected' || input.to === 'duplicate' ? { closedAt: at } : {}),
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
      // Overdue is derived (open and past due), so a change never undoes the SLA engine's flag;
      // a reopened report is no longer late on a target it met, the SLA engine judges it again.
      overdue: isOpen(input.to) && !reopened && report.dueAt !== undefined && report.dueAt < at,
    };
    const entry: HistoryEntry = {
      at,
      from: report.status,
      to: input.to,
      ...(input.publicNote ? { publicNote: input.publicNote } : {}),
      ...(input.internalNote ? { internalNote: input.internalNote } : {}),
      actor: { sub: principal.sub, role: principal.role },
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
    };
    const changed = eventOf(REPORT_EVENTS.statusChanged, principal, updated, {
      ...refOf(updated, at),
      from: report.status,
      to: input.to,
      ...(input.publicNote ? { publicNote: input.publicNote } : {}),
      reopened,
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
    });
    await store.update(updated, report, entry, changed, followOriginal ? { followOriginal } : undefined);
    return updated;
  };

  return {
    /**
     * Primary course: an agent of the responsible body moves the report along the workflow with a
     * public and an internal note, from the version they read; marking a duplicate makes the
     * report's followers follow the original.
     */
    changeStatus: async (principal: Principal, siren: string, id: string, input: TransitionInput): Promise<Report> => {
      const report = await requireReport(siren, id);
      assertManages(principal, report);
      return applyTransition(principal, report, input);
    },

    /**
     * Primary course: within 30 days of its resolution, the reporter (or an agent of the body)
     * reopens a report that is not fixed: it goes back to in_progress.
     */
    reopen: async (
      principal: Principal,
      siren: string,
      id: string,
      input: { readonly version: number; readonly note?: string; readonly publicNote?: string },
    ): Promise<Report> => {
      const report = await requireReport(siren, id);
      const isReporter = report.reporterSub !== undefined && report.reporterSub === principal.sub;
      if (!isReporter && !canManage(principal, report)) {
        throw new ForbiddenError(`Only the reporter or the responsible body may reopen report ${id}`);
      }
      // Reopening undoes a resolution: any other state moves by the agents' workflow only.
      if (report.status !== 'resolved') {
        throw new RuleViolationError(
          `Report ${id} is ${report.status}, not resolved: only a resolved report can be reopened`,
          'reopen-resolved-only',
        );
      }
      // The citizen's words may hold personal data: the agents read them, the public history does not.
      const note = input.note ?? input.publicNote;
      return applyTransition(principal, report, {
        version: input.version,
        to: 'in_progress',
        ...(note ? { internalNote: note } : {}),
      });
    },

    /**
     * Primary course: an agent of the responsible body corrects the category; the competence table
     * routes the report again (maybe to another body) and its due date follows the new category.
     */
    changeCategory: async (
      principal: Principal,
      siren: string,
      id: string,
      input: CategoryChangeInput,
    ): Promise<Report> => {
      const report = await requireReport(siren, id);
      assertManages(principal, report);
      assertVersion(report, input.version);
      if (input.category === report.category) return report;
      const category = await requireCategory(siren, input.category);
      const competence = resolveCompetence(siren, category, report.commune);
      const at = clock.now().toISOString();
      const { service: _service, dueAt: _dueAt, ...rest } = report;
      const routed = { ...rest, category: category.code, bodyId: competence.bodyId, bodyKind: competence.bodyKind };
      const dueAt = isOpen(report.status) ? await dueAtFor(routed, category) : report.dueAt;
      const updated: Report = {
        ...routed,
        ...(competence.service ? { service: competence.service } : {}),
        ...(dueAt ? { dueAt } : {}),
        overdue: false,
        updatedAt: at,
        version: report.version + 1,
      };
      const entry: HistoryEntry = {
        at,
        from: report.status,
        to: report.status,
        ...(input.publicNote ? { publicNote: input.publicNote } : {}),
        ...(input.internalNote ? { internalNote: input.internalNote } : {}),
        actor: { sub: principal.sub, role: principal.role },
        rerouted: { fromCategory: report.category, fromBody: report.bodyId, toCategory: category.code },
      };
      const rerouted = eventOf(REPORT_EVENTS.rerouted, principal, updated, {
        ...refOf(updated, at),
        before: {
          category: report.category,
          bodyId: report.bodyId,
          ...(report.service ? { service: report.service } : {}),
        },
        ...(dueAt ? { dueAt } : {}),
        ...(input.publicNote ? { publicNote: input.publicNote } : {}),
      });
      await store.update(updated, report, entry, rerouted);
      return updated;
    },

    /**
     * Primary course: an agent of the responsible body adds an internal note (seen by agents only,
     * in the report's history), from the version they read; the status stays, the version moves,
     * so a colleague's form read before it is stale, as for any other change.
     */
    addNote: async (
      principal: Principal,
      siren: string,
      id: string,
      input: { readonly version: number; readonly internalNote: string },
    ): Promise<Report> => {
      const report = await requireReport(siren, id);
      assertManages(principal, report);
      assertVersion(report, input.version);
      if (input.internalNote.trim() === '') {
        throw new InvalidInputError('An internal note needs a text', [
          { path: 'body.internalNote', message: 'required' },
        ]);
      }
      const at = clock.now().toISOString();
      const updated: Report = { ...report, updatedAt: at, version: report.version + 1 };
      const entry: HistoryEntry = {
        at,
        from: report.status,
        to: report.status,
        internalNote: input.internalNote,
        actor: { sub: principal.sub, role: principal.role },
      };
      await store.update(
        updated,
        report,
        entry,
        eventOf(REPORT_EVENTS.noteAdded, principal, updated, refOf(updated, at)),
      );
      return updated;
    },

    /**
     * Primary course: a signed-in citizen says "me too" on an open report they did not file; the
     * support and the count change together, once per citizen, and they follow the report.
     */
    support: async (principal: Principal, siren: string, id: string): Promise<number> => {
      const report = await requireReport(siren, id);
      if (!isOpen(report.status)) {
        throw new RuleViolationError(
          `Report ${id} is ${report.status}: only an open report can be supported`,
          'support-open',
        );
      }
      if (report.reporterSub === principal.sub) throw new AlreadySupportedError(id);
      const at = clock.now().toISOString();
      const supported = eventOf(REPORT_EVENTS.supported, principal, report, refOf(report, at));
      const supporter: Follower = {
        sub: principal.sub,
        ...(principal.email ? { email: principal.email } : {}),
        reason: 'supporter',
        since: at,
      };
      return store.support(report, supporter, supported);
    },
  };
};
