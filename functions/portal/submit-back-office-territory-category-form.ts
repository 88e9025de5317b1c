// POST /agents/territoire/categories/{code}
import { submitCategoryForm } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.submitBackOfficeTerritoryCategoryForm,
  async ({ params, body }, page) => submitCategoryForm(page, body, params.code),
  { signedIn: 'agent' },
);
