// GET /territories/{siren}/portfolio/export.oc4ids.json
import { portfolioExchange } from '../../shared/portfolio/portfolio-exchange-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.exportPortfolioOc4ids, async ({ params }) => ({
  status: 200 as const,
  body: await portfolioExchange.exportOc4ids(params.siren),
  headers: { 'Content-Disposition': `attachment; filename="portefeuille-${params.siren}.oc4ids.json"` },
}));
