/**
 * Keys of the portfolio context (portfolio-store.ts lists the access patterns they serve). Every
 * key starts with the territory, but for the scheduled triggers' work lists (sparse indexes over
 * every territory, like the outbox's).
 *
 * pk = TERRITORY#<siren>#PORTFOLIO
 *   PROJECT#<id>                                 a project (with its children's entries and budget totals)
 *     gsi1 …#PORTFOLIO#DOMAIN#<domain>  / <sortKey>    by domain
 *     gsi2 …#PORTFOLIO#PHASE#<phase>    / <sortKey>    by phase
 *     gsi3 …#PORTFOLIO#STATUS#<status>  / <sortKey>    by status
 *     gsi4 …#PORTFOLIO#CHILDREN#<parentId | ROOT> / <sortKey>   children of a project, top level
 *     gsi5 …#PORTFOLIO#ALL              / <sortKey>    every project
 * pk = TERRITORY#<siren>#PORTFOLIO#COMMUNE#<insee>
 *   <sortKey>                                    a project concerning the commune (id, domain, phase, status)
 * pk = TERRITORY#<siren>#PROJECT#<id>
 *   BUDGET#<lineId>                              a budget line
 *   MILESTONE#<milestoneId>                      a milestone
 *     gsi6 PORTFOLIO#MILESTONE-DUE / <dueDate>#<siren>#<projectId>#<id>   while scheduled (every territory)
 *     gsi1 …#PORTFOLIO#LATE-MILESTONES / <dueDate>#<projectId>#<id>      while missed ("what is late")
 *     gsi7 PORTFOLIO#REMINDER-PENDING / <missedAt>#<siren>#<projectId>#<id>  until its mail is claimed
 *   REMINDER#<milestoneId>#<dueDate>             the claim of its one mail
 *   KPI#<kpiId>                                  a KPI
 *     gsi6 PORTFOLIO#LIVE-KPIS / <siren>#<projectId>#<kpiId>             live ones (every territory)
 *   KPIPOINT#<kpiId>#<date>                      one value per KPI and day
 * (sortKey = the title without case or accents, then the id: portfolio.ts sortKeyOf.)
 */
export const portfolioPk = (siren: string) => `TERRITORY#${siren}#PORTFOLIO`;
export const PROJECT_PREFIX = 'PROJECT#';
export const projectKey = (siren: string, id: string) => ({ pk: portfolioPk(siren), sk: `${PROJECT_PREFIX}${id}` });

export type ProjectIndex = 'domain' | 'phase' | 'status' | 'children' | 'all';
export const indexPk = (siren: string, index: ProjectIndex, value = '') =>
  `${portfolioPk(siren)}#${index.toUpperCase()}${index === 'all' ? '' : `#${value}`}`;
export const ROOT = 'ROOT';

export const communePk = (siren: string, insee: string) => `${portfolioPk(siren)}#COMMUNE#${insee}`;

export const projectPk = (siren: string, projectId: string) => `TERRITORY#${siren}#PROJECT#${projectId}`;
export const BUDGET_PREFIX = 'BUDGET#';
export const MILESTONE_PREFIX = 'MILESTONE#';
export const KPI_PREFIX = 'KPI#';
export const kpiPointPrefix = (kpiId: string) => `KPIPOINT#${kpiId}#`;
export const budgetLineKey = (siren: string, projectId: string, id: string) => ({
  pk: projectPk(siren, projectId),
  sk: `${BUDGET_PREFIX}${id}`,
});
export const milestoneKey = (siren: string, projectId: string, id: string) => ({
  pk: projectPk(siren, projectId),
  sk: `${MILESTONE_PREFIX}${id}`,
});
export const kpiKey = (siren: string, projectId: string, id: string) => ({
  pk: projectPk(siren, projectId),
  sk: `${KPI_PREFIX}${id}`,
});
export const kpiPointKey = (siren: string, projectId: string, kpiId: string, date: string) => ({
  pk: projectPk(siren, projectId),
  sk: `${kpiPointPrefix(kpiId)}${date}`,
});
export const reminderKey = (siren: string, projectId: string, milestoneId: string, dueDate: string) => ({
  pk: projectPk(siren, projectId),
  sk: `REMINDER#${milestoneId}#${dueDate}`,
});

/** Work lists of the scheduled triggers (sparse, every territory). */
export const MILESTONE_DUE_PK = 'PORTFOLIO#MILESTONE-DUE';
export const REMINDER_PENDING_PK = 'PORTFOLIO#REMINDER-PENDING';
export const LIVE_KPIS_PK = 'PORTFOLIO#LIVE-KPIS';
export const lateMilestonesPk = (siren: string) => `${portfolioPk(siren)}#LATE-MILESTONES`;
