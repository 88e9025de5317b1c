// POST /agents/territoire/categories/nouvelle
import { submitCategoryForm } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.submitBackOfficeTerritoryNewCategoryForm,
  async ({ body }, page) => submitCategoryForm(page, body),
  { signedIn: 'agent' },
);
