/**
 * The personal-data export (GDPR Art. 15 and 20): everything the platform holds about the signed-in
 * caller, across every territory of the deployment. Reports come from the reports context's
 * per-citizen list (one paged Query per territory); participation from the person index
 * (PERSON#<voterKey>, one paged Query for all territories: participation-keys.ts). Bounded: the
 * territories are few and read in parallel; each list is read by pages.
 */
import * as z from 'zod';
import type { Page } from '../kernel/schemas';
import type { Principal } from '../kernel/principal';
import type { Clock } from '../kernel/clock';
import { ReportRecord, type Report } from '../reports/report';
import type { FollowedReport } from '../reports/report-ports';
import {
  BallotRecord,
  CommentRecord,
  ModerationTargetRecord,
  ProfileRecord,
  ProposalRecord,
  voterKeyOf,
} from '../participation/participation';

const InConsultation = z.object({ territory: z.string(), consultationId: z.string() });

export const PersonalDataView = z
  .object({
    generatedAt: z.string(),
    subject: z.object({ issuer: z.string(), sub: z.string() }),
    reports: z.array(
      z.object({
        territory: z.string(),
        /** Why the caller follows it: filed it, supports it, or filed a duplicate of it. */
        reason: z.enum(['reporter', 'supporter', 'duplicate-reporter']),
        /** The report; its contact data only when the caller filed it. */
        report: ReportRecord,
      }),
    ),
    participation: z.object({
      profiles: z.array(z.object({ territory: z.string(), profile: ProfileRecord })),
      proposals: z.array(ProposalRecord),
      comments: z.array(CommentRecord),
      supports: z.array(InConsultation.extend({ proposalId: z.string(), at: z.string().optional() })),
      flags: z.array(
        InConsultation.extend({
          target: ModerationTargetRecord.optional(),
          reason: z.string().optional(),
          at: z.string().optional(),
        }),
      ),
      ballots: z.array(InConsultation.extend({ ballot: BallotRecord })),
    }),
    notifications: z.object({ note: z.string() }),
  })
  .meta({ id: 'PersonalData' });
export type PersonalData = z.input<typeof PersonalDataView>;

/** One of the caller's own participation items, as the person index holds it. */
export type PersonItem =
  | { readonly kind: 'profile'; readonly territory: string; readonly profile: z.output<typeof ProfileRecord> }
  | { readonly kind: 'proposal'; readonly proposal: z.output<typeof ProposalRecord> }
  | { readonly kind: 'comment'; readonly comment: z.output<typeof CommentRecord> }
  | {
      readonly kind: 'support';
      readonly territory: string;
      readonly consultationId: string;
      readonly proposalId: string;
      readonly at?: string;
    }
  | {
      readonly kind: 'flag';
      readonly territory: string;
      readonly consultationId: string;
      readonly target?: z.output<typeof ModerationTargetRecord>;
      readonly reason?: string;
      readonly at?: string;
    }
  | {
      readonly kind: 'ballot';
      readonly territory: string;
      readonly consultationId: string;
      readonly ballot: z.output<typeof BallotRecord>;
    };

export interface PersonalDataDeps {
  readonly territories: { listTerritories(): Promise<string[]> };
  readonly reports: {
    listFollowed(
      principal: Principal,
      siren: string,
      query: { readonly limit: number; readonly cursor?: string },
    ): Promise<Page<FollowedReport>>;
  };
  readonly person: { listItems(voterKey: string, limit: number, cursor?: string): Promise<Page<PersonItem>> };
  readonly clock: Clock;
}

/** Pages read per list at most: 200 pages of 100 to 500 items, far past any real citizen. */
const MAX_PAGES = 200;

const allPages = async <T>(read: (cursor?: string) => Promise<Page<T>>): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await read(cursor);
    items.push(...result.items);
    cursor = result.cursor;
    if (!cursor) break;
  }
  return items;
};

/** Someone else's contact stays out: a supporter sees the report, not its reporter's address. */
const ownView = (principal: Principal, followed: FollowedReport): Report => {
  if (followed.reason === 'reporter' && followed.report.reporterSub === principal.sub) return followed.report;
  const { contact: _contact, reporterSub: _reporterSub, filedBy: _filedBy, ...rest } = followed.report;
  return rest;
};

export const makePersonalDataUseCases = (deps: PersonalDataDeps) => ({
  /** Primary course: a signed-in citizen downloads all their data as JSON. */
  exportPersonalData: async (principal: Principal): Promise<PersonalData> => {
    const territories = await deps.territories.listTerritories();
    const [reports, items] = await Promise.all([
      Promise.all(
        territories.map(async (siren) =>
          (await allPages((cursor) => deps.reports.listFollowed(principal, siren, { limit: 100, cursor }))).map(
            (followed) => ({ territory: siren, reason: followed.reason, report: ownView(principal, followed) }),
          ),
        ),
      ),
      allPages((cursor) => deps.person.listItems(voterKeyOf(principal), 500, cursor)),
    ]);
    const participation: PersonalData['participation'] = {
      profiles: [],
      proposals: [],
      comments: [],
      supports: [],
      flags: [],
      ballots: [],
    };
    for (const item of items) {
      if (item.kind === 'profile') participation.profiles.push({ territory: item.territory, profile: item.profile });
      else if (item.kind === 'proposal') participation.proposals.push(item.proposal);
      else if (item.kind === 'comment') participation.comments.push(item.comment);
      else if (item.kind === 'ballot') {
        participation.ballots.push({
          territory: item.territory,
          consultationId: item.consultationId,
          ballot: item.ballot,
        });
      } else {
        const { kind: _kind, ...rest } = item;
        if (item.kind === 'support') participation.supports.push(rest as PersonalData['participation']['supports'][0]);
        else participation.flags.push(rest);
      }
    }
    return {
      generatedAt: deps.clock.now().toISOString(),
      subject: { issuer: principal.issuer, sub: principal.sub },
      reports: reports.flat(),
      participation,
      notifications: {
        note:
          'Les e-mails envoyés ne sont pas conservés : seule une empreinte de l’adresse est gardée 30 jours pour ' +
          'ne pas envoyer deux fois le même avis. Les avis portent sur les signalements listés ci-dessus.',
      },
    };
  },
});
