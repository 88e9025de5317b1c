/** An error as a page: what happened in plain French, the way back, and the incident's reference for a 500. */
import type { Messages } from '../i18n';
import type { PageContent } from '../render';
import { portalPaths } from '../portal-paths';

export const errorPage = (t: Messages, status: number, correlationId?: string): PageContent => {
  const text = t.errorPages.byStatus[status] ?? t.errorPages.byStatus[status >= 500 ? 500 : 400]!;
  return {
    title: text.title,
    body: (
      <>
        <h1>{text.title}</h1>
        <p>{text.text}</p>
        {status >= 500 && correlationId && <p class="muted">{t.errorPages.reference(correlationId)}</p>}
        <p>
          <a href={portalPaths.home}>{t.errorPages.back}</a>
        </p>
      </>
    ),
  };
};
