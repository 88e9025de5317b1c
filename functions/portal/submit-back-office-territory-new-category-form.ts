// POST /agents/territoire/categories/nouvelle
import { submitCategoryForm } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.submitBackOfficeTerritoryNewCategoryForm,
  async ({ body }, page) => submitCategoryForm(page, body),
  { signedIn: 'agent' },
);
