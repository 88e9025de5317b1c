/**
 * Filing a report for a citizen at the counter or on the phone: the portal's report form (its
 * category step, its questions, place and photos: report-form-page.tsx's parts), plus the channel
 * and the caller's contact. Posts to the back office; no nearby step (the agent sees the nearby
 * reports on the report's page, and may mark it a duplicate there).
 */
import { backOfficePage } from '../components/back-office-frame';
import { Choices, Form, SubmitButton, TextArea, TextField } from '../components/forms';
import { Notice } from '../components/ui';
import { backOfficePaths as paths } from '../back-office-paths';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { answerField, valueOf } from '../report-form';
import type { ReportFormView } from '../reports-pages-app';
import { MAX_DESCRIPTION_CHARS } from '../../reports/report';
import { Photos, Place, Question } from './report-form-page';

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

const StepCategory = ({ view }: { readonly view: ReportFormView }) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  const b = t.backOfficeReports.file;
  const errors: FormErrors = view.unknownCategory
    ? { fields: { categorie: f.unknownCategory }, general: [] }
    : NO_ERRORS;
  return (
    <>
      <h1>{b.title}</h1>
      <p class="lead">{b.intro}</p>
      <p class="step-indicator">{f.step(1, 2)}</p>
      <Form action={paths.fileForCitizen} method="get" errors={errors} class="report-form">
        <Choices
          name="categorie"
          legend={f.categoryLegend}
          error={errors.fields.categorie}
          choices={view.categories.map((c) => ({ value: c.code, label: c.name }))}
          values={view.category ? [view.category.code] : []}
        />
        <SubmitButton>{f.continue}</SubmitButton>
      </Form>
    </>
  );
};

const FileForm = ({ view, errors }: { readonly view: ReportFormView; readonly errors: FormErrors }) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  const b = t.backOfficeReports.file;
  const category = view.category!;
  const settings = { siren: view.siren, labels: { locatedIn: f.locatedIn, locatedOutside: f.locatedOutside } };
  return (
    <>
      <h1>{b.titleWithCategory(category.name)}</h1>
      <p class="step-indicator">{f.step(2, 2)}</p>
      <p>
        {f.chosenCategory} <strong>{category.name}</strong> <a href={paths.fileForCitizen}>{f.changeCategory}</a>
      </p>
      <p class="muted">{f.required}</p>
      <div class="report-form" data-report-form={JSON.stringify(settings)}>
        <Form action={paths.fileForCitizen} errors={errors} once>
          <input type="hidden" name="category" value={category.code} />
          <Choices
            name="canal"
            legend={b.channel}
            hint={b.channelHint}
            error={errors.fields.canal}
            choices={[
              { value: 'counter', label: b.channels.counter },
              { value: 'phone', label: b.channels.phone },
            ]}
            values={[valueOf(view.values, 'canal') ?? 'counter']}
          />
          {category.questions.length > 0 && (
            <fieldset class="fieldset">
              <legend class="report-form__legend">{f.questionsLegend}</legend>
              {category.questions.map((q) => (
                <Question key={q.code} question={q} values={view.values} error={errors.fields[answerField(q.code)]} />
              ))}
            </fieldset>
          )}
          <Place view={view} errors={errors} />
          <TextArea
            name="description"
            label={f.description}
            hint={f.descriptionHint}
            rows={6}
            maxLength={MAX_DESCRIPTION_CHARS}
            error={errors.fields.description}
            value={valueOf(view.values, 'description')}
          />
          <Photos view={view} error={errors.fields.photos} />
          <fieldset class="fieldset">
            <legend class="report-form__legend">{b.contactLegend}</legend>
            <p class="field__hint">{b.contactHint}</p>
            <TextField
              name="prenom"
              label={b.firstName}
              optional
              maxLength={100}
              autocomplete="off"
              width="medium"
              error={errors.fields.prenom}
              value={valueOf(view.values, 'prenom')}
            />
            <TextField
              name="nom"
              label={b.lastName}
              optional
              maxLength={100}
              autocomplete="off"
              width="medium"
              error={errors.fields.nom}
              value={valueOf(view.values, 'nom')}
            />
            <TextField
              name="email"
              type="email"
              label={b.email}
              optional
              maxLength={254}
              autocomplete="off"
              inputmode="email"
              error={errors.fields.email}
              value={valueOf(view.values, 'email')}
            />
            <TextField
              name="telephone"
              type="tel"
              label={b.phone}
              optional
              maxLength={25}
              autocomplete="off"
              inputmode="tel"
              width="medium"
              error={errors.fields.telephone}
              value={valueOf(view.values, 'telephone')}
            />
          </fieldset>
          <SubmitButton>{b.submit}</SubmitButton>
        </Form>
      </div>
    </>
  );
};

/** Step 1 (the categories) or step 2 (the form), maybe again with its errors. */
export const backOfficeFilePage = (t: Messages, view: ReportFormView, errors: FormErrors = NO_ERRORS): PageContent => {
  const b = t.backOfficeReports.file;
  const hasErrors = Object.keys(errors.fields).length > 0 || errors.general.length > 0;
  if (!view.category) {
    return backOfficePage({
      title: b.title,
      body:
        view.categories.length === 0 ? (
          <Notice>
            <p>{t.reportPages.form.noCategories}</p>
          </Notice>
        ) : (
          <StepCategory view={view} />
        ),
      hasErrors: view.unknownCategory,
    });
  }
  return backOfficePage({
    title: b.titleWithCategory(view.category.name),
    body: <FileForm view={view} errors={errors} />,
    stylesheets: ['map.css'],
    hasErrors,
  });
};
