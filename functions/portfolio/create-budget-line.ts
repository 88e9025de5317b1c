// POST /territories/{siren}/portfolio/projects/{projectId}/budget-lines
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { budgetLineView } from '../../shared/portfolio/portfolio-schemas';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.createBudgetLine, async ({ params, body, principal }) => {
  const line = await portfolio.saveBudgetLine(principal, params.siren, params.projectId, undefined, body);
  return created(
    budgetLineView(line),
    `/territories/${params.siren}/portfolio/projects/${params.projectId}/budget-lines/${line.id}`,
  );
});
