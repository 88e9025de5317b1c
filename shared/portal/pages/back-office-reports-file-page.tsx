/**
 * Filing a report for a citizen at the counter or on the phone: the portal's report form (its
 * category step, its questions, place and photos: report-form-page.tsx's parts), plus the channel
 * and the caller's contact. Posts to the back office; no nearby step (the agent sees the nearby
 * reports on the report's page, and may mark it a duplicate there).
 */
import { backOfficePage } from '../components/back-office-frame';
import { Choices, SubmitButton, TextField } from '../components/forms';
import { backOfficePaths as paths } from '../back-office-paths';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { valueOf } from '../report-form';
import type { ReportFormView } from '../reports-pages-app';
import { CategoryStep, ReportFields, ReportFormFrame } from './report-form-page';

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/** The caller's contact, all optional; autocomplete is off: the browser's data is the agent's, not the caller's. */
const CONTACT_FIELDS: readonly {
  readonly name: 'prenom' | 'nom' | 'email' | 'telephone';
  readonly label: 'firstName' | 'lastName' | 'email' | 'phone';
  readonly maxLength: number;
  readonly type?: 'email' | 'tel';
  readonly width?: 'medium';
}[] = [
  { name: 'prenom', label: 'firstName', maxLength: 100, width: 'medium' },
  { name: 'nom', label: 'lastName', maxLength: 100, width: 'medium' },
  { name: 'email', label: 'email', maxLength: 254, type: 'email' },
  { name: 'telephone', label: 'phone', maxLength: 25, type: 'tel', width: 'medium' },
];

const FileForm = ({ view, errors }: { readonly view: ReportFormView; readonly errors: FormErrors }) => {
  const { t } = usePage();
  const b = t.backOfficeReports.file;
  return (
    <ReportFormFrame
      view={view}
      errors={errors}
      title={b.titleWithCategory(view.category!.name)}
      action={paths.fileForCitizen}
    >
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
      <ReportFields view={view} errors={errors} />
      <fieldset class="fieldset">
        <legend class="report-form__legend">{b.contactLegend}</legend>
        <p class="field__hint">{b.contactHint}</p>
        {CONTACT_FIELDS.map((c) => (
          <TextField
            key={c.name}
            name={c.name}
            type={c.type}
            label={b[c.label]}
            optional
            maxLength={c.maxLength}
            autocomplete="off"
            inputmode={c.type}
            width={c.width}
            error={errors.fields[c.name]}
            value={valueOf(view.values, c.name)}
          />
        ))}
      </fieldset>
      <SubmitButton>{b.submit}</SubmitButton>
    </ReportFormFrame>
  );
};

/** Step 1 (the categories) or step 2 (the form), maybe again with its errors. */
export const backOfficeFilePage = (t: Messages, view: ReportFormView, errors: FormErrors = NO_ERRORS): PageContent => {
  const b = t.backOfficeReports.file;
  const hasErrors = Object.keys(errors.fields).length > 0 || errors.general.length > 0;
  if (!view.category) {
    return backOfficePage({
      title: b.title,
      body: <CategoryStep view={view} title={b.title} intro={b.intro} action={paths.fileForCitizen} />,
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
