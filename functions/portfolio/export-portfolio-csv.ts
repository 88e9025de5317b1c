// GET /territories/{siren}/portfolio/export.csv
import { portfolioExchange } from '../../shared/portfolio/portfolio-exchange-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.exportPortfolioCsv, async ({ params }) => ({
  status: 200 as const,
  text: await portfolioExchange.exportCsv(params.siren),
  contentType: 'text/csv; charset=utf-8',
  headers: { 'Content-Disposition': `attachment; filename="portefeuille-${params.siren}.csv"` },
}));
