/**
 * The moderation queue of a consultation: the consultation and the list (flagged, hidden) chosen
 * with a GET form; each content with its flags (count, reasons, last date), a link to where it is
 * shown, and its act: hide with a public reason, or restore. Each entry's form has its own field
 * ids, so several on one page stay distinct for assistive technologies.
 */
import type { ModerationTarget } from '../../participation/participation';
import { backOfficePage } from '../components/back-office-frame';
import { ErrorSummary, Form, Select, SubmitButton } from '../components/forms';
import { DateText, NextPageLink, Notice } from '../components/ui';
import type { ModerationItem, ModerationView } from '../back-office-participation-app';
import { backOfficePaths, withQuery } from '../back-office-paths';
import type { ModerationListParam } from '../back-office-participation-pages-routes';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';

const LIST_PARAM: Readonly<Record<ModerationView['status'], ModerationListParam>> = {
  pending: 'signales',
  hidden: 'masques',
};

export interface ModerationPageProps {
  readonly view: ModerationView;
  readonly notice?: 'masque' | 'retabli' | 'stale';
  /** A refused hide: the entry (its key) and the message next to its reason. */
  readonly refused?: { readonly key: string; readonly message: string; readonly reason?: string };
  readonly errors?: FormErrors;
}

const keyOf = (item: { readonly target: ModerationTarget }) =>
  item.target.kind === 'proposal' ? item.target.proposalId : `${item.target.proposalId}-${item.target.commentId}`;

const Entry = ({ item, view, refused }: { readonly item: ModerationItem } & Omit<ModerationPageProps, 'notice'>) => {
  const { t } = usePage();
  const m = t.backOfficeParticipation.moderation;
  const key = keyOf(item);
  const consultationId = view.consultationId!;
  const heading =
    item.target.kind === 'proposal' && 'title' in item.content
      ? `${m.proposal} : ${item.content.title}`
      : m.comment(item.proposalTitle ?? item.target.proposalId);
  // A comment is shown on its proposal's page.
  const href = portalPaths.proposal(consultationId, item.target.proposalId);
  const reasonId = `motif-${key}`;
  const error = refused?.key === key ? refused.message : undefined;
  const action = backOfficePaths.moderation;
  return (
    <li class="card moderation-entry" id={`contenu-${key}`}>
      <h3 class="card__title">{heading}</h3>
      <blockquote class="moderation-entry__content">
        <p>{item.content.body}</p>
      </blockquote>
      <p class="card__meta">
        <span>{m.flags(item.flagCount)}</span>
        {item.lastFlaggedAt && (
          <span>
            {m.lastFlag} <DateText iso={item.lastFlaggedAt} withTime />
          </span>
        )}
        <a href={href}>{m.see}</a>
      </p>
      {item.flags.length > 0 && (
        <>
          <p class="moderation-entry__reasons-title">{m.reasons}</p>
          <ul class="moderation-entry__reasons">
            {item.flags.map((flag, i) => (
              <li key={i}>
                « {flag.reason} » (<DateText iso={flag.at} />)
              </li>
            ))}
          </ul>
        </>
      )}
      <Form action={action} label={heading}>
        <input type="hidden" name="consultation" value={consultationId} />
        <input type="hidden" name="proposalId" value={item.target.proposalId} />
        {item.target.kind === 'comment' && <input type="hidden" name="commentId" value={item.target.commentId} />}
        <input type="hidden" name="liste" value={LIST_PARAM[view.status]} />
        {item.content.hidden ? (
          <>
            <p>
              {m.hiddenBecause} « {item.content.hidden.reason} » {m.hiddenOn} <DateText iso={item.content.hidden.at} />
            </p>
            <SubmitButton variant="secondary" name="acte" value="retablir">
              {m.restore}
            </SubmitButton>
          </>
        ) : (
          <>
            <div class={error ? 'field field--error' : 'field'}>
              <label class="field__label" for={reasonId}>
                {m.reason}
              </label>
              <p class="field__hint" id={`${reasonId}-aide`}>
                {m.reasonHint}
              </p>
              {error && (
                <p class="field__error" id={`${reasonId}-erreur`}>
                  <span class="visually-hidden">{t.forms.errorPrefix} </span>
                  {error}
                </p>
              )}
              <textarea
                class="input textarea"
                id={reasonId}
                name="reason"
                rows={2}
                maxLength={500}
                aria-describedby={`${reasonId}-aide${error ? ` ${reasonId}-erreur` : ''}`}
                aria-invalid={error ? 'true' : undefined}
              >
                {error ? (refused?.reason ?? '') : ''}
              </textarea>
            </div>
            <SubmitButton name="acte" value="masquer">
              {m.hide}
            </SubmitButton>
          </>
        )}
      </Form>
    </li>
  );
};

export const moderationPage = (t: Messages, props: ModerationPageProps): PageContent => {
  const m = t.backOfficeParticipation.moderation;
  const { view, notice, errors } = props;
  const next =
    view.cursor && view.consultationId
      ? withQuery(backOfficePaths.moderation, {
          consultation: view.consultationId,
          liste: LIST_PARAM[view.status],
          suite: view.cursor,
        })
      : undefined;
  return backOfficePage({
    title: m.title,
    hasErrors: errors !== undefined,
    body: (
      <>
        <h1>{m.title}</h1>
        <p>{m.intro}</p>
        <ErrorSummary errors={errors} />
        {notice === 'stale' && (
          <Notice kind="warning" announce>
            <p>{m.stale}</p>
          </Notice>
        )}
        {(notice === 'masque' || notice === 'retabli') && (
          <Notice kind="success">
            <p>{m.done[notice]}</p>
          </Notice>
        )}
        {view.consultations.length === 0 ? (
          <p>{m.noConsultation}</p>
        ) : (
          <Form action={backOfficePaths.moderation} method="get" class="filters" label={m.filterLegend}>
            <Select
              name="consultation"
              label={m.consultation}
              value={view.consultationId}
              choices={view.consultations.map((c) => ({ value: c.id, label: c.title }))}
            />
            <Select
              name="liste"
              label={m.list}
              value={LIST_PARAM[view.status]}
              choices={[
                { value: 'signales', label: m.lists.pending },
                { value: 'masques', label: m.lists.hidden },
              ]}
            />
            <SubmitButton variant="secondary">{m.show}</SubmitButton>
          </Form>
        )}
        {view.consultationId === undefined ? (
          view.consultations.length > 0 && <p>{m.choose}</p>
        ) : (
          <section aria-labelledby="file-moderation">
            <h2 id="file-moderation">{m.lists[view.status]}</h2>
            {view.items.length === 0 ? (
              <p>{m.empty[view.status]}</p>
            ) : (
              <ul class="card-list">
                {view.items.map((item) => (
                  <Entry key={keyOf(item)} item={item} {...props} />
                ))}
              </ul>
            )}
            <NextPageLink href={next} label={m.next} />
          </section>
        )}
      </>
    ),
  });
};

export { keyOf as moderationKey };
