// GET /agents/territoire/categories/{code}
import { categoryValues, loadCategory } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { categoryFormPage } from '../../shared/portal/pages/back-office-territory-categories';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryCategoryPage,
  async ({ params }, page) => {
    const view = await loadCategory(page.principal!, params.code);
    const category = view.category!;
    return page.render(
      categoryFormPage(page.t, {
        ...view,
        code: category.code,
        title: page.t.backOfficeTerritory.category.editTitle(category.name),
        values: categoryValues(category),
      }),
    );
  },
  { signedIn: 'agent' },
);
