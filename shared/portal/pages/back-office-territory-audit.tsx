/**
 * The audit log (territory admins): a GET form narrows it by type of action, days (Paris) and
 * actor; a table lists the entries newest first, each with its before → after, by pages (cursor).
 */
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import { ErrorSummary, TextField } from '../components/forms';
import { DateText, NextPageLink } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { backOfficePaths } from '../back-office-paths';
import { territoryAdminPaths } from '../back-office-territory-forms';
import type { AuditLogView } from '../back-office-territory-app';

type FilterValues = Readonly<Record<string, string | undefined>>;

const Change = ({ value }: { readonly value: unknown }) => {
  const { t } = usePage();
  if (value === null || value === undefined) return <p class="muted">{t.backOfficeTerritory.audit.nothing}</p>;
  return <pre class="back-office-territory__json">{JSON.stringify(value, null, 2)}</pre>;
};

const Filters = ({ values, errors }: { readonly values: FilterValues; readonly errors?: FormErrors }) => {
  const { t } = usePage();
  const a = t.backOfficeTerritory.audit;
  const e = errors?.fields ?? {};
  return (
    <form method="get" action={backOfficePaths.auditLog} class="filters" aria-labelledby="filtres" novalidate>
      <h2 id="filtres" class="filters__title">
        {a.filters}
      </h2>
      <ErrorSummary errors={errors} />
      <div class="filters__fields">
        <div class={e.type ? 'field field--error' : 'field'}>
          <label class="field__label" for="champ-type">
            {a.type}
          </label>
          {e.type && (
            <p class="field__error" id="champ-type-erreur">
              {e.type}
            </p>
          )}
          <select
            id="champ-type"
            name="type"
            class="input select"
            aria-describedby={e.type ? 'champ-type-erreur' : undefined}
            aria-invalid={e.type ? 'true' : undefined}
          >
            <option value="">{a.allTypes}</option>
            {Object.entries(a.families).map(([value, label]) => (
              <option key={value} value={value} selected={values.type === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="du"
          type="date"
          label={a.from}
          hint={a.dateHint}
          value={values.du}
          error={e.du}
          width="medium"
          optional
        />
        <TextField
          name="au"
          type="date"
          label={a.to}
          hint={a.dateHint}
          value={values.au}
          error={e.au}
          width="medium"
          optional
        />
        <TextField
          name="acteur"
          label={a.actor}
          hint={a.actorHint}
          value={values.acteur}
          error={e.acteur}
          maxLength={200}
          optional
        />
      </div>
      <p>
        <button type="submit" class="button button--primary">
          {a.filter}
        </button>{' '}
        <a href={backOfficePaths.auditLog}>{a.reset}</a>
      </p>
    </form>
  );
};

export const auditLogPage = (
  t: Messages,
  view: AuditLogView | undefined,
  values: FilterValues,
  errors?: FormErrors,
): PageContent => {
  const a = t.backOfficeTerritory.audit;
  const familyOf = (action: string) => a.families[`${action.split('.')[0]}.`];
  return backOfficePage({
    title: a.title,
    hasErrors: errors !== undefined,
    body: (
      <>
        <h1>{a.title}</h1>
        <p>{a.intro}</p>
        <Filters values={values} {...(errors ? { errors } : {})} />
        {view && view.entries.length === 0 && !view.cursor && <p>{a.empty}</p>}
        {/* A rare filter value: the page's reads ended before it was full; older entries may still match. */}
        {view?.cursor && view.entries.length < view.pageSize && <p>{a.shortPage}</p>}
        {view && view.entries.length > 0 && (
          <DataTable id="tableau-journal" caption={`${a.caption} (${a.count(view.entries.length)})`}>
            <thead>
              <tr>
                <th scope="col">{a.when}</th>
                <th scope="col">{a.who}</th>
                <th scope="col">{a.what}</th>
                <th scope="col">{a.subject}</th>
                <th scope="col">{a.change}</th>
              </tr>
            </thead>
            <tbody>
              {view.entries.map((entry) => (
                <tr key={entry.eventId}>
                  <td>
                    <DateText iso={entry.at} withTime />
                  </td>
                  <td>
                    {/* A citizen's subject is not kept: their role alone is said. */}
                    {!entry.actor && a.system}
                    {entry.actor?.sub && (
                      <a href={territoryAdminPaths.auditLog({ ...values, acteur: entry.actor.sub })}>
                        {entry.actor.sub}
                      </a>
                    )}
                    {entry.actor && (
                      <span class={entry.actor.sub ? 'muted' : undefined}>
                        {entry.actor.sub ? ' (' : ''}
                        {t.roles[entry.actor.role] ?? entry.actor.role}
                        {entry.actor.sub ? ')' : ''}
                      </span>
                    )}
                  </td>
                  <td>
                    <code>{entry.action}</code>
                    {familyOf(entry.action) && <span class="muted"> — {familyOf(entry.action)}</span>}
                  </td>
                  <td>
                    <code>{entry.subject}</code>
                  </td>
                  <td>
                    <details>
                      <summary>{a.show}</summary>
                      <p class="back-office-territory__label">{a.before}</p>
                      <Change value={entry.before} />
                      <p class="back-office-territory__label">{a.after}</p>
                      <Change value={entry.after} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <NextPageLink
          {...(view?.cursor ? { href: territoryAdminPaths.auditLog({ ...values, suite: view.cursor }) } : {})}
          label={a.next}
        />
      </>
    ),
  });
};
