/**
 * The URLs of the portfolio's pages, in French, in one place (as portal-paths.ts for the others):
 * templates link with these, portfolio-pages-routes.ts declares the same paths.
 */
const id = (value: string) => encodeURIComponent(value);

const withQuery = (path: string, query: Readonly<Record<string, string | undefined>>) => {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

export const portfolioPaths = {
  list: '/portefeuille',
  /** The list with its filters (and the page after `suite`). */
  filtered: (query: Readonly<Record<string, string | undefined>>) => withQuery('/portefeuille', query),
  late: '/portefeuille/en-retard',
  lateAfter: (cursor: string) => withQuery('/portefeuille/en-retard', { suite: cursor }),
  project: (projectId: string, notice?: string) =>
    withQuery(`/portefeuille/projets/${id(projectId)}`, { avis: notice }),
  edit: (projectId: string) => `/portefeuille/projets/${id(projectId)}/modifier`,
  /** The budget line form: a new line, or `lineId`'s. */
  budgetLine: (projectId: string, lineId?: string) =>
    withQuery(`/portefeuille/projets/${id(projectId)}/budget`, { ligne: lineId }),
  budgetLines: (projectId: string) => `/portefeuille/projets/${id(projectId)}/budget`,
  /** The milestone form: a new milestone, or `milestoneId`'s. */
  milestone: (projectId: string, milestoneId?: string) =>
    withQuery(`/portefeuille/projets/${id(projectId)}/jalons`, { jalon: milestoneId }),
  milestones: (projectId: string) => `/portefeuille/projets/${id(projectId)}/jalons`,
  kpiValue: (projectId: string, kpiId: string) => `/portefeuille/projets/${id(projectId)}/indicateurs/${id(kpiId)}`,
} as const;
