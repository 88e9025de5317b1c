// PUT /territories/{siren}/portfolio/projects/{projectId}/budget-lines/{lineId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { budgetLineView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.updateBudgetLine, async ({ params, body, principal }) =>
  ok(budgetLineView(await portfolio.saveBudgetLine(principal, params.siren, params.projectId, params.lineId, body))),
);
