/**
 * What the report use cases share: their dependencies (ports), and the checks and lookups every
 * module of use cases makes — the report or the category that must exist, who may manage a
 * report, the version read, the due date, the event announcing a change.
 */
import type { z } from 'zod';
import { newEvent, type EventDefinition } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../kernel/errors';
import type { ObjectStore } from '../kernel/object-store';
import type { Principal } from '../kernel/principal';
import type { Category } from '../territory/territory';
import { canManage, StaleVersionError, type Report } from './report';
import type { DueDateCalculator, ReportStore, TerritoryDirectory } from './report-ports';

export interface ReportDeps {
  readonly store: ReportStore;
  readonly territory: TerritoryDirectory;
  readonly objects: ObjectStore;
  readonly dueDates: DueDateCalculator;
  readonly clock: Clock;
}

export const makeAccess = ({ store, territory, dueDates, clock }: ReportDeps) => ({
  /** The event of a definition about this report, made by `principal` (none for a sensor). */
  eventOf: <D extends EventDefinition>(
    definition: D,
    principal: Principal | undefined,
    report: Pick<Report, 'territory' | 'id'>,
    data: z.input<D['data']>,
  ) =>
    newEvent(clock, definition, {
      territory: report.territory,
      subject: `report/${report.id}`,
      ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
      data,
    }),

  requireReport: async (siren: string, id: string): Promise<Report> => {
    const report = await store.get(siren, id);
    if (!report) throw new NotFoundError(`No report ${id} in territory ${siren}`);
    return report;
  },

  /** An active category of the territory: a rule refuses any other. */
  requireCategory: async (siren: string, code: string): Promise<Category> => {
    const category = (await territory.listCategories(siren)).find((c) => c.code === code);
    if (!category) {
      throw new RuleViolationError(`Territory ${siren} has no report category "${code}"`, 'category-exists');
    }
    if (category.active === false) {
      throw new RuleViolationError(`The category "${code}" is withdrawn: choose another`, 'category-active');
    }
    return category;
  },

  assertManages: (principal: Principal, report: Report): void => {
    if (!canManage(principal, report)) {
      throw new ForbiddenError(
        report.bodyKind === 'commune'
          ? `Report ${report.id} is handled by commune ${report.bodyId}: only its agents (or a territory admin) may change it`
          : `Report ${report.id} is handled by the metropolis: only metropolitan agents (or a territory admin) may change it`,
      );
    }
  },

  assertVersion: (report: Report, version: number): void => {
    if (version !== report.version) throw new StaleVersionError(version, report.version);
  },

  /** When the responsible body should resolve it: the category's target in the body's business hours. */
  dueAtFor: async (
    report: Pick<Report, 'territory' | 'bodyId' | 'commune' | 'createdAt'>,
    category: Category,
  ): Promise<string | undefined> =>
    (
      await dueDates.dueAt({
        territory: report.territory,
        bodyId: report.bodyId,
        commune: report.commune,
        category,
        from: new Date(report.createdAt),
      })
    )?.toISOString(),
});

export type Access = ReturnType<typeof makeAccess>;
