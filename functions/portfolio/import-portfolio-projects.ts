// POST /territories/{siren}/portfolio/import   (body: text/csv)
import { portfolioExchange } from '../../shared/portfolio/portfolio-exchange-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { importRefusedProblem } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';
import { count } from '../../shared/runtime/metrics';

export const handler = httpHandler(portfolioRoutes.importPortfolioProjects, async (request) => {
  const outcome = await portfolioExchange.importProjects(request.principal, request.params.siren, request.body);
  if (!outcome.ok)
    return {
      status: 422 as const,
      body: importRefusedProblem(outcome.rows, request.path),
      contentType: 'application/problem+json',
    };
  const { ok: _ok, ...result } = outcome;
  count('ProjectsImported', result.created + result.updated);
  return ok(result);
});
