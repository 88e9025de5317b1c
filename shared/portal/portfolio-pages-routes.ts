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
import { Insee } from '../territory/territory';
import { definePageRoute, PageFormBody } from './page-route';

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
  getPortfolioPage: definePageRoute({
    id: 'getPortfolioPage',
    method: 'GET',
    path: '/portefeuille',
    table: 'read',
    summary: "The territory's projects, filtered by domain, commune, phase and status, by pages",
    contract: {
      query: z.object({
        domaine: orAll(z.enum(DOMAINS)),
        commune: orAll(Insee),
        phase: orAll(z.enum(PHASES)),
        statut: orAll(z.enum(STATUSES)),
        suite: Cursor,
      }),
    },
  }),
  getPortfolioLatePage: definePageRoute({
    id: 'getPortfolioLatePage',
    method: 'GET',
    path: '/portefeuille/en-retard',
    table: 'read',
    summary: 'What is late: the missed milestones of the territory, the oldest due first, with their projects',
    contract: { query: z.object({ suite: Cursor }) },
  }),
  getPortfolioProjectPage: definePageRoute({
    id: 'getPortfolioProjectPage',
    method: 'GET',
    path: PROJECT,
    table: 'read',
    summary:
      'A project: progress, budget (charts and tables), milestones, KPIs and their trend, partners, sub-projects',
    contract: { params: ProjectParams, query: z.object({ avis: z.enum(PORTFOLIO_NOTICES).optional() }) },
  }),
  getPortfolioProjectEditPage: definePageRoute({
    id: 'getPortfolioProjectEditPage',
    method: 'GET',
    path: `${PROJECT}/modifier`,
    table: 'read',
    summary: "An agent's form to change a project (title, description, phase, status, progress, weight, dates)",
    contract: { params: ProjectParams },
  }),
  submitPortfolioProjectForm: definePageRoute({
    id: 'submitPortfolioProjectForm',
    method: 'POST',
    path: `${PROJECT}/modifier`,
    table: 'write',
    publishesEvents: true,
    summary: 'Change a project at the version read: 303 to it, or the form again (a stale version says so)',
    ...form,
    contract: { params: ProjectParams, body: PageFormBody },
  }),
  getPortfolioBudgetLinePage: definePageRoute({
    id: 'getPortfolioBudgetLinePage',
    method: 'GET',
    path: `${PROJECT}/budget`,
    table: 'read',
    summary: "An agent's form to add a budget line to a project, or change one (?ligne=)",
    contract: { params: ProjectParams, query: z.object({ ligne: Ulid('a budget line id').optional() }) },
  }),
  submitPortfolioBudgetLineForm: definePageRoute({
    id: 'submitPortfolioBudgetLineForm',
    method: 'POST',
    path: `${PROJECT}/budget`,
    table: 'write',
    publishesEvents: true,
    summary: 'Save a budget line: 303 to the project, or the form again with its errors',
    ...form,
    contract: { params: ProjectParams, body: PageFormBody },
  }),
  getPortfolioMilestonePage: definePageRoute({
    id: 'getPortfolioMilestonePage',
    method: 'GET',
    path: `${PROJECT}/jalons`,
    table: 'read',
    summary: "An agent's form to add a milestone to a project, or change one (?jalon=)",
    contract: { params: ProjectParams, query: z.object({ jalon: Ulid('a milestone id').optional() }) },
  }),
  submitPortfolioMilestoneForm: definePageRoute({
    id: 'submitPortfolioMilestoneForm',
    method: 'POST',
    path: `${PROJECT}/jalons`,
    table: 'write',
    publishesEvents: true,
    summary: 'Save a milestone, or mark it met: 303 to the project, or the form again with its errors',
    ...form,
    contract: { params: ProjectParams, body: PageFormBody },
  }),
  getPortfolioKpiValuePage: definePageRoute({
    id: 'getPortfolioKpiValuePage',
    method: 'GET',
    path: `${PROJECT}/indicateurs/{kpiId}`,
    table: 'read',
    summary: "An agent's form to enter a manual KPI's value of a day",
    contract: { params: ProjectParams.extend({ kpiId: Ulid('a KPI id') }) },
  }),
  submitPortfolioKpiValueForm: definePageRoute({
    id: 'submitPortfolioKpiValueForm',
    method: 'POST',
    path: `${PROJECT}/indicateurs/{kpiId}`,
    table: 'write',
    publishesEvents: true,
    summary: "Enter a manual KPI's value: 303 to the project, or the form again with its errors",
    ...form,
    contract: { params: ProjectParams.extend({ kpiId: Ulid('a KPI id') }), body: PageFormBody },
  }),
} as const;
