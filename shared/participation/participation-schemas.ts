/**
 * The participation context's HTTP contract: zod schemas that validate requests at the edge and
 * write the OpenAPI document. Views list what the public sees, field by field: authors appear by
 * their display name only.
 */
import * as z from 'zod';
import { Cursor, Limit, page, StorableNumber, Ulid } from '../kernel/schemas';
import { BoundaryGeometry } from '../territory/territory-shared-schemas';
import { Insee, Siren } from '../territory/territory';
import {
  BallotRecord,
  BALLOT_METHODS,
  CommentRecord,
  ConsultationRecord,
  HiddenRecord,
  ModerationEntryRecord,
  PHASES,
  ProfileRecord,
  ProjectRecord,
  ProposalRecord,
  ResultsRecord,
} from './participation';

/** Normalised to UTC, so dates compare as strings in keys. */
const Instant = z.iso
  .datetime({ offset: true, error: 'a date and time, ISO 8601 with its offset' })
  .transform((value) => new Date(value).toISOString())
  .meta({ example: '2026-05-01T08:00:00Z' });

const DisplayName = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[^@<>]+$/, 'a display name, not an address: no @, < or >')
  .meta({
    description: 'The name shown with your contributions: nothing else about you is public',
    example: 'Camille du Busca',
  });

const Reason = z.string().trim().min(3).max(500);
const Euros = z.number().int().positive().max(1_000_000_000).meta({ description: 'Euros' });
const Phase = z.enum(PHASES);

export const TerritoryParams = z.object({ siren: Siren });
export const ConsultationParams = z.object({ siren: Siren, consultationId: Ulid('a consultation id') });
export const ProposalParams = ConsultationParams.extend({ proposalId: Ulid('a proposal id') });
export const CommentParams = ProposalParams.extend({ commentId: Ulid('a comment id') });
export const ProjectParams = ConsultationParams.extend({ projectId: Ulid('a project id') });

const PageQuery = { limit: Limit(20, 100), cursor: Cursor };
export const ListQuery = z.object(PageQuery);
export const ProposalListQuery = z.object({
  ...PageQuery,
  order: z
    .enum(['newest', 'supported', 'random'])
    .default('newest')
    .meta({ description: 'random: a stable order per signed-in citizen, or per `seed` for anonymous visitors' }),
  seed: z.string().min(1).max(64).optional().meta({ description: 'Keeps a random order across visits' }),
});
export const ModerationQuery = z.object({ ...PageQuery, status: z.enum(['pending', 'hidden']).default('pending') });

const Location = z
  .object({ lat: StorableNumber.min(-90).max(90), lon: StorableNumber.min(-180).max(180) })
  .meta({ id: 'Location', example: { lat: 43.6045, lon: 1.4442 } });

const Scope = z
  .discriminatedUnion('level', [
    z.object({ level: z.literal('commune'), insee: Insee }),
    z.object({ level: z.literal('territory') }),
  ])
  .meta({ id: 'ConsultationScope', description: 'A commune, or the whole territory (the metropolis)' });

const ScheduleInput = z
  .strictObject(
    Object.fromEntries(PHASES.map((p) => [p, Instant.nullable().optional()])) as Record<
      (typeof PHASES)[number],
      z.ZodOptional<z.ZodNullable<typeof Instant>>
    >,
  )
  .meta({
    description: 'When each phase starts; information defaults to now; a phase without a date waits for an agent',
  });

const Eligibility = z
  .object({
    residents: z.enum(['anyone', 'scope']).default('anyone'),
    acceptDeclaredResidence: z.boolean().default(false),
    minimumAge: z.number().int().min(0).max(120).optional(),
  })
  .meta({
    id: 'Eligibility',
    description:
      'Who may take part: residence from the identity claims (INSEE code, or a postal code only the scope uses), ' +
      'or a declared residence when accepted; minimum age from the `birthdate` claim',
  });

const Budget = z
  .object({
    amount: Euros,
    method: z.enum(BALLOT_METHODS).meta({
      description: 'knapsack: the selection must fit in the budget; approval: only the number of projects is checked',
    }),
    minSelections: z.number().int().min(0).max(100).default(1),
    maxSelections: z.number().int().min(1).max(100),
  })
  .meta({ id: 'Budget' });

export const CreateConsultationBody = z
  .object({
    scope: Scope,
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(1).max(20_000),
    area: BoundaryGeometry.optional().meta({ description: 'A district: proposals must lie inside it' }),
    schedule: ScheduleInput.default({}),
    eligibility: Eligibility.default({ residents: 'anyone', acceptDeclaredResidence: false }),
    budget: Budget.optional(),
  })
  .meta({ id: 'CreateConsultationRequest' });

export const EditConsultationBody = z
  .object({
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(1).max(20_000),
    version: z.number().int().min(1).meta({ description: 'The version read: a concurrent edit is a 409' }),
    schedule: ScheduleInput.optional().meta({ description: 'New dates for the phases still to come' }),
    eligibility: Eligibility.optional().meta({ description: 'Only before the proposals phase' }),
    area: BoundaryGeometry.nullable()
      .optional()
      .meta({ description: 'A new district (null removes it); only before the proposals phase' }),
  })
  .meta({ id: 'EditConsultationRequest' });

export const MovePhaseBody = z
  .object({
    phase: Phase,
    reason: Reason.meta({ description: 'Kept in the audit log' }),
    schedule: ScheduleInput.optional().meta({ description: 'New dates for the phases after this one' }),
  })
  .meta({ id: 'MovePhaseRequest' });

export const SubmitProposalBody = z
  .object({
    title: z.string().trim().min(3).max(150),
    body: z.string().trim().min(1).max(5000),
    location: Location.optional(),
    photoKey: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'photoKey of a photo uploaded through POST /territories/{siren}/photo-uploads' }),
    displayName: DisplayName.optional(),
  })
  .meta({ id: 'SubmitProposalRequest' });

export const AddCommentBody = z
  .object({
    body: z.string().trim().min(1).max(2000),
    replyTo: Ulid('a comment id').optional().meta({ description: 'A top-level comment: comments go one level deep' }),
    displayName: DisplayName.optional(),
  })
  .meta({ id: 'AddCommentRequest' });

export const ReasonBody = z.object({ reason: Reason }).meta({ id: 'ReasonRequest' });

export const CreateProjectBody = z
  .object({
    title: z.string().trim().min(3).max(150).optional(),
    description: z.string().trim().min(1).max(5000).optional(),
    cost: Euros,
    proposalId: Ulid('a proposal id').optional().meta({
      description: 'The proposal retained as this project (title and body by default)',
    }),
  })
  .meta({ id: 'CreateProjectRequest' });

export const UpdateProjectBody = z
  .object({
    title: z.string().trim().min(3).max(150).optional(),
    description: z.string().trim().min(1).max(5000).optional(),
    cost: Euros,
    version: z.number().int().min(1).meta({ description: 'The version read: a concurrent edit is a 409' }),
  })
  .meta({ id: 'UpdateProjectRequest' });

export const BallotBody = z
  .object({ projectIds: z.array(Ulid('a project id')).max(100) })
  .meta({ id: 'BallotRequest' });

export const SaveProfileBody = z
  .object({
    displayName: DisplayName.optional(),
    residence: Location.nullable()
      .optional()
      .meta({ description: 'A point of your address: only the commune found there is kept; null forgets it' }),
  })
  .meta({ id: 'SaveProfileRequest' });

// ——— views: derived from the stored records (participation.ts), fields picked one by one ———

export const HiddenView = HiddenRecord.meta({ id: 'HiddenContent' });

export const ConsultationView = ConsultationRecord.pick({
  id: true,
  territory: true,
  scope: true,
  title: true,
  body: true,
  areaBbox: true,
  phase: true,
  phaseSince: true,
  schedule: true,
  eligibility: true,
  budget: true,
  version: true,
})
  .extend({
    id: Ulid('a consultation id'),
    territory: Siren,
    scope: Scope,
    area: BoundaryGeometry.optional(),
    counts: z
      .object({ proposals: z.number(), comments: z.number(), supports: z.number().optional(), ballots: z.number() })
      .optional(),
    resultsPublished: z.boolean(),
  })
  .meta({ id: 'Consultation' });

export const ProposalView = ProposalRecord.pick({
  id: true,
  title: true,
  body: true,
  location: true,
  authorName: true,
  supportCount: true,
  commentCount: true,
  projectId: true,
  createdAt: true,
})
  .partial({ title: true, body: true, authorName: true })
  .extend({
    id: Ulid('a proposal id'),
    location: Location.optional(),
    photoUrl: z.string().optional().meta({ description: 'A link to the photo, valid an hour' }),
    projectId: Ulid('a project id').optional(),
    hidden: HiddenView.optional().meta({ description: 'Hidden by moderation: the public sees the reason only' }),
    supportedByMe: z.boolean().optional(),
    flagCount: z.number().optional().meta({ description: 'For moderators' }),
  })
  .meta({ id: 'Proposal' });

export const CommentView = CommentRecord.pick({
  id: true,
  proposalId: true,
  replyTo: true,
  body: true,
  authorName: true,
  createdAt: true,
}).meta({ id: 'Comment' });

export const ProjectView = ProjectRecord.extend({
  id: Ulid('a project id'),
  proposalId: Ulid('a proposal id').optional(),
}).meta({ id: 'Project' });

export const BallotView = BallotRecord.extend({
  projectIds: z.array(Ulid('a project id')),
  replaced: z.boolean().optional(),
}).meta({ id: 'Ballot' });

export const SupportView = z.object({ supported: z.boolean(), supportCount: z.number() }).meta({ id: 'SupportState' });

export const ResultsView = ResultsRecord.meta({ id: 'ConsultationResults' });

export const ModerationEntryView = ModerationEntryRecord.meta({ id: 'ModerationEntry' });

export const ProfileView = ProfileRecord.meta({ id: 'ParticipationProfile' });

export const FlagView = z.object({ flagged: z.literal(true), counted: z.boolean() }).meta({ id: 'FlagReceipt' });

export const ProposalPage = page(ProposalView).extend({
  seed: z.string().optional().meta({ description: 'The random order’s seed, to pass back (anonymous visitors)' }),
});
