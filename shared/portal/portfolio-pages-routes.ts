/**
 * The portfolio's pages: the public portfolio of the territory (filtered by domain, commune, phase
 * and status, by pages), a project (progress, budget, milestones, KPIs with their trend, partners,
 * sub-projects), what is late; and the agents' forms (a project, a budget line, a milestone, a
 * manual KPI value). Declared like every page (page-route.ts) and spread into portal-routes.ts.
 * Forms post to their own route and answer 303 → the project (POST-redirect-GET), or the form
 * again with 400/422 and the refusal next to the field.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { DOMAINS, PHASES, STATUSES } from '../portfolio/portfolio';
import { Insee } from '../territory/territory-schemas';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, PageFormBody, pageHandlerPath as page } from './page-route';

const PROJECT = '/portefeuille/projets/{projectId}';
const ProjectParams = z.object({ projectId: Ulid('a project id') });

/** An optional filter whose empty value (the form's "all") means absent. */
const orAll = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** What a form's 303 asks the project page to say. */
export const PORTFOLIO_NOTICES = ['projet', 'ligne', 'jalon', 'jalon-atteint', 'valeur'] as const;
export type PortfolioNotice = (typeof PORTFOLIO_NOTICES)[number];

const form = { bodyFormat: 'form', maxBodyBytes: 64 * 1024 } as const;

export const portfolioPageRoutes = {
  getPortfolioPage: defineRoute({
    id: 'getPortfolioPage',
    method: 'GET',
    path: '/portefeuille',
    handler: page('get-portfolio-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "The territory's projects, filtered by domain, commune, phase and status, by pages",
    hidden: true,
    contract: {
      query: z.object({
        domaine: orAll(z.enum(DOMAINS)),
        commune: orAll(Insee),
        phase: orAll(z.enum(PHASES)),
        statut: orAll(z.enum(STATUSES)),
        suite: Cursor,
      }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getPortfolioLatePage: defineRoute({
    id: 'getPortfolioLatePage',
    method: 'GET',
    path: '/portefeuille/en-retard',
    handler: page('get-portfolio-late-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'What is late: the missed milestones of the territory, the oldest due first, with their projects',
    hidden: true,
    contract: { query: z.object({ suite: Cursor }), responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getPortfolioProjectPage: defineRoute({
    id: 'getPortfolioProjectPage',
    method: 'GET',
    path: PROJECT,
    handler: page('get-portfolio-project-page'),
    access: 'public',
    table: 'read',
    tag,
    summary:
      'A project: progress, budget (charts and tables), milestones, KPIs and their trend, partners, sub-projects',
    hidden: true,
    contract: {
      params: ProjectParams,
      query: z.object({ avis: z.enum(PORTFOLIO_NOTICES).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getPortfolioProjectEditPage: defineRoute({
    id: 'getPortfolioProjectEditPage',
    method: 'GET',
    path: `${PROJECT}/modifier`,
    handler: page('get-portfolio-project-edit-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "An agent's form to change a project (title, description, phase, status, progress, weight, dates)",
    hidden: true,
    contract: { params: ProjectParams, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  submitPortfolioProjectForm: defineRoute({
    id: 'submitPortfolioProjectForm',
    method: 'POST',
    path: `${PROJECT}/modifier`,
    handler: page('submit-portfolio-project-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Change a project at the version read: 303 to it, or the form again (a stale version says so)',
    hidden: true,
    ...form,
    contract: { params: ProjectParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getPortfolioBudgetLinePage: defineRoute({
    id: 'getPortfolioBudgetLinePage',
    method: 'GET',
    path: `${PROJECT}/budget`,
    handler: page('get-portfolio-budget-line-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "An agent's form to add a budget line to a project, or change one (?ligne=)",
    hidden: true,
    contract: {
      params: ProjectParams,
      query: z.object({ ligne: Ulid('a budget line id').optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitPortfolioBudgetLineForm: defineRoute({
    id: 'submitPortfolioBudgetLineForm',
    method: 'POST',
    path: `${PROJECT}/budget`,
    handler: page('submit-portfolio-budget-line-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Save a budget line: 303 to the project, or the form again with its errors',
    hidden: true,
    ...form,
    contract: { params: ProjectParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getPortfolioMilestonePage: defineRoute({
    id: 'getPortfolioMilestonePage',
    method: 'GET',
    path: `${PROJECT}/jalons`,
    handler: page('get-portfolio-milestone-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "An agent's form to add a milestone to a project, or change one (?jalon=)",
    hidden: true,
    contract: {
      params: ProjectParams,
      query: z.object({ jalon: Ulid('a milestone id').optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitPortfolioMilestoneForm: defineRoute({
    id: 'submitPortfolioMilestoneForm',
    method: 'POST',
    path: `${PROJECT}/jalons`,
    handler: page('submit-portfolio-milestone-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Save a milestone, or mark it met: 303 to the project, or the form again with its errors',
    hidden: true,
    ...form,
    contract: { params: ProjectParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getPortfolioKpiValuePage: defineRoute({
    id: 'getPortfolioKpiValuePage',
    method: 'GET',
    path: `${PROJECT}/indicateurs/{kpiId}`,
    handler: page('get-portfolio-kpi-value-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "An agent's form to enter a manual KPI's value of a day",
    hidden: true,
    contract: {
      params: ProjectParams.extend({ kpiId: Ulid('a KPI id') }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitPortfolioKpiValueForm: defineRoute({
    id: 'submitPortfolioKpiValueForm',
    method: 'POST',
    path: `${PROJECT}/indicateurs/{kpiId}`,
    handler: page('submit-portfolio-kpi-value-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: "Enter a manual KPI's value: 303 to the project, or the form again with its errors",
    hidden: true,
    ...form,
    contract: {
      params: ProjectParams.extend({ kpiId: Ulid('a KPI id') }),
      body: PageFormBody,
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
} as const;
