// DELETE /territories/{siren}/portfolio/projects/{projectId}/budget-lines/{lineId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.deleteBudgetLine, async ({ params, principal }) => {
  await portfolio.deleteBudgetLine(principal, params.siren, params.projectId, params.lineId);
  return noContent();
});
