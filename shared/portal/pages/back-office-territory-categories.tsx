/**
 * Report categories (territory admins): the list with their SLA target, questions, state and
 * default competence; the form that creates or changes one — its questions as rows (one blank row
 * to add another, a box to remove one), so it works without JavaScript. The form carries the
 * version read: a change made meanwhile is said, and the form shows the current category.
 */
import { backOfficePage } from '../components/back-office-frame';
import { ColumnHeads, DataTable } from '../components/data-table';
import { Choices, fieldId, Form, Select, SubmitButton, TextArea, TextField } from '../components/forms';
import { Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { backOfficePaths } from '../back-office-paths';
import {
  categoryPaths,
  MAX_QUESTIONS,
  questionField,
  territoryAdminPaths,
  type CategoryNotice,
} from '../back-office-territory-forms';
import type { CategoriesView } from '../back-office-territory-app';
import { QUESTION_DATATYPES, type Body } from '../../territory/territory';

type Values = Readonly<Record<string, string | undefined>>;

export const categoriesPage = (
  t: Messages,
  view: CategoriesView,
  notice?: { readonly kind: CategoryNotice; readonly code?: string },
): PageContent => {
  const c = t.backOfficeTerritory.categories;
  const noticed = notice?.code ? view.categories.find((x) => x.code === notice.code) : undefined;
  const metropolis = view.bodies.find((b) => b.id === view.siren);
  return backOfficePage({
    title: c.title,
    body: (
      <>
        <h1>{c.title}</h1>
        {noticed && (
          <Notice kind="success">
            <p>{c.saved(noticed.name)}</p>
          </Notice>
        )}
        <p>{c.intro}</p>
        <p>
          <a class="button button--secondary" href={categoryPaths.create}>
            {c.create}
          </a>
        </p>
        <DataTable id="tableau-categories" caption={c.caption} captionHidden>
          <ColumnHeads labels={[c.name, c.code, c.sla, c.questions, c.state, c.competence]} />
          <tbody>
            {view.categories.map((category) => {
              const service =
                category.competence.level === 'territory'
                  ? (metropolis?.services.find((s) => s.id === category.competence.service)?.name ??
                    category.competence.service)
                  : category.competence.service;
              return (
                <tr key={category.code}>
                  <th scope="row">
                    <a href={categoryPaths.edit(category.code)}>{category.name}</a>
                  </th>
                  <td>
                    <code>{category.code}</code>
                  </td>
                  <td>{category.slaHours === undefined ? c.noSla : c.slaValue(category.slaHours)}</td>
                  <td>{(category.questions ?? []).length}</td>
                  <td>{category.active === false ? c.withdrawn : c.active}</td>
                  <td>
                    <a href={territoryAdminPaths.competence(category.code)}>
                      {t.backOfficeTerritory.competences.competence(
                        t.backOfficeTerritory.levels[category.competence.level] ?? category.competence.level,
                        service,
                      )}
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

/** Services a category may name: the metropolis's, and those the communes have. */
const serviceChoices = (t: Messages, siren: string, bodies: readonly Body[]) => {
  const k = t.backOfficeTerritory.competence;
  const metropolis = bodies.find((b) => b.id === siren);
  const seen = new Set<string>();
  const choices: { value: string; label: string }[] = [];
  for (const s of metropolis?.services ?? []) {
    seen.add(s.id);
    choices.push({ value: s.id, label: k.serviceOf(s.name, k.metropolis) });
  }
  for (const body of bodies) {
    if (body.id === siren) continue;
    for (const s of body.services) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      choices.push({ value: s.id, label: k.serviceOf(s.name, k.communeBody) });
    }
  }
  return choices;
};

const QuestionRow = ({
  row,
  values,
  errors,
}: {
  readonly row: number;
  readonly values: Values;
  readonly errors: Record<string, string>;
}) => {
  const { t } = usePage();
  const q = t.backOfficeTerritory.category.question;
  const name = (field: Parameters<typeof questionField>[1]) => questionField(row, field);
  const label = (field: string) => q.fieldLabel(row, q.fields[field] ?? field);
  // What every field of the row shows the same way: its name, label, value read back and error.
  const field = (f: Parameters<typeof questionField>[1]) => ({
    name: name(f),
    label: label(f),
    value: values[name(f)],
    error: errors[name(f)],
  });
  const filled = Boolean(values[name('code')]);
  return (
    <fieldset class="fieldset back-office-territory__questions">
      <legend class="field__label">{q.legend(row)}</legend>
      <TextField {...field('code')} maxLength={40} width="medium" optional />
      <TextField {...field('label')} maxLength={200} optional />
      <Select
        {...field('datatype')}
        value={values[name('datatype')] ?? 'string'}
        choices={QUESTION_DATATYPES.map((d) => ({ value: d, label: q.datatypes[d] ?? d }))}
        optional
      />
      <TextArea {...field('values')} hint={q.valuesHint} rows={3} optional />
      <div class="choice">
        <input
          class="choice__input"
          type="checkbox"
          id={fieldId(name('required'))}
          name={name('required')}
          value="1"
          checked={values[name('required')] === '1'}
        />
        <label class="choice__label" for={fieldId(name('required'))}>
          {q.required(row)}
        </label>
      </div>
      {filled && (
        <div class="choice">
          <input class="choice__input" type="checkbox" id={fieldId(name('remove'))} name={name('remove')} value="1" />
          <label class="choice__label" for={fieldId(name('remove'))}>
            {q.remove(row)}
          </label>
        </div>
      )}
    </fieldset>
  );
};

export interface CategoryFormPageView extends CategoriesView {
  /** The code of the category edited; absent when creating one. */
  readonly code?: string;
  readonly title: string;
  readonly values: Values;
  readonly errors?: FormErrors;
}

export const categoryFormPage = (t: Messages, view: CategoryFormPageView): PageContent => {
  const k = t.backOfficeTerritory.category;
  const e = view.errors?.fields ?? {};
  const action = view.code ? categoryPaths.edit(view.code) : categoryPaths.create;
  // The rows sent (or the category's), then one blank row to add a question.
  const rows = Math.min(
    MAX_QUESTIONS,
    Object.entries(view.values)
      .filter(([key, value]) => /^q\d+-(code|label|values)$/.test(key) && value?.trim())
      .map(([key]) => Number(/^q(\d+)-/.exec(key)?.[1]))
      .reduce((max, n) => Math.max(max, n), 0) + 1,
  );
  return backOfficePage({
    title: view.title,
    hasErrors: view.errors !== undefined,
    body: (
      <>
        <p>
          <a href={backOfficePaths.categories}>{k.back}</a>
        </p>
        <h1>{view.title}</h1>
        <Form action={action} errors={view.errors}>
          <input type="hidden" name="version" value={view.values.version ?? '0'} />
          {view.code ? (
            <input type="hidden" name="code" value={view.code} />
          ) : (
            <TextField
              name="code"
              label={k.code}
              hint={k.codeHint}
              value={view.values.code}
              error={e.code}
              maxLength={40}
              width="medium"
            />
          )}
          <TextField name="name" label={k.name} value={view.values.name} error={e.name} maxLength={120} />
          <TextArea
            name="description"
            label={k.description}
            value={view.values.description}
            error={e.description}
            rows={3}
            maxLength={2000}
            optional
          />
          <TextField
            name="slaHours"
            label={k.slaHours}
            hint={k.slaHint}
            value={view.values.slaHours}
            error={e.slaHours}
            inputmode="numeric"
            width="short"
            optional
          />
          <Choices
            name="active"
            legend={k.active}
            values={[view.values.active ?? 'oui']}
            error={e.active}
            choices={[
              { value: 'oui', label: k.yes },
              { value: 'non', label: k.no },
            ]}
          />
          <Choices
            name="level"
            legend={k.level}
            values={view.values.level ? [view.values.level] : []}
            error={e.level}
            choices={(['territory', 'commune'] as const).map((level) => ({
              value: level,
              label: t.backOfficeTerritory.levels[level] ?? level,
            }))}
          />
          <Select
            name="service"
            label={k.service}
            hint={k.serviceHint}
            value={view.values.service}
            error={e.service}
            placeholder={t.backOfficeTerritory.noService}
            choices={serviceChoices(t, view.siren, view.bodies)}
            optional
          />
          {view.code && (
            <p>
              <a href={territoryAdminPaths.competence(view.code)}>{k.competences}</a>
            </p>
          )}
          <h2>{k.questionsTitle}</h2>
          <p class="field__hint">{k.questionsHint}</p>
          {Array.from({ length: rows }, (_, i) => (
            <QuestionRow key={i} row={i + 1} values={view.values} errors={e} />
          ))}
          <SubmitButton>{k.save}</SubmitButton>
        </Form>
        <p>
          <a href={backOfficePaths.categories}>{t.backOfficeTerritory.cancel}</a>
        </p>
      </>
    ),
  });
};
