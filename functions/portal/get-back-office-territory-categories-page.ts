// GET /agents/territoire/categories
import { loadCategories } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { categoriesPage } from '../../shared/portal/pages/back-office-territory-categories';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryCategoriesPage,
  async ({ query }, page) =>
    page.render(
      categoriesPage(
        page.t,
        await loadCategories(page.principal!),
        query.avis ? { kind: query.avis, ...(query.code ? { code: query.code } : {}) } : undefined,
      ),
    ),
  { signedIn: 'agent' },
);
