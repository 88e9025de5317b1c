/**
 * Flagging a proposal, or one of its comments, for moderation: what is flagged, and the reason.
 */
import { Form, SubmitButton, TextArea } from '../components/forms';
import { hasErrors, type FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { ConsultationCrumbs, Paragraphs, type ConsultationSummary } from './consultation-parts';

export interface FlagView {
  readonly consultation: ConsultationSummary;
  readonly proposal: { readonly id: string; readonly title: string };
  readonly comment?: { readonly id: string; readonly authorName: string; readonly body: string };
  readonly reason?: string;
  readonly errors?: FormErrors;
}

export const flagFormLabels = (t: Messages) => ({ reason: t.participation.flag.reasonLabel });

const titleOf = (t: Messages, view: FlagView) =>
  view.comment ? t.participation.flag.titleComment : t.participation.flag.titleProposal;

const Flag = ({ view }: { readonly view: FlagView }) => {
  const { t } = usePage();
  const f = t.participation.flag;
  const { consultation: c, proposal, comment } = view;
  const back = portalPaths.proposal(c.id, proposal.id);
  return (
    <>
      <ConsultationCrumbs
        consultation={c}
        more={[{ label: proposal.title, href: back }, { label: titleOf(t, view) }]}
      />
      <h1>{titleOf(t, view)}</h1>
      <p>{f.intro}</p>
      <figure class="flagged">
        <figcaption class="field__label">{f.flagged}</figcaption>
        <blockquote class="flagged__content">
          {comment ? (
            <>
              <p>
                <strong>{comment.authorName}</strong>
              </p>
              <Paragraphs text={comment.body} />
            </>
          ) : (
            <p>{proposal.title}</p>
          )}
        </blockquote>
      </figure>
      <Form action={portalPaths.proposalFlags(c.id, proposal.id)} errors={view.errors}>
        {comment && <input type="hidden" name="commentaire" value={comment.id} />}
        <TextArea
          name="reason"
          label={f.reasonLabel}
          hint={f.reasonHint}
          value={view.reason}
          error={view.errors?.fields.reason}
          maxLength={500}
          rows={4}
        />
        <SubmitButton>{f.submit}</SubmitButton>
      </Form>
      <p>
        <a href={back}>{f.back}</a>
      </p>
    </>
  );
};

export const flagPage = (t: Messages, view: FlagView): PageContent => ({
  title: `${titleOf(t, view)} — ${view.proposal.title}`,
  body: <Flag view={view} />,
  hasErrors: hasErrors(view.errors),
});
