/**
 * The competence table (territory admins): each category's default (the metropolis or the commune,
 * and which service), then, for one category, who handles it commune by commune, with the form that
 * sets or removes the exception of one commune. The form carries the version it read: a change
 * made meanwhile is said, and the form shows the current state.
 */
import { backOfficePage } from '../components/back-office-frame';
import { ColumnHeads, DataTable } from '../components/data-table';
import { Choices, Form, Select, SubmitButton } from '../components/forms';
import { Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { backOfficePaths } from '../back-office-paths';
import { territoryAdminPaths, type CompetenceNotice } from '../back-office-territory-forms';
import type { CompetencesView, CompetenceView } from '../back-office-territory-app';
import { resolveCompetence, type Body, type Competence } from '../../territory/territory';

const serviceName = (bodies: readonly Body[], bodyId: string, service?: string) =>
  service ? (bodies.find((b) => b.id === bodyId)?.services.find((s) => s.id === service)?.name ?? service) : undefined;

const competenceText = (t: Messages, competence: Competence, serviceLabel?: string) =>
  t.backOfficeTerritory.competences.competence(
    t.backOfficeTerritory.levels[competence.level] ?? competence.level,
    serviceLabel ?? competence.service,
  );

export const competencesPage = (t: Messages, view: CompetencesView): PageContent => {
  const c = t.backOfficeTerritory.competences;
  const names = new Map(view.communes.map((m) => [m.insee, m.name]));
  const metropolisService = (id?: string) => view.metropolis?.services.find((s) => s.id === id)?.name;
  return backOfficePage({
    title: c.title,
    body: (
      <>
        <h1>{c.title}</h1>
        <p>{c.intro}</p>
        <DataTable id="tableau-competences" caption={c.caption} captionHidden>
          <ColumnHeads labels={[c.category, c.byDefault, c.exceptions]} />
          <tbody>
            {view.categories.map((category) => (
              <tr key={category.code}>
                <th scope="row">
                  <a href={territoryAdminPaths.competence(category.code)}>{category.name}</a>
                </th>
                <td>
                  {competenceText(
                    t,
                    category.competence,
                    category.competence.level === 'territory'
                      ? metropolisService(category.competence.service)
                      : undefined,
                  )}
                </td>
                <td>
                  {category.overrides.length === 0
                    ? c.none
                    : category.overrides.map((o) => names.get(o.insee) ?? o.insee).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </>
    ),
  });
};

const ExceptionFormView = ({
  view,
  values,
  errors,
}: {
  readonly view: CompetenceView & { readonly commune: NonNullable<CompetenceView['commune']> };
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly errors?: FormErrors;
}) => {
  const { t } = usePage();
  const k = t.backOfficeTerritory.competence;
  const { category, commune, siren } = view;
  const action = territoryAdminPaths.competence(category.code);
  const override = category.overrides.find((o) => o.insee === commune.insee);
  const metropolis = view.bodies.find((b) => b.id === siren);
  const own = view.bodies.find((b) => b.id === commune.insee);
  const choices = [
    ...(metropolis?.services ?? []).map((s) => ({ value: s.id, label: k.serviceOf(s.name, k.metropolis) })),
    ...(own?.services ?? [])
      .filter((s) => !metropolis?.services.some((m) => m.id === s.id))
      .map((s) => ({ value: s.id, label: k.serviceOf(s.name, k.communeBody) })),
  ];
  return (
    <section aria-labelledby="exception" class="back-office-territory__panel">
      <h2 id="exception" tabindex={-1}>
        {k.formTitle(commune.name)}
      </h2>
      <p>{k.formIntro(commune.name)}</p>
      <Form action={action} errors={errors}>
        <input type="hidden" name="commune" value={commune.insee} />
        <input type="hidden" name="version" value={values.version ?? String(override?.version ?? 0)} />
        <Choices
          name="level"
          legend={k.level(commune.name)}
          values={values.level ? [values.level] : []}
          error={errors?.fields.level}
          choices={(['territory', 'commune'] as const).map((level) => ({
            value: level,
            label: t.backOfficeTerritory.levels[level] ?? level,
          }))}
        />
        <Select
          name="service"
          label={k.serviceLabel}
          hint={k.serviceHint}
          value={values.service}
          error={errors?.fields.service}
          placeholder={t.backOfficeTerritory.noService}
          choices={choices}
          optional
        />
        <SubmitButton>{k.saveException}</SubmitButton>
      </Form>
      {override && (
        <form method="post" action={action} class="back-office-territory__inline">
          <input type="hidden" name="_csrf" value={usePage().csrfToken(action)} />
          <input type="hidden" name="commune" value={commune.insee} />
          <input type="hidden" name="version" value={String(override.version)} />
          <input type="hidden" name="supprimer" value="1" />
          <SubmitButton variant="secondary">{k.deleteException}</SubmitButton>
        </form>
      )}
      <p>
        <a href={territoryAdminPaths.competence(category.code)}>{t.backOfficeTerritory.cancel}</a>
      </p>
    </section>
  );
};

export interface CompetencePageOptions {
  readonly notice?: CompetenceNotice;
  /** What the exception form shows: the current exception, or what was sent. */
  readonly values?: Readonly<Record<string, string | undefined>>;
  readonly errors?: FormErrors;
}

export const competencePage = (t: Messages, view: CompetenceView, options: CompetencePageOptions = {}): PageContent => {
  const k = t.backOfficeTerritory.competence;
  const { category, siren } = view;
  const current = view.commune && category.overrides.find((o) => o.insee === view.commune!.insee);
  const values = options.values ?? {
    level: current?.level,
    service: current?.service,
    ...(current ? { version: String(current.version) } : {}),
  };
  const defaultService =
    category.competence.level === 'territory'
      ? serviceName(view.bodies, siren, category.competence.service)
      : category.competence.service;
  return backOfficePage({
    title: k.title(category.name),
    hasErrors: options.errors !== undefined,
    body: (
      <>
        <p>
          <a href={backOfficePaths.competences}>{k.back}</a>
        </p>
        <h1>{k.title(category.name)}</h1>
        {options.notice && view.commune && (
          <Notice kind="success">
            <p>{options.notice === 'enregistree' ? k.saved(view.commune.name) : k.deleted(view.commune.name)}</p>
          </Notice>
        )}
        <p>{k.defaultIs(competenceText(t, category.competence, defaultService))}</p>
        <p>
          <a href={`${backOfficePaths.categories}/${encodeURIComponent(category.code)}`}>{k.editCategory}</a>
        </p>
        {view.commune && (
          <ExceptionFormView
            view={{ ...view, commune: view.commune }}
            values={values}
            {...(options.errors ? { errors: options.errors } : {})}
          />
        )}
        <DataTable id="tableau-communes" caption={k.tableCaption}>
          <ColumnHeads labels={[k.commune, k.handledBy, k.service, k.exception, k.action]} />
          <tbody>
            {view.communes.map((commune) => {
              const resolved = resolveCompetence(siren, category, commune.insee);
              const body = view.bodies.find((b) => b.id === resolved.bodyId);
              return (
                <tr key={commune.insee}>
                  <th scope="row">{commune.name}</th>
                  <td>{body?.name ?? resolved.bodyId}</td>
                  <td>
                    {serviceName(view.bodies, resolved.bodyId, resolved.service) ?? t.backOfficeTerritory.noService}
                  </td>
                  <td>{resolved.overridden ? k.yes : k.no}</td>
                  <td>
                    <a href={`${territoryAdminPaths.competence(category.code, { commune: commune.insee })}#exception`}>
                      {resolved.overridden ? k.editException(commune.name) : k.setException(commune.name)}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      </>
    ),
  });
};
