/** The portfolio context's routes: part of the one wiring declaration (shared/wiring). */
import { defineRoute } from '../wiring/define';
import {
  BudgetLineBody,
  BudgetLineParams,
  BudgetLineView,
  ComputedKpiView,
  HistoryQuery,
  ImportRefusedView,
  ImportResultView,
  KpiBody,
  KpiHistoryPage,
  KpiParams,
  KpiPointView,
  KpiValueBody,
  KpiView,
  KpiWithTrendView,
  LatePage,
  LateQuery,
  list,
  MilestoneBody,
  MilestoneParams,
  MilestoneView,
  Oc4idsPackageView,
  ProjectBody,
  ProjectDetailView,
  ProjectListQuery,
  ProjectPage,
  ProjectParams,
  ProjectsCsv,
  ProjectView,
  TerritoryParams,
  UpdateBudgetLineBody,
  UpdateKpiBody,
  UpdateMilestoneBody,
  UpdateProjectBody,
} from './portfolio-schemas';

const tag = 'Portfolio';
const fn = (name: string) => `functions/portfolio/${name}.ts`;
const PORTFOLIO = '/territories/{siren}/portfolio';
const PROJECT = `${PORTFOLIO}/projects/{projectId}`;

/** Creating POSTs honour an Idempotency-Key (the route is declared `idempotent`). */
const IDEMPOTENCY_KEY = {
  'idempotency-key': {
    description: 'Any unique string: a retry with the same key gets the first answer again (24 h)',
  },
} as const;
const location = (what: string) => ({ Location: { description: `The new ${what}'s URI` } });
const attachment = { 'Content-Disposition': { description: 'attachment; filename=…' } } as const;

/** An agent route of the owning body (access `agent`: territory admins pass too). */
const write = { access: 'agent', table: 'write', publishesEvents: true, tag } as const;
const read = { access: 'public', table: 'read', tag } as const;

export const portfolioRoutes = {
  createPortfolioProject: defineRoute({
    ...write,
    id: 'createPortfolioProject',
    method: 'POST',
    path: `${PORTFOLIO}/projects`,
    handler: fn('create-portfolio-project'),
    idempotent: true,
    summary: 'Add a project, programme or axis (agents of the owning body; territory admins)',
    contract: {
      params: TerritoryParams,
      body: ProjectBody,
      headers: IDEMPOTENCY_KEY,
      responses: { 201: { description: 'The project', schema: ProjectView, headers: location('project') } },
    },
  }),
  listPortfolioProjects: defineRoute({
    ...read,
    id: 'listPortfolioProjects',
    method: 'GET',
    path: `${PORTFOLIO}/projects`,
    handler: fn('list-portfolio-projects'),
    summary: 'The portfolio by domain, commune, phase, status or parent, by title; paged by cursor',
    contract: {
      params: TerritoryParams,
      query: ProjectListQuery,
      responses: { 200: { description: 'A page of projects', schema: ProjectPage } },
    },
  }),
  getPortfolioProject: defineRoute({
    ...read,
    id: 'getPortfolioProject',
    method: 'GET',
    path: PROJECT,
    handler: fn('get-portfolio-project'),
    summary: 'A project: progress, budget consumption, children, milestones, KPIs with target and trend',
    contract: {
      params: ProjectParams,
      responses: { 200: { description: 'The project', schema: ProjectDetailView } },
    },
  }),
  updatePortfolioProject: defineRoute({
    ...write,
    id: 'updatePortfolioProject',
    method: 'PUT',
    path: PROJECT,
    handler: fn('update-portfolio-project'),
    summary: 'Change a project read at `version` (fields, progress, weight, parent); its ancestors follow',
    contract: {
      params: ProjectParams,
      body: UpdateProjectBody,
      responses: { 200: { description: 'The project', schema: ProjectView } },
    },
  }),
  deletePortfolioProject: defineRoute({
    ...write,
    id: 'deletePortfolioProject',
    method: 'DELETE',
    path: PROJECT,
    handler: fn('delete-portfolio-project'),
    summary: 'Delete a project without children, with its budget lines, milestones and KPIs',
    contract: { params: ProjectParams, responses: { 204: { description: 'Deleted' } } },
  }),

  listBudgetLines: defineRoute({
    ...read,
    id: 'listBudgetLines',
    method: 'GET',
    path: `${PROJECT}/budget-lines`,
    handler: fn('list-budget-lines'),
    summary: "A project's own budget lines, by year",
    contract: {
      params: ProjectParams,
      responses: { 200: { description: 'Its budget lines', schema: list(BudgetLineView) } },
    },
  }),
  createBudgetLine: defineRoute({
    ...write,
    id: 'createBudgetLine',
    method: 'POST',
    path: `${PROJECT}/budget-lines`,
    handler: fn('create-budget-line'),
    idempotent: true,
    summary: 'Add a budget line (year, investment or operating, planned, committed, spent, funder)',
    contract: {
      params: ProjectParams,
      body: BudgetLineBody,
      headers: IDEMPOTENCY_KEY,
      responses: { 201: { description: 'The line', schema: BudgetLineView, headers: location('budget line') } },
    },
  }),
  updateBudgetLine: defineRoute({
    ...write,
    id: 'updateBudgetLine',
    method: 'PUT',
    path: `${PROJECT}/budget-lines/{lineId}`,
    handler: fn('update-budget-line'),
    summary: 'Change a budget line read at `version`; the totals up the tree follow exactly',
    contract: {
      params: BudgetLineParams,
      body: UpdateBudgetLineBody,
      responses: { 200: { description: 'The line', schema: BudgetLineView } },
    },
  }),
  deleteBudgetLine: defineRoute({
    ...write,
    id: 'deleteBudgetLine',
    method: 'DELETE',
    path: `${PROJECT}/budget-lines/{lineId}`,
    handler: fn('delete-budget-line'),
    summary: 'Delete a budget line',
    contract: { params: BudgetLineParams, responses: { 204: { description: 'Deleted' } } },
  }),

  listMilestones: defineRoute({
    ...read,
    id: 'listMilestones',
    method: 'GET',
    path: `${PROJECT}/milestones`,
    handler: fn('list-milestones'),
    summary: "A project's milestones by due date",
    contract: {
      params: ProjectParams,
      responses: { 200: { description: 'Its milestones', schema: list(MilestoneView) } },
    },
  }),
  createMilestone: defineRoute({
    ...write,
    id: 'createMilestone',
    method: 'POST',
    path: `${PROJECT}/milestones`,
    handler: fn('create-milestone'),
    idempotent: true,
    summary: 'Add a milestone (title, due date, state)',
    contract: {
      params: ProjectParams,
      body: MilestoneBody,
      headers: IDEMPOTENCY_KEY,
      responses: { 201: { description: 'The milestone', schema: MilestoneView, headers: location('milestone') } },
    },
  }),
  updateMilestone: defineRoute({
    ...write,
    id: 'updateMilestone',
    method: 'PUT',
    path: `${PROJECT}/milestones/{milestoneId}`,
    handler: fn('update-milestone'),
    summary: 'Change a milestone read at `version` (met, partly met, rescheduled…)',
    contract: {
      params: MilestoneParams,
      body: UpdateMilestoneBody,
      responses: { 200: { description: 'The milestone', schema: MilestoneView } },
    },
  }),
  deleteMilestone: defineRoute({
    ...write,
    id: 'deleteMilestone',
    method: 'DELETE',
    path: `${PROJECT}/milestones/{milestoneId}`,
    handler: fn('delete-milestone'),
    summary: 'Delete a milestone',
    contract: { params: MilestoneParams, responses: { 204: { description: 'Deleted' } } },
  }),

  listKpis: defineRoute({
    ...read,
    id: 'listKpis',
    method: 'GET',
    path: `${PROJECT}/kpis`,
    handler: fn('list-kpis'),
    summary: "A project's KPIs with baseline, target, latest value and trend",
    contract: {
      params: ProjectParams,
      responses: { 200: { description: 'Its KPIs', schema: list(KpiWithTrendView) } },
    },
  }),
  createKpi: defineRoute({
    ...write,
    id: 'createKpi',
    method: 'POST',
    path: `${PROJECT}/kpis`,
    handler: fn('create-kpi'),
    idempotent: true,
    summary: 'Add a KPI: manual, or live from the sensors or the reports',
    contract: {
      params: ProjectParams,
      body: KpiBody,
      headers: IDEMPOTENCY_KEY,
      responses: { 201: { description: 'The KPI', schema: KpiView, headers: location('KPI') } },
    },
  }),
  updateKpi: defineRoute({
    ...write,
    id: 'updateKpi',
    method: 'PUT',
    path: `${PROJECT}/kpis/{kpiId}`,
    handler: fn('update-kpi'),
    summary: 'Change a KPI read at `version`',
    contract: {
      params: KpiParams,
      body: UpdateKpiBody,
      responses: { 200: { description: 'The KPI', schema: KpiView } },
    },
  }),
  deleteKpi: defineRoute({
    ...write,
    id: 'deleteKpi',
    method: 'DELETE',
    path: `${PROJECT}/kpis/{kpiId}`,
    handler: fn('delete-kpi'),
    summary: 'Delete a KPI and its history',
    contract: { params: KpiParams, responses: { 204: { description: 'Deleted' } } },
  }),
  recordKpiValue: defineRoute({
    ...write,
    id: 'recordKpiValue',
    method: 'PUT',
    path: `${PROJECT}/kpis/{kpiId}/values`,
    handler: fn('record-kpi-value'),
    summary: "Enter a manual KPI's value of a day (replacing that day's)",
    contract: {
      params: KpiParams,
      body: KpiValueBody,
      responses: { 200: { description: 'The value kept', schema: KpiPointView } },
    },
  }),
  computeKpi: defineRoute({
    ...write,
    id: 'computeKpi',
    method: 'POST',
    path: `${PROJECT}/kpis/{kpiId}/compute`,
    handler: fn('compute-kpi'),
    summary: "Compute a live KPI's value of today now (the daily trigger does the same)",
    contract: {
      params: KpiParams,
      responses: { 200: { description: "Today's value, with its period", schema: ComputedKpiView } },
    },
  }),
  getKpiHistory: defineRoute({
    ...read,
    id: 'getKpiHistory',
    method: 'GET',
    path: `${PROJECT}/kpis/{kpiId}/history`,
    handler: fn('get-kpi-history'),
    summary: "A KPI's values, one per day, paged by cursor",
    contract: {
      params: KpiParams,
      query: HistoryQuery,
      responses: { 200: { description: 'A page of values', schema: KpiHistoryPage } },
    },
  }),

  listLateMilestones: defineRoute({
    ...read,
    id: 'listLateMilestones',
    method: 'GET',
    path: `${PORTFOLIO}/late`,
    handler: fn('list-late-milestones'),
    summary: 'What is late: missed milestones, the oldest due first, with their projects; paged by cursor',
    contract: {
      params: TerritoryParams,
      query: LateQuery,
      responses: { 200: { description: 'A page of missed milestones', schema: LatePage } },
    },
  }),
  importPortfolioProjects: defineRoute({
    ...write,
    id: 'importPortfolioProjects',
    method: 'POST',
    path: `${PORTFOLIO}/import`,
    handler: fn('import-portfolio-projects'),
    maxBodyBytes: 5 * 1024 * 1024,
    bodyFormat: 'csv',
    summary:
      'Import projects from CSV (body text/csv, the columns of export.csv): all or nothing; a refused file lists each bad row',
    contract: {
      params: TerritoryParams,
      body: ProjectsCsv,
      responses: {
        200: { description: 'Every row written (or found unchanged)', schema: ImportResultView },
        422: {
          description: 'Nothing written: each bad row (1 = the header) and why',
          schema: ImportRefusedView,
          contentType: 'application/problem+json',
        },
      },
      problems: { 413: 'Body too large', 415: 'Body not sent as text/csv' },
    },
  }),
  exportPortfolioCsv: defineRoute({
    ...read,
    id: 'exportPortfolioCsv',
    method: 'GET',
    path: `${PORTFOLIO}/export.csv`,
    handler: fn('export-portfolio-csv'),
    summary: "The portfolio as CSV: projets-territoire's columns where they map, then the portfolio's",
    contract: {
      params: TerritoryParams,
      responses: { 200: { description: 'One row per project', contentType: 'text/csv', headers: attachment } },
    },
  }),
  exportPortfolioOc4ids: defineRoute({
    ...read,
    id: 'exportPortfolioOc4ids',
    method: 'GET',
    path: `${PORTFOLIO}/export.oc4ids.json`,
    handler: fn('export-portfolio-oc4ids'),
    summary: 'The portfolio as an OC4IDS 0.9 project package (validates against the 0.9.5 project schema)',
    contract: {
      params: TerritoryParams,
      responses: { 200: { description: 'The project package', schema: Oc4idsPackageView, headers: attachment } },
    },
  }),
} as const;
