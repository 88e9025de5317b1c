/**
 * "Mes données": a signed-in citizen downloads what the platform holds about them and may ask for
 * its erasure (a checkbox confirms; the work is done by a queue consumer within minutes, and the
 * page says where the request stands).
 */
import type { ErasureRequest } from '../../privacy/erasure';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Choices, Form, SubmitButton } from '../components/forms';
import { formatDate, Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';

export interface MyDataView {
  readonly request?: Pick<ErasureRequest, 'state' | 'requestedAt' | 'completedAt'>;
  readonly notice?: 'effacement';
  readonly errors?: FormErrors;
}

const RequestState = ({ t, request }: { readonly t: Messages; readonly request: MyDataView['request'] }) => {
  if (!request) return null;
  const s = t.privacyPages.state;
  const date = formatDate(
    request.state === 'done' ? (request.completedAt ?? request.requestedAt) : request.requestedAt,
  );
  return (
    <section aria-labelledby="etat-effacement">
      <h2 id="etat-effacement">{s.title}</h2>
      <p>{request.state === 'done' ? s.done(date) : s.pending(date)}</p>
    </section>
  );
};

export const myDataPage = (t: Messages, view: MyDataView): PageContent => {
  const p = t.privacyPages;
  return {
    title: p.title,
    hasErrors: view.errors !== undefined,
    body: (
      <>
        <Breadcrumbs items={[{ label: t.nav.home, href: portalPaths.home }, { label: p.title }]} />
        <h1>{p.title}</h1>
        {view.notice && <Notice kind="success">{p.notices[view.notice]}</Notice>}
        <p>
          {p.intro} <a href={portalPaths.privacy}>{p.whatIsKept}</a>
        </p>
        <RequestState t={t} request={view.request} />
        <section aria-labelledby="telecharger">
          <h2 id="telecharger">{p.download.title}</h2>
          <p>{p.download.text}</p>
          <p>
            <a href={portalPaths.myDataExport} download>
              {p.download.link}
            </a>
          </p>
        </section>
        {/* A pending request is the request: the form comes back once it is done. */}
        {view.request?.state !== 'pending' && (
          <section aria-labelledby="effacer">
            <h2 id="effacer">{p.erase.title}</h2>
            <p>{p.erase.text}</p>
            <Form action={portalPaths.myDataErasure} errors={view.errors} label={p.erase.title}>
              <Choices
                name="confirmation"
                legend={p.erase.confirmLegend}
                multiple
                choices={[{ value: 'oui', label: p.erase.confirm }]}
                error={view.errors?.fields.confirmation}
              />
              <SubmitButton>{p.erase.submit}</SubmitButton>
            </Form>
          </section>
        )}
      </>
    ),
  };
};
