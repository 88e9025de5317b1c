/** Sign-in: one link per identity provider the platform trusts (each starts the OIDC code flow). */
import { Notice } from '../components/ui';
import type { Messages } from '../i18n';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';

export interface SignInView {
  readonly providers: readonly { readonly index: number; readonly label: string }[];
  /** Where to go back after signing in. */
  readonly returnTo?: string;
  /** The previous attempt failed. */
  readonly failed: boolean;
  /** Who is signed in already, if anyone. */
  readonly signedInAs?: string;
}

const providerHref = (index: number, returnTo: string | undefined) =>
  `${portalPaths.signIn(returnTo)}${returnTo && returnTo !== '/' ? '&' : '?'}fournisseur=${index}`;

export const signInPage = (t: Messages, view: SignInView): PageContent => ({
  title: t.signIn.title,
  body: (
    <>
      <h1>{t.signIn.title}</h1>
      {view.failed && (
        <div class="notice notice--warning" role="alert">
          <p>{t.signIn.failed}</p>
        </div>
      )}
      {view.signedInAs && (
        <Notice kind="success">
          <p>
            {t.signIn.signedIn} {t.nav.signedInAs(view.signedInAs)}
          </p>
        </Notice>
      )}
      <p class="lead">{t.signIn.intro}</p>
      {view.providers.length === 0 ? (
        <p>{t.signIn.noProvider}</p>
      ) : (
        <section aria-labelledby="providers">
          <h2 id="providers">{t.signIn.choose}</h2>
          <ul class="provider-list">
            {view.providers.map((provider) => (
              <li key={provider.index}>
                <a class="button button--primary" href={providerHref(provider.index, view.returnTo)}>
                  {t.signIn.with(provider.label)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  ),
});
