// GET /agents/territoire/categories/nouvelle
import { loadCategories } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { categoryFormPage } from '../../shared/portal/pages/back-office-territory-categories';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryNewCategoryPage,
  async (_request, page) => {
    const view = await loadCategories(page.principal!);
    const title = page.t.backOfficeTerritory.category.createTitle;
    return page.render(categoryFormPage(page.t, { ...view, title, values: { active: 'oui', level: 'territory' } }));
  },
  { signedIn: 'agent' },
);
