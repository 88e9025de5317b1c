// POST /agents/territoire/categories/{code}
import { submitCategoryForm } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.submitBackOfficeTerritoryCategoryForm,
  async ({ params, body }, page) => submitCategoryForm(page, body, params.code),
  { signedIn: 'agent' },
);
