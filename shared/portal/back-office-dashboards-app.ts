/**
 * The dashboards' page loads its figures through the statistics use cases (which check who may
 * read them) and names the CSV of each table with the page's own filters.
 */
import { InvalidInputError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { isMonth } from '../statistics/statistics';
import { statistics } from '../statistics/statistics-app';
import { csvOf, MAX_MONTHS, tableOf, type Dashboard, type TableName } from '../statistics/statistics-use-cases';
import { backOfficePaths, withQuery } from './back-office-paths';
import type { FormErrors } from './form-errors';
import type { Messages } from './i18n';

export interface DashboardsFilter {
  readonly du?: string | undefined;
  readonly au?: string | undefined;
  readonly commune?: string | undefined;
  readonly categorie?: string | undefined;
}

export interface DashboardsView {
  readonly dashboard: Dashboard;
  /** The period as typed, refused: said next to its field; the figures are then the default period's. */
  readonly errors: FormErrors;
  readonly typed: { readonly du?: string | undefined; readonly au?: string | undefined };
  /** Each table's CSV, with the period and scope the page shows. */
  readonly csv: (table: TableName) => string;
}

const queryOf = (filter: DashboardsFilter) => ({
  ...(filter.du ? { from: filter.du } : {}),
  ...(filter.au ? { to: filter.au } : {}),
  ...(filter.commune ? { commune: filter.commune } : {}),
  ...(filter.categorie ? { category: filter.categorie } : {}),
});

export const loadDashboards = async (
  t: Messages,
  principal: Principal,
  filter: DashboardsFilter,
): Promise<DashboardsView> => {
  const f = t.backOfficeDashboards.filters;
  const fields: Record<string, string> = {};
  if (filter.du && !isMonth(filter.du)) fields.du = f.monthInvalid(f.from);
  if (filter.au && !isMonth(filter.au)) fields.au = f.monthInvalid(f.to);
  const load = (period: boolean) =>
    statistics.dashboard(
      principal,
      principal.territory ?? '',
      queryOf(period ? filter : { ...filter, du: undefined, au: undefined }),
    );
  let dashboard: Dashboard | undefined;
  if (Object.keys(fields).length === 0) {
    try {
      dashboard = await load(true);
    } catch (error) {
      // An empty or too long period: said next to the first month.
      if (!(error instanceof InvalidInputError)) throw error;
      fields.du = f.periodInvalid(MAX_MONTHS);
    }
  }
  dashboard ??= await load(false);
  const query = {
    du: dashboard.from,
    au: dashboard.to,
    commune: dashboard.communeFixed ? undefined : dashboard.commune,
    categorie: dashboard.category,
  };
  return {
    dashboard,
    errors: { fields, general: [] },
    typed: { du: filter.du, au: filter.au },
    csv: (table) => withQuery(`${backOfficePaths.dashboards}/${table}`, query),
  };
};

/** One table as CSV: the same rows as the page's. */
export const loadDashboardsCsv = async (principal: Principal, table: TableName, filter: DashboardsFilter) => {
  const dashboard = await statistics.dashboard(principal, principal.territory ?? '', queryOf(filter));
  return {
    filename: `${table}-${dashboard.commune ?? dashboard.territory}-${dashboard.from}-${dashboard.to}.csv`,
    text: csvOf(tableOf(dashboard, table)),
  };
};
