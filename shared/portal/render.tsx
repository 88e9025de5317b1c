/**
 * A page as the browser gets it: the doctype, then the layout around the page's body, rendered
 * to a string by preact-render-to-string (which escapes every text and attribute value).
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout } from './components/layout';
import { PageContextValue, type PageContext } from './page-context';

export interface PageContent {
  /** The page's own title (its h1 says the same or more). */
  readonly title: string;
  readonly body: ComponentChildren;
  /** Extra stylesheets by logical name (map.css). */
  readonly stylesheets?: readonly string[];
  /** A refused form: the title starts with "Erreur :", as screen reader users hear first. */
  readonly hasErrors?: boolean;
}

export const renderPage = (context: PageContext, content: PageContent): string => {
  const title = content.hasErrors ? `${context.t.forms.errorPrefix} ${content.title}` : content.title;
  return `<!doctype html>${renderToString(
    <PageContextValue.Provider value={context}>
      <Layout title={title} stylesheets={content.stylesheets}>
        {content.body}
      </Layout>
    </PageContextValue.Provider>,
  )}`;
};
