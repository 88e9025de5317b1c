/** The reports context's routes: part of the one wiring declaration (shared/wiring). */
import { z } from 'zod';
import { page } from '../kernel/schemas';
import { CommuneParams, TerritoryParams } from '../territory/territory-schemas';
import { defineRoute } from '../wiring/define';
import {
  AgentReportDetailView,
  AgentReportView,
  BodyListQuery,
  BodyParams,
  ChangeCategoryBody,
  FileReportBody,
  FileReportOnBehalfBody,
  NearbyQuery,
  NearbyReportView,
  PhotoUploadBody,
  PhotoUploadView,
  PublicListQuery,
  PublicReportDetailView,
  PublicReportView,
  ReopenBody,
  ReportParams,
  SlaStatisticsQuery,
  SlaStatisticsView,
  SupportView,
  TransitionBody,
} from './report-schemas';

const tag = 'Reports';
const fn = (name: string) => `functions/reports/${name}.ts`;
const filed = {
  description: 'The report as filed (replayed as is for a retry with the same Idempotency-Key)',
  schema: AgentReportView,
  headers: { Location: { description: 'The new report' } },
} as const;
const idempotencyKey = {
  'idempotency-key': { description: 'Any unique string: a retry with the same key gets the first answer again (24 h)' },
} as const;
const ifMatch = {
  'if-match': { description: 'The ETag of the report read (its version); or send body.version' },
} as const;
const etag = { ETag: { description: 'The version of the report, for If-Match on the next change' } } as const;
/** Why filing a report may be refused, beyond a malformed request. */
const filingRules =
  'A rule refuses it: point outside the territory, unknown or withdrawn category, photo not uploaded or not an image';

export const reportRoutes = {
  requestPhotoUpload: defineRoute({
    id: 'requestPhotoUpload',
    method: 'POST',
    path: '/territories/{siren}/photo-uploads',
    handler: fn('request-photo-upload'),
    access: 'public',
    table: 'read',
    objectStore: 'write',
    tag,
    summary: 'A URL to upload one photo (JPEG, PNG or WebP, at most 10 MB) to, valid five minutes',
    contract: {
      params: TerritoryParams,
      body: PhotoUploadBody,
      responses: {
        201: {
          description: 'PUT the file to uploadUrl, then name photoKey in the report',
          schema: PhotoUploadView,
          headers: { Location: { description: 'The upload URL (uploadUrl)' } },
        },
      },
    },
  }),
  fileReport: defineRoute({
    id: 'fileReport',
    method: 'POST',
    path: '/territories/{siren}/reports',
    handler: fn('file-report'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    idempotent: true,
    objectStore: 'write',
    tag,
    summary: 'File a report (signed in, or anonymously with contact.email); honours Idempotency-Key',
    contract: {
      params: TerritoryParams,
      body: FileReportBody,
      headers: idempotencyKey,
      responses: { 201: filed },
      problems: { 422: filingRules },
    },
  }),
  fileReportOnBehalf: defineRoute({
    id: 'fileReportOnBehalf',
    method: 'POST',
    path: '/territories/{siren}/reports/on-behalf',
    handler: fn('file-report-on-behalf'),
    access: 'agent',
    table: 'write',
    publishesEvents: true,
    idempotent: true,
    objectStore: 'write',
    tag,
    summary: 'An agent files a report for a citizen who phoned or came to the counter; honours Idempotency-Key',
    contract: {
      params: TerritoryParams,
      body: FileReportOnBehalfBody,
      headers: idempotencyKey,
      responses: { 201: filed },
      problems: { 422: filingRules },
    },
  }),
  listPublicReports: defineRoute({
    id: 'listPublicReports',
    method: 'GET',
    path: '/territories/{siren}/reports',
    handler: fn('list-public-reports'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A territory's reports without personal data, by commune or in a box (bbox), newest first",
    contract: {
      params: TerritoryParams,
      query: PublicListQuery,
      responses: { 200: { description: 'A page; pass cursor back for the next', schema: page(PublicReportView) } },
      problems: { 422: 'The box is too large for one request: zoom in, or list by commune' },
    },
  }),
  listNearbyReports: defineRoute({
    id: 'listNearbyReports',
    method: 'GET',
    path: '/territories/{siren}/reports/nearby',
    handler: fn('list-nearby-reports'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Open reports of a category near a point (50 m by default), nearest first: support one instead of filing',
    contract: {
      params: TerritoryParams,
      query: NearbyQuery,
      responses: {
        200: { description: 'Nearby open reports', schema: z.object({ items: z.array(NearbyReportView) }) },
      },
    },
  }),
  getReport: defineRoute({
    id: 'getReport',
    method: 'GET',
    path: '/territories/{siren}/reports/{reportId}',
    handler: fn('get-report'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'A report without personal data, with its public history and photo links',
    contract: {
      params: ReportParams,
      responses: { 200: { description: 'The report', schema: PublicReportDetailView } },
    },
  }),
  getReportDetails: defineRoute({
    id: 'getReportDetails',
    method: 'GET',
    path: '/territories/{siren}/reports/{reportId}/details',
    handler: fn('get-report-details'),
    access: 'agent',
    table: 'read',
    tag,
    summary: 'A report with its contact, whole history and internal notes (agents); ETag = version',
    contract: {
      params: ReportParams,
      responses: { 200: { description: 'The report', schema: AgentReportDetailView, headers: etag } },
    },
  }),
  changeReportStatus: defineRoute({
    id: 'changeReportStatus',
    method: 'POST',
    path: '/territories/{siren}/reports/{reportId}/transitions',
    handler: fn('change-report-status'),
    access: 'agent',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Move a report along its workflow (agents of the responsible body); If-Match or body.version',
    contract: {
      params: ReportParams,
      body: TransitionBody,
      headers: ifMatch,
      responses: { 200: { description: 'The report after the transition', schema: AgentReportView, headers: etag } },
    },
  }),
  reopenReport: defineRoute({
    id: 'reopenReport',
    method: 'POST',
    path: '/territories/{siren}/reports/{reportId}/reopen',
    handler: fn('reopen-report'),
    access: 'citizen',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Reopen a report resolved less than 30 days ago (its reporter, or the responsible body)',
    contract: {
      params: ReportParams,
      body: ReopenBody,
      headers: ifMatch,
      responses: { 200: { description: 'The report, in progress again', schema: PublicReportView } },
    },
  }),
  changeReportCategory: defineRoute({
    id: 'changeReportCategory',
    method: 'PUT',
    path: '/territories/{siren}/reports/{reportId}/category',
    handler: fn('change-report-category'),
    access: 'agent',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: "Correct a report's category: it is routed again by the competence table",
    contract: {
      params: ReportParams,
      body: ChangeCategoryBody,
      headers: ifMatch,
      responses: {
        200: { description: 'The report, maybe with another body', schema: AgentReportView, headers: etag },
      },
    },
  }),
  supportReport: defineRoute({
    id: 'supportReport',
    method: 'POST',
    path: '/territories/{siren}/reports/{reportId}/supports',
    handler: fn('support-report'),
    access: 'citizen',
    table: 'write',
    publishesEvents: true,
    idempotent: true,
    tag,
    summary: '"Me too": support an open report, once per citizen, and follow it',
    contract: {
      params: ReportParams,
      headers: idempotencyKey,
      responses: {
        201: {
          description: 'Supported',
          schema: SupportView,
          headers: { Location: { description: 'The report supported' } },
        },
      },
    },
  }),
  communeSlaStatistics: defineRoute({
    id: 'communeSlaStatistics',
    method: 'GET',
    path: '/territories/{siren}/communes/{insee}/sla-statistics',
    handler: fn('commune-sla-statistics'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A commune's service quality: median business hours to acknowledge and resolve, share within target",
    contract: {
      params: CommuneParams,
      query: SlaStatisticsQuery,
      responses: { 200: { description: 'Per category and in all', schema: SlaStatisticsView } },
    },
  }),
  listBodyReports: defineRoute({
    id: 'listBodyReports',
    method: 'GET',
    path: '/territories/{siren}/bodies/{bodyId}/reports',
    handler: fn('list-body-reports'),
    access: 'agent',
    table: 'read',
    tag,
    summary: "A body's reports for its agents: filters status, category, commune, overdue, from/to; by cursor",
    contract: {
      params: BodyParams,
      query: BodyListQuery,
      responses: { 200: { description: 'A page; pass cursor back for the next', schema: page(AgentReportView) } },
    },
  }),
} as const;
