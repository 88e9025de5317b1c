/**
 * The communes and their boundaries (territory admins): a table of each commune's boundary (source,
 * points, date), and for one commune the upload of a new boundary — a plain file input in a
 * multipart form, so it works without JavaScript. The form carries the boundary version it read.
 */
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import { ErrorSummary, fieldId, SubmitButton, TextField } from '../components/forms';
import { DateText, Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { communePaths, type CommuneNotice } from '../back-office-territory-forms';
import type { CommunesView } from '../back-office-territory-app';
import type { Commune } from '../../territory/territory';

type Values = Readonly<Record<string, string | undefined>>;

const UploadForm = ({
  commune,
  values,
  errors,
}: {
  readonly commune: Commune;
  readonly values: Values;
  readonly errors?: FormErrors;
}) => {
  const { t, csrfToken } = usePage();
  const c = t.backOfficeTerritory.communes;
  const action = communePaths.list();
  const fileError = errors?.fields.fichier;
  const id = fieldId('fichier');
  return (
    <section aria-labelledby="contour" class="back-office-territory__panel">
      <h2 id="contour" tabindex={-1}>
        {c.formTitle(commune.name)}
      </h2>
      <form method="post" action={action} enctype="multipart/form-data" novalidate>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="_csrf" value={csrfToken(action)} />
        <input type="hidden" name="commune" value={commune.insee} />
        <input type="hidden" name="version" value={values.version ?? String(commune.boundary?.version ?? 0)} />
        <div class={fileError ? 'field field--error' : 'field'}>
          <label class="field__label" for={id}>
            {c.file}
          </label>
          <p class="field__hint" id={`${id}-aide`}>
            {c.fileHint}
          </p>
          {fileError && (
            <p class="field__error" id={`${id}-erreur`}>
              <span class="visually-hidden">{t.forms.errorPrefix} </span>
              {fileError}
            </p>
          )}
          <input
            class="input"
            type="file"
            id={id}
            name="fichier"
            accept=".geojson,.json,application/geo+json,application/json"
            required
            aria-describedby={fileError ? `${id}-aide ${id}-erreur` : `${id}-aide`}
            aria-invalid={fileError ? 'true' : undefined}
          />
        </div>
        <TextField
          name="source"
          label={c.sourceLabel}
          hint={c.sourceHint}
          value={values.source}
          error={errors?.fields.source}
          maxLength={200}
        />
        <SubmitButton>{c.upload}</SubmitButton>
      </form>
      <p>
        <a href={communePaths.list()}>{t.backOfficeTerritory.cancel}</a>
      </p>
    </section>
  );
};

export const communesPage = (
  t: Messages,
  view: CommunesView,
  options: { readonly values?: Values; readonly errors?: FormErrors; readonly notice?: CommuneNotice } = {},
): PageContent => {
  const c = t.backOfficeTerritory.communes;
  return backOfficePage({
    title: c.title,
    hasErrors: options.errors !== undefined,
    body: (
      <>
        <h1>{c.title}</h1>
        {options.notice && view.commune && (
          <Notice kind="success">
            <p>{c.saved(view.commune.name)}</p>
          </Notice>
        )}
        <p>{c.intro}</p>
        {view.commune && (
          <UploadForm
            commune={view.commune}
            values={options.values ?? { source: view.commune.boundary?.source }}
            {...(options.errors ? { errors: options.errors } : {})}
          />
        )}
        <DataTable id="tableau-communes" caption={c.caption} captionHidden>
          <thead>
            <tr>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.insee}</th>
              <th scope="col">{c.source}</th>
              <th scope="col">{c.vertices}</th>
              <th scope="col">{c.updated}</th>
              <th scope="col">{c.action}</th>
            </tr>
          </thead>
          <tbody>
            {view.communes.map((commune) => (
              <tr key={commune.insee}>
                <th scope="row">{commune.name}</th>
                <td>{commune.insee}</td>
                <td>{commune.boundary?.source ?? c.none}</td>
                <td>{commune.boundary?.vertices ?? '—'}</td>
                <td>{commune.boundary ? <DateText iso={commune.boundary.updatedAt} /> : '—'}</td>
                <td>
                  <a href={`${communePaths.list({ commune: commune.insee })}#contour`}>{c.replace(commune.name)}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </>
    ),
  });
};
