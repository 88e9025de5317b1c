/**
 * Retention (GDPR Art. 5(1)(e)): a territory says how long the contact data of a closed report is
 * kept (default 12 months) and how long its audit entries are (default 60 months: the log is the
 * record of administrative decisions, kept like the acts it traces); a daily job enforces both.
 *
 * No Scan: closed reports are on a work list by closure time (written with the closing transition,
 * report-store.ts), audit entries are sorted by time in their partition, so each territory's due
 * work is the start of two Queries. "Exactly": a report closed before the cutoff — the same instant,
 * so many calendar months ago — loses its people (contact, reporter, followers, supporters, a
 * citizen's name in its history); one reopened since is left for its new closure's entry.
 */
import * as z from 'zod';
import { newEvent, type DomainEvent } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { assertTerritoryAdmin, type Principal } from '../kernel/principal';
import { PRIVACY_EVENTS } from './privacy-events';

export const RetentionSettingsRecord = z
  .object({
    territory: z.string(),
    /** Months a closed report's contact data is kept after its closure. */
    contactRetentionMonths: z.number().int().min(1).max(120),
    /** Months an audit entry is kept. */
    auditRetentionMonths: z.number().int().min(6).max(240),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'RetentionSettings' });
export type RetentionSettings = z.output<typeof RetentionSettingsRecord>;

export const RetentionSettingsBody = RetentionSettingsRecord.pick({
  contactRetentionMonths: true,
  auditRetentionMonths: true,
}).meta({ id: 'RetentionSettingsBody' });

export const DEFAULT_CONTACT_MONTHS = 12;
export const DEFAULT_AUDIT_MONTHS = 60;

export const defaultRetention = (siren: string): RetentionSettings => ({
  territory: siren,
  contactRetentionMonths: DEFAULT_CONTACT_MONTHS,
  auditRetentionMonths: DEFAULT_AUDIT_MONTHS,
  version: 0,
});

/** The same instant `months` calendar months earlier (UTC), the day clamped to the month's last. */
export const monthsBefore = (instant: Date, months: number): Date => {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(instant);
  result.setUTCDate(1);
  result.setUTCFullYear(year, month, Math.min(instant.getUTCDate(), lastDay));
  return result;
};

export interface RetentionDeps {
  readonly settings: {
    get(siren: string): Promise<RetentionSettings | undefined>;
    save(settings: RetentionSettings, readVersion: number, event: DomainEvent): Promise<void>;
  };
  readonly territories: { listTerritories(): Promise<string[]>; getTerritory(siren: string): Promise<unknown> };
  readonly reports: {
    listClosedBefore(
      siren: string,
      cutoff: string,
      limit: number,
    ): Promise<readonly { readonly reportId: string; readonly closedAt: string }[]>;
    isClosedSince(siren: string, reportId: string, closedAt: string): Promise<boolean>;
    forgetPeople(siren: string, reportId: string, whom: 'everyone'): Promise<Readonly<Record<string, number>>>;
    removeFromClosedList(siren: string, entry: { readonly reportId: string; readonly closedAt: string }): Promise<void>;
  };
  readonly audit: { deleteBefore(siren: string, cutoff: string): Promise<number> };
  readonly events: { publish(events: readonly DomainEvent[]): Promise<void> };
  readonly clock: Clock;
}

const PAGE = 100;

export const makeRetentionUseCases = (deps: RetentionDeps) => {
  const settingsOf = async (siren: string) => (await deps.settings.get(siren)) ?? defaultRetention(siren);

  /** One territory's due work: closed reports past the delay, then audit entries past theirs. */
  const enforceIn = async (siren: string, now: Date) => {
    const settings = await settingsOf(siren);
    const contactCutoff = monthsBefore(now, settings.contactRetentionMonths).toISOString();
    const counts: Record<string, number> = { reports: 0 };
    for (;;) {
      // Each entry handled leaves the list: the first page is always the next one.
      const due = await deps.reports.listClosedBefore(siren, contactCutoff, PAGE);
      if (due.length === 0) break;
      for (const entry of due) {
        if (await deps.reports.isClosedSince(siren, entry.reportId, entry.closedAt)) {
          const forgotten = await deps.reports.forgetPeople(siren, entry.reportId, 'everyone');
          counts.reports! += 1;
          for (const [kind, n] of Object.entries(forgotten)) counts[kind] = (counts[kind] ?? 0) + n;
        }
        await deps.reports.removeFromClosedList(siren, entry);
      }
    }
    const auditCutoff = monthsBefore(now, settings.auditRetentionMonths).toISOString();
    const auditEntries = await deps.audit.deleteBefore(siren, auditCutoff);
    if (counts.reports === 0 && auditEntries === 0) return { reports: 0, auditEntries: 0 };
    await deps.events.publish([
      newEvent(deps.clock, PRIVACY_EVENTS.retentionApplied, {
        territory: siren,
        subject: 'privacy/retention',
        data: {
          before: null,
          after: { contactCutoff, auditCutoff, removed: { ...counts, auditEntries } },
        },
      }),
    ]);
    return { reports: counts.reports!, auditEntries };
  };

  return {
    /** The daily job: every territory, its due work. */
    enforceRetention: async (): Promise<{ reports: number; auditEntries: number }> => {
      const now = deps.clock.now();
      const done = { reports: 0, auditEntries: 0 };
      for (const siren of await deps.territories.listTerritories()) {
        const inTerritory = await enforceIn(siren, now);
        done.reports += inTerritory.reports;
        done.auditEntries += inTerritory.auditEntries;
      }
      return done;
    },

    getSettings: async (principal: Principal, siren: string): Promise<RetentionSettings> => {
      assertTerritoryAdmin(principal, siren);
      await deps.territories.getTerritory(siren);
      return settingsOf(siren);
    },

    /** Primary course: an admin sets the territory's retention delays (audited, before → after). */
    setSettings: async (
      principal: Principal,
      siren: string,
      input: z.output<typeof RetentionSettingsBody>,
    ): Promise<RetentionSettings> => {
      assertTerritoryAdmin(principal, siren);
      await deps.territories.getTerritory(siren);
      const before = await settingsOf(siren);
      const after: RetentionSettings = {
        territory: siren,
        ...input,
        updatedAt: deps.clock.now().toISOString(),
        updatedBy: principal.sub,
        version: before.version + 1,
      };
      const event = newEvent(deps.clock, PRIVACY_EVENTS.settingsChanged, {
        territory: siren,
        subject: 'privacy/retention-settings',
        actor: { sub: principal.sub, role: principal.role },
        data: { before, after },
      });
      await deps.settings.save(after, before.version, event);
      return after;
    },
  };
};
export type RetentionUseCases = ReturnType<typeof makeRetentionUseCases>;
