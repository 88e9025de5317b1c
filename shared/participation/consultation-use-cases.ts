/**
 * Consultations: creation, phases moved by hand or by the schedule, results counted at closing,
 * and the citizens' participation profile. Pure: the store keeps a change and its event together.
 */
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import { boundingBox, checkBoundary, type Boundary } from '../territory/geometry';
import { MAX_BOUNDARY_CHARS } from '../territory/territory-use-cases';
import {
  checkSchedule,
  computeBudgetResults,
  dueAtOf,
  isAfter,
  needsResults,
  RESULTS_TOP_PROPOSALS,
  scheduledPhase,
  scheduleForManualMove,
  voterKeyOf,
  type Consultation,
  type Eligibility,
  type Location,
  type Phase,
  type Profile,
  type Results,
  type Schedule,
} from './participation';
import {
  assertCanManage,
  canManage,
  type Access,
  type NewConsultation,
  type ParticipationDeps,
} from './participation-access';
import { participationChanged } from './participation-events';
import type { ConsultationStore, PageRequest, PostalCodeDirectory } from './participation-ports';

/** Dates as UTC ISO strings, which compare as strings (in keys too). */
const utcDates = (dates: Partial<Record<Phase, string | null>>): Partial<Record<Phase, string | null>> =>
  Object.fromEntries(
    Object.entries(dates).map(([phase, at]) => [phase, typeof at === 'string' ? new Date(at).toISOString() : at]),
  );

/** What the audit keeps of a consultation: no geometry, no reference lists. */
const summary = (c: Consultation) => ({
  title: c.title,
  scope: c.scope,
  phase: c.phase,
  schedule: c.schedule,
  eligibility: c.eligibility,
  budget: c.budget ?? null,
});

/** Creating a consultation needs the consultation store only, and the communes' postal codes. */
export interface CreateConsultationDeps extends Pick<ParticipationDeps, 'clock' | 'territory'> {
  readonly store: Pick<ConsultationStore, 'createConsultation'>;
  readonly postalCodes: PostalCodeDirectory;
}

/**
 * Primary course: an agent of a commune (or of the metropolis, for the whole territory) creates a
 * consultation with its dated phases, its eligibility rule and maybe a budget; the postal codes
 * that prove residence in its scope are taken once, here, from those the territory's import stored.
 */
export const makeCreateConsultation =
  ({ store, clock, territory, postalCodes }: CreateConsultationDeps) =>
  async (principal: Principal, siren: string, input: NewConsultation): Promise<Consultation> => {
    assertCanManage(principal, siren, input.scope);
    const communes = await territory.communes(siren);
    if (!communes) throw new NotFoundError(`No territory with SIREN ${siren}`);
    if (input.scope.level === 'commune' && !communes.has(input.scope.insee)) {
      throw new NotFoundError(`No commune ${input.scope.insee} in territory ${siren}`);
    }
    const area = input.area ? checkBoundary(input.area) : undefined;
    // The area is kept in one item, like a commune's boundary.
    if (area && JSON.stringify(area).length > MAX_BOUNDARY_CHARS) {
      throw new RuleViolationError(
        `Simplify the area to at most ${MAX_BOUNDARY_CHARS} characters of GeoJSON`,
        'area-size',
      );
    }
    const now = clock.now();
    const dates = utcDates(input.schedule);
    // Information starts now by default, or when the first dated phase starts if that is already past.
    const firstDate = Object.values(dates).reduce<string>(
      (first, at) => (at && at < first ? at : first),
      now.toISOString(),
    );
    const schedule: Schedule = {
      information: dates.information ?? firstDate,
      proposals: dates.proposals ?? null,
      voting: dates.voting ?? null,
      closed: dates.closed ?? null,
      results: dates.results ?? null,
    };
    checkSchedule(schedule);
    if (schedule.closed !== null && Date.parse(schedule.closed) <= now.getTime()) {
      throw new RuleViolationError('A consultation cannot be created already closed', 'schedule-closed-in-past');
    }
    if (input.budget) {
      if (input.budget.minSelections > input.budget.maxSelections) {
        throw new RuleViolationError('minSelections is larger than maxSelections', 'budget-selections');
      }
      if (input.budget.minSelections > 0 && isAfter(scheduledPhase(schedule, 'information', now), 'proposals')) {
        throw new RuleViolationError(
          'Voting would open with no project to select: enter the projects before the voting date',
          'budget-projects',
        );
      }
    } else if (schedule.voting !== null) {
      throw new RuleViolationError('Only a participatory budget has a voting phase: give its budget', 'budget-voting');
    }
    const scopeInsees = input.scope.level === 'commune' ? [input.scope.insee] : [...communes.keys()];
    const phase = scheduledPhase(schedule, 'information', now);
    const draft = {
      id: newId(),
      territory: siren,
      scope: input.scope,
      title: input.title,
      body: input.body,
      ...(area ? { areaBbox: boundingBox(area) } : {}),
      schedule,
      phase,
      phaseSince: now.toISOString(),
      eligibility: input.eligibility,
      ...(input.budget ? { budget: input.budget } : {}),
      scopeInsees,
      scopePostalCodes: await postalCodes.postalCodesOnlyIn(siren, scopeInsees),
      createdAt: now.toISOString(),
      version: 1,
    };
    const consultation: Consultation = { ...draft, dueAt: dueAtOf(draft) };
    const event = participationChanged(clock, principal, consultation, 'consultation-created', '', {
      before: null,
      after: summary(consultation),
    });
    await store.createConsultation(consultation, area, event);
    return consultation;
  };

export const makeConsultationUseCases = (
  { store, clock, territory }: ParticipationDeps,
  { requireConsultation, manage }: Access,
) => {
  /** Saves a phase change and its event; the ballot boxes open or close with it. */
  const changePhase = async (
    c: Consultation,
    phase: Phase,
    schedule: Schedule,
    principal: Principal | undefined,
    reason: string | undefined,
  ): Promise<Consultation> => {
    const now = clock.now().toISOString();
    const draft = { ...c, phase, schedule, phaseSince: now, version: c.version + 1 };
    const next: Consultation = { ...draft, dueAt: dueAtOf(draft) };
    const event = participationChanged(clock, principal, c, 'phase-changed', '/phase', {
      before: { phase: c.phase, schedule: c.schedule },
      after: { phase, schedule, ...(reason ? { reason } : {}), by: principal ? 'agent' : 'schedule' },
    });
    await store.savePhase(next, c.version, [event]);
    return next;
  };

  /**
   * Counts the ballots (or, without a budget, the supports) of a closed consultation and freezes
   * the results; they are published at once unless the schedule dates their publication later.
   */
  const computeResults = async (c: Consultation): Promise<Consultation> => {
    const now = clock.now();
    let results: Results;
    if (c.budget) {
      const [projects, { ballots, boxCount }] = await Promise.all([
        store.listProjects(c.territory, c.id),
        store.allBallots(c.territory, c.id),
      ]);
      // Each ballot went through a box that counted it once: the two counts must agree.
      if (ballots.length !== boxCount) {
        throw new Error(`Consultation ${c.id}: ${ballots.length} ballots stored but ${boxCount} counted by the boxes`);
      }
      results = computeBudgetResults(c.budget, projects, ballots, now.toISOString());
    } else {
      const proposals = await store.allProposals(c.territory, c.id);
      const ranked = [...proposals].sort((a, b) => b.supportCount - a.supportCount || a.id.localeCompare(b.id));
      results = {
        kind: 'proposals',
        computedAt: now.toISOString(),
        proposals: proposals.length,
        supports: proposals.reduce((sum, p) => sum + p.supportCount, 0),
        comments: proposals.reduce((sum, p) => sum + p.commentCount, 0),
        topProposals: ranked.slice(0, RESULTS_TOP_PROPOSALS).map((p) => ({
          proposalId: p.id,
          title: p.title,
          authorName: p.authorName,
          supports: p.supportCount,
        })),
      };
    }
    const publishNow = c.schedule.results === null || Date.parse(c.schedule.results) <= now.getTime();
    const draft: Consultation = {
      ...c,
      resultsComputedAt: now.toISOString(),
      ...(publishNow
        ? {
            phase: 'results' as const,
            phaseSince: now.toISOString(),
            schedule: { ...c.schedule, results: c.schedule.results ?? now.toISOString() },
          }
        : {}),
      version: c.version + 1,
    };
    const next: Consultation = { ...draft, dueAt: dueAtOf(draft) };
    const event = participationChanged(
      clock,
      undefined,
      c,
      publishNow ? 'results-published' : 'results-computed',
      '/results',
      {
        before: null,
        after:
          results.kind === 'budget'
            ? {
                ballots: results.ballots,
                spent: results.spent,
                retained: results.projects.filter((p) => p.retained).map((p) => p.projectId),
              }
            : { proposals: results.proposals, supports: results.supports },
      },
    );
    await store.saveResults(next, c.version, results, event);
    return next;
  };

  return {
    // ——— consultations ———

    getConsultation: async (siren: string, id: string) => {
      const consultation = await requireConsultation(siren, id);
      const [area, counts] = await Promise.all([
        consultation.areaBbox ? store.getArea(siren, id) : undefined,
        store.counts(siren, id),
      ]);
      return { consultation, area, counts };
    },

    listConsultations: (siren: string, page: PageRequest) => store.listConsultations(siren, page),

    /**
     * Primary course: an agent edits a consultation read at `version`: its title and text, the
     * dates of the phases still to come and, before proposals open, who may take part and its area
     * (changing them later would change the rules under the feet of those who took part). The
     * scope stays: it decides the postal codes proving residence, taken once at creation.
     */
    editConsultation: async (
      principal: Principal,
      siren: string,
      id: string,
      input: {
        title: string;
        body: string;
        version: number;
        schedule?: Partial<Record<Phase, string | null>>;
        eligibility?: Eligibility;
        /** A new area, null to remove it, undefined to keep it. */
        area?: Boundary | null;
      },
    ): Promise<Consultation> => {
      const c = await manage(principal, siren, id);
      if (c.version !== input.version) throw new ConflictError('The consultation changed meanwhile');
      if (isAfter(c.phase, 'voting')) {
        throw new RuleViolationError('A closed consultation is not edited any more', 'consultation-closed');
      }
      const area = input.area ? checkBoundary(input.area) : input.area;
      if (area && JSON.stringify(area).length > MAX_BOUNDARY_CHARS) {
        throw new RuleViolationError(
          `Simplify the area to at most ${MAX_BOUNDARY_CHARS} characters of GeoJSON`,
          'area-size',
        );
      }
      const eligibilityChanged =
        input.eligibility !== undefined && JSON.stringify(input.eligibility) !== JSON.stringify(c.eligibility);
      if ((eligibilityChanged || area !== undefined) && c.phase !== 'information') {
        throw new RuleViolationError(
          'Who may take part and the area are set before proposals open',
          'consultation-started',
        );
      }
      // Only the phases still to come get new dates.
      const later = Object.entries(utcDates(input.schedule ?? {})).filter(([p]) => isAfter(p as Phase, c.phase));
      const schedule = { ...c.schedule, ...Object.fromEntries(later) } as Schedule;
      checkSchedule(schedule);
      if (!c.budget && schedule.voting !== null) {
        throw new RuleViolationError(
          'Only a participatory budget has a voting phase: give its budget',
          'budget-voting',
        );
      }
      const { areaBbox: _previousBox, ...rest } = c;
      const keepsBox = area === undefined && c.areaBbox;
      const draft = {
        ...rest,
        title: input.title,
        body: input.body,
        schedule,
        ...(input.eligibility ? { eligibility: input.eligibility } : {}),
        ...(area ? { areaBbox: boundingBox(area) } : keepsBox ? { areaBbox: c.areaBbox } : {}),
        version: c.version + 1,
      };
      const next: Consultation = { ...draft, dueAt: dueAtOf(draft) };
      const event = participationChanged(clock, principal, c, 'consultation-edited', '', {
        before: { ...summary(c), body: c.body, area: c.areaBbox ? 'set' : null },
        after: { ...summary(next), body: next.body, area: next.areaBbox ? 'set' : null },
      });
      await store.saveConsultation(next, c.version, area, event);
      return next;
    },

    /**
     * Primary course: an agent starts a phase now, with a reason; the audit keeps it. Forward to
     * any phase; back only from closed to voting (reopening the ballot boxes) before results exist.
     */
    movePhase: async (
      principal: Principal,
      siren: string,
      id: string,
      input: { phase: Phase; reason: string; schedule?: Partial<Record<Phase, string | null>> },
    ): Promise<Consultation> => {
      const c = await manage(principal, siren, id);
      const reopening = c.phase === 'closed' && input.phase === 'voting';
      if (input.phase === c.phase || (!isAfter(input.phase, c.phase) && !reopening)) {
        throw new RuleViolationError(
          `A consultation in its ${c.phase} phase cannot move to ${input.phase}: phases go forward ` +
            '(only a closed vote may reopen, before its results are computed)',
          'phase-move',
        );
      }
      if (reopening && c.resultsComputedAt) {
        throw new RuleViolationError('The results are computed and frozen: the vote cannot reopen', 'results-frozen');
      }
      if (input.phase === 'results' && !c.resultsComputedAt) {
        throw new RuleViolationError(
          'The results are computed by the scheduled step within a minute of closing: publish them after',
          'results-not-computed',
        );
      }
      if ((input.phase === 'voting' || isAfter(input.phase, 'voting')) && c.budget && !isAfter(c.phase, 'proposals')) {
        const projects = await store.listProjects(siren, id);
        if (projects.length < c.budget.minSelections) {
          throw new RuleViolationError(
            `A ballot selects at least ${c.budget.minSelections} projects and there are ${projects.length}`,
            'budget-projects',
          );
        }
      }
      if (input.phase === 'voting' && !c.budget) {
        throw new RuleViolationError('Only a participatory budget has a voting phase', 'budget-voting');
      }
      const now = clock.now();
      const moved = scheduleForManualMove(c.schedule, input.phase, now);
      const later = Object.entries(utcDates(input.schedule ?? {})).filter(([p]) => isAfter(p as Phase, input.phase));
      const schedule = { ...moved, ...Object.fromEntries(later) } as Schedule;
      checkSchedule(schedule);
      return changePhase(c, input.phase, schedule, principal, input.reason);
    },

    /**
     * Primary course (scheduled every minute): each consultation whose next date has come moves
     * to the phase its schedule says; a closed one gets its results counted and frozen.
     */
    advancePhases: async (limit = 100) => {
      const due = await store.listDue(clock.now().toISOString(), limit);
      const report = { moved: 0, resultsComputed: 0, failed: [] as string[] };
      for (const { territory: siren, id } of due) {
        try {
          let c = await requireConsultation(siren, id);
          const goal = scheduledPhase(c.schedule, c.phase, clock.now());
          // Results are published only once counted: stop at closed first.
          const step = isAfter(goal, 'closed') && !c.resultsComputedAt ? 'closed' : goal;
          if (step !== c.phase) {
            c = await changePhase(c, step, c.schedule, undefined, undefined);
            report.moved++;
          }
          if (needsResults(c)) {
            await computeResults(c);
            report.resultsComputed++;
          }
        } catch (error) {
          // Another run or an agent changed it meanwhile, or counting failed: the next run sees it again.
          report.failed.push(`${siren}/${id}: ${(error as Error).message}`);
        }
      }
      return report;
    },

    /** Public once published; the consultation's managers see them as soon as they are computed. */
    getResults: async (principal: Principal | undefined, siren: string, id: string): Promise<Results> => {
      const c = await requireConsultation(siren, id);
      const results = c.resultsComputedAt ? await store.getResults(siren, id) : undefined;
      if (!results || (c.phase !== 'results' && !canManage(principal, c))) {
        throw new NotFoundError(`The results of consultation ${id} are not published yet`);
      }
      return results;
    },

    // ——— citizens' profile ———

    getProfile: async (principal: Principal, siren: string): Promise<Profile> =>
      (await store.getProfile(siren, voterKeyOf(principal))) ?? {},

    /** Primary course: a citizen chooses a display name and may declare where they live (located, not kept). */
    saveProfile: async (
      principal: Principal,
      siren: string,
      input: { displayName?: string; residence?: Location | null },
    ): Promise<Profile> => {
      const voterKey = voterKeyOf(principal);
      const previous = (await store.getProfile(siren, voterKey)) ?? {};
      let declaredResidence = previous.declaredResidence;
      if (input.residence === null) declaredResidence = undefined;
      else if (input.residence) {
        if (!(await territory.communes(siren))) throw new NotFoundError(`No territory with SIREN ${siren}`);
        const insee = await territory.locate(siren, input.residence.lat, input.residence.lon);
        if (!insee) {
          throw new RuleViolationError(
            `The address you declared is in no commune of territory ${siren}`,
            'residence-in-territory',
          );
        }
        declaredResidence = { insee, declaredAt: clock.now().toISOString() };
      }
      const profile: Profile = {
        ...((input.displayName ?? previous.displayName)
          ? { displayName: input.displayName ?? previous.displayName }
          : {}),
        ...(declaredResidence ? { declaredResidence } : {}),
      };
      await store.saveProfile(siren, voterKey, profile);
      return profile;
    },
  };
};
