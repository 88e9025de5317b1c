// GET /connexion
import { pageHandler } from '../../shared/portal/page-http';
import { signInPage } from '../../shared/portal/pages/sign-in-page';
import { signInProviders } from '../../shared/portal/portal-app';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';
import { redirectToProvider, safeReturnPath } from '../../shared/portal/sign-in-http';

export const handler = pageHandler(shellPageRoutes.getSignInPage, async ({ query }, page) => {
  const returnTo = safeReturnPath(query.retour);
  const provider = query.fournisseur === undefined ? undefined : signInProviders[query.fournisseur];
  if (provider) return redirectToProvider(page, provider, returnTo);
  return page.render(
    signInPage(page.t, {
      providers: signInProviders,
      returnTo,
      failed: query.echec !== undefined,
      ...(page.principal ? { signedInAs: page.principal.email ?? page.t.roles[page.principal.role] } : {}),
    }),
  );
});
