// GET /territories/{siren}/portfolio/projects/{projectId}/budget-lines
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { budgetLineView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.listBudgetLines, async ({ params }) =>
  ok({ items: (await portfolio.listBudgetLines(params.siren, params.projectId)).map(budgetLineView) }),
);
