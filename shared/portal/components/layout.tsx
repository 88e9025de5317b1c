/**
 * The frame of every page: skip link, header (banner) with the main navigation, main content,
 * footer with the site's legal pages. French by default (`lang` from the catalogue).
 *
 * Why preact + preact-render-to-string for the templates: typed JSX (a misspelt prop or a missing
 * string is a type error), text and attribute values escaped by default (an XSS needs the explicit
 * `dangerouslySetInnerHTML`, which the portal never uses), one small well-kept library (preact 11,
 * ~10 KB; the renderer ~6 KB) that esbuild, tsc and swc compile with a two-line JSX setting, and
 * the same components could hydrate in the browser if a page ever needs it. Template-literal HTML
 * would escape nothing by default; React would bring ten times the code for the same output.
 */
import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import { portfolioPaths } from '../portfolio-paths';
import { backOfficePaths } from '../back-office-paths';

export interface LayoutProps {
  /** The page's title, before the site name in <title>; say "Erreur : " first when a form is refused. */
  readonly title: string;
  /** Extra stylesheets by logical name (map.css on pages with a map). */
  readonly stylesheets?: readonly string[];
  readonly children: ComponentChildren;
}

interface NavItem {
  readonly href: string;
  readonly label: string;
}

const NavLink = ({ item, current }: { readonly item: NavItem; readonly current: string }) => {
  const isCurrent = item.href === '/' ? current === '/' : current === item.href || current.startsWith(`${item.href}/`);
  return (
    <li>
      <a href={item.href} aria-current={isCurrent ? 'page' : undefined}>
        {item.label}
      </a>
    </li>
  );
};

const Account = () => {
  const { t, visitor, path, csrfToken } = usePage();
  if (!visitor) {
    return (
      <a class="account-link" href={portalPaths.signIn(path)}>
        {t.nav.signIn}
      </a>
    );
  }
  return (
    <form class="account" method="post" action={portalPaths.signOut}>
      <span class="account-who">{t.nav.signedInAs(`${visitor.label} (${t.roles[visitor.role] ?? visitor.role})`)}</span>
      <input type="hidden" name="_csrf" value={csrfToken(portalPaths.signOut)} />
      <button type="submit" class="button button--secondary button--small">
        {t.nav.signOut}
      </button>
    </form>
  );
};

export const Layout = ({ title, stylesheets = [], children }: LayoutProps) => {
  const { t, path, asset, visitor } = usePage();
  const nav: NavItem[] = [
    { href: portalPaths.home, label: t.nav.home },
    { href: portalPaths.reportProblem, label: t.nav.report },
    { href: portalPaths.consultations, label: t.nav.consultations },
    { href: portalPaths.sensors, label: t.nav.sensors },
    { href: portfolioPaths.list, label: t.portfolio.nav },
    ...(visitor ? [{ href: portalPaths.myReports, label: t.nav.myReports }] : []),
    ...(visitor && visitor.role !== 'citizen' ? [{ href: backOfficePaths.home, label: t.backOffice.mainNav }] : []),
  ];
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.site.title(title)}</title>
        <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={asset('portal.css')} />
        {stylesheets.map((name) => (
          <link key={name} rel="stylesheet" href={asset(name)} />
        ))}
        <script type="module" src={asset('portal.js')} />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {t.site.skipLink}
        </a>
        <header class="site-header">
          <div class="container site-header__bar">
            <p class="brand">
              <a class="brand__name" href={portalPaths.home} title={t.site.homeLink}>
                {t.site.name}
              </a>
              <span class="brand__tagline">{t.site.tagline}</span>
            </p>
            <Account />
          </div>
          <nav class="main-nav" aria-label={t.site.mainNav}>
            <ul class="container main-nav__list">
              {nav.map((item) => (
                <NavLink key={item.href} item={item} current={path} />
              ))}
            </ul>
          </nav>
        </header>
        <main id="contenu" class="container main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <nav aria-label={t.site.footerNav}>
              <ul class="site-footer__links">
                <li>
                  <a href={portalPaths.accessibility}>{t.footer.accessibility}</a>
                </li>
                <li>
                  <a href={portalPaths.legalNotice}>{t.footer.legal}</a>
                </li>
                <li>
                  <a href={portalPaths.privacy}>{t.footer.privacy}</a>
                </li>
                <li>
                  <a href={portalPaths.apiReference}>{t.footer.api}</a>
                </li>
              </ul>
            </nav>
            <p class="site-footer__licence">{t.footer.licence}</p>
          </div>
        </footer>
      </body>
    </html>
  );
};
