/**
 * Proposing an idea: title, description, the name shown. Refused as the use case refuses it —
 * a field's error next to it, a rule (residence, age, phase) on top, in the error summary.
 */
import { Form, SubmitButton, TextArea, TextField } from '../components/forms';
import { Notice } from '../components/ui';
import { hasErrors, type FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { ConsultationCrumbs, DisplayNameField, type ConsultationSummary } from './consultation-parts';

export interface ProposalFormValues {
  readonly title?: string;
  readonly body?: string;
  readonly displayName?: string;
}

export interface ProposalFormView {
  readonly consultation: ConsultationSummary;
  readonly values?: ProposalFormValues;
  readonly errors?: FormErrors;
}

/** The form's fields and their labels (what a refusal names). */
export const proposalFormLabels = (t: Messages) => ({
  title: t.participation.proposalForm.titleLabel,
  body: t.participation.proposalForm.bodyLabel,
  displayName: t.participation.proposalForm.displayNameLabel,
});

const ProposalForm = ({ view }: { readonly view: ProposalFormView }) => {
  const { t } = usePage();
  const f = t.participation.proposalForm;
  const { consultation: c, values = {}, errors } = view;
  const open = c.phase === 'proposals';
  return (
    <>
      <ConsultationCrumbs consultation={c} more={[{ label: f.title }]} />
      <h1>{f.title}</h1>
      <p class="lead">{f.intro(c.title)}</p>
      {open || hasErrors(errors) ? (
        <Form action={portalPaths.proposals(c.id)} errors={errors} class="form" once>
          <p class="muted">{t.forms.hintRequired}</p>
          <TextField
            name="title"
            label={f.titleLabel}
            hint={f.titleHint}
            value={values.title}
            error={errors?.fields.title}
            maxLength={150}
          />
          <TextArea
            name="body"
            label={f.bodyLabel}
            hint={f.bodyHint}
            value={values.body}
            error={errors?.fields.body}
            maxLength={5000}
            rows={8}
          />
          <DisplayNameField value={values.displayName} error={errors?.fields.displayName} />
          <SubmitButton>{f.submit}</SubmitButton>
        </Form>
      ) : (
        <Notice>
          <p>{f.closed(t.phase[c.phase] ?? c.phase)}</p>
        </Notice>
      )}
      <p>
        <a href={portalPaths.consultation(c.id)}>{f.back}</a>
      </p>
    </>
  );
};

export const proposalFormPage = (t: Messages, view: ProposalFormView): PageContent => ({
  title: `${t.participation.proposalForm.title} — ${view.consultation.title}`,
  body: <ProposalForm view={view} />,
  hasErrors: hasErrors(view.errors),
});
