/**
 * A proposal: its text, its supports with the button to support it (or withdraw), its comments
 * with their answers (one level deep), the form to comment or answer, and links to flag it or a
 * comment. Each form posts to its own route; a refusal comes back here with its message in that
 * form, in words naming the rule. Anonymous visitors are asked to sign in where a form would be.
 */
import { Form, SubmitButton, TextArea } from '../components/forms';
import { DateText, Notice } from '../components/ui';
import { hasErrors, type FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { ProposalNotice } from '../participation-pages-routes';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { ConsultationCrumbs, DisplayNameField, Paragraphs, type ConsultationSummary } from './consultation-parts';

export interface CommentItem {
  readonly id: string;
  readonly body: string;
  readonly authorName: string;
  readonly createdAt: string;
}

export interface ProposalPageView {
  readonly consultation: ConsultationSummary;
  readonly proposal: {
    readonly id: string;
    /** Absent when hidden by moderation (the reason says why). */
    readonly title?: string;
    readonly body?: string;
    readonly authorName?: string;
    readonly supportCount: number;
    readonly commentCount: number;
    readonly createdAt: string;
    readonly hiddenReason?: string;
  };
  /** Known when signed in. */
  readonly supportedByMe?: boolean;
  /** The name of the visitor's participation profile (fills the comment form). */
  readonly displayName?: string;
  readonly signedIn: boolean;
  readonly comments: readonly (CommentItem & { readonly replies: readonly CommentItem[] })[];
  readonly commentsCursor?: string;
  /** The comment being answered (?reponse=). */
  readonly replyTo?: { readonly id: string; readonly authorName?: string };
  readonly notice?: ProposalNotice;
  /** A form sent and refused: which one, what is wrong, what was typed. */
  readonly refused?: {
    readonly form: 'support' | 'withdraw' | 'comment';
    readonly errors: FormErrors;
    readonly values?: { readonly body?: string; readonly displayName?: string };
  };
}

const NOTICE_KEYS: Readonly<Record<ProposalNotice, string>> = {
  publiee: 'published',
  soutenue: 'supported',
  retiree: 'withdrawn',
  commentee: 'commented',
  signalee: 'flagged',
};

export const commentFormLabels = (t: Messages) => ({
  body: t.participation.proposal.commentLabel,
  displayName: t.participation.proposalForm.displayNameLabel,
});

const Support = ({ view }: { readonly view: ProposalPageView }) => {
  const { t, path } = usePage();
  const p = t.participation.proposal;
  const { consultation: c, proposal } = view;
  const open = c.phase === 'proposals';
  const errors =
    view.refused?.form === 'support' || view.refused?.form === 'withdraw' ? view.refused.errors : undefined;
  let action;
  if (!view.signedIn) {
    action = open ? (
      <p>
        <a class="button button--primary" href={portalPaths.signIn(path)}>
          {p.signInToSupport}
        </a>
      </p>
    ) : null;
  } else if (view.supportedByMe) {
    action = (
      <>
        <p class="support__mine">{p.supportedByMe}</p>
        {(open || errors) && (
          <Form action={portalPaths.proposalSupportWithdrawal(c.id, proposal.id)} errors={errors}>
            <SubmitButton variant="secondary">{p.withdrawButton}</SubmitButton>
          </Form>
        )}
      </>
    );
  } else if (open || errors) {
    action = (
      <Form action={portalPaths.proposalSupport(c.id, proposal.id)} errors={errors}>
        <SubmitButton>{p.supportButton}</SubmitButton>
      </Form>
    );
  }
  return (
    <section class="section support" aria-labelledby="soutenir">
      <h2 id="soutenir">{p.supportHeading}</h2>
      <p class="support__count">{p.supportCount(proposal.supportCount)}</p>
      {action}
      {!open && <p class="muted">{p.supportClosed(t.phase[c.phase] ?? c.phase)}</p>}
    </section>
  );
};

const CommentBlock = ({
  view,
  comment,
  canAnswer,
}: {
  readonly view: ProposalPageView;
  readonly comment: CommentItem;
  readonly canAnswer: boolean;
}) => {
  const { t } = usePage();
  const p = t.participation.proposal;
  const { consultation: c, proposal } = view;
  return (
    <article class="comment" aria-labelledby={`commentaire-${comment.id}`} id={`c-${comment.id}`}>
      <p class="comment__meta" id={`commentaire-${comment.id}`}>
        <strong>{comment.authorName}</strong>, <DateText iso={comment.createdAt} withTime />
      </p>
      <div class="comment__body">
        <Paragraphs text={comment.body} />
      </div>
      <p class="comment__actions">
        {canAnswer && (
          <a href={`${portalPaths.proposal(c.id, proposal.id)}?reponse=${encodeURIComponent(comment.id)}#commenter`}>
            {p.reply}
            <span class="visually-hidden"> ({comment.authorName})</span>
          </a>
        )}
        <a href={portalPaths.proposalFlag(c.id, proposal.id, comment.id)}>
          {p.flagComment}
          <span class="visually-hidden"> ({comment.authorName})</span>
        </a>
      </p>
    </article>
  );
};

const CommentForm = ({ view }: { readonly view: ProposalPageView }) => {
  const { t, path } = usePage();
  const p = t.participation.proposal;
  const { consultation: c, proposal } = view;
  const open = c.phase === 'proposals' || c.phase === 'voting';
  const refused = view.refused?.form === 'comment' ? view.refused : undefined;
  if (!view.signedIn) {
    return open ? (
      <p>
        <a class="button button--secondary" href={portalPaths.signIn(path)}>
          {p.signInToComment}
        </a>
      </p>
    ) : null;
  }
  if (!open && !refused) return <p class="muted">{p.commentsClosed(t.phase[c.phase] ?? c.phase)}</p>;
  return (
    <Form
      action={portalPaths.proposalComments(c.id, proposal.id)}
      errors={refused?.errors}
      label={p.commentHeading}
      once
    >
      {view.replyTo && (
        <p class="comment-form__reply">
          <input type="hidden" name="replyTo" value={view.replyTo.id} />
          {view.replyTo.authorName ? p.replyTo(view.replyTo.authorName) : p.replyTo('…')}{' '}
          <a href={`${portalPaths.proposal(c.id, proposal.id)}#commenter`}>{p.replyCancel}</a>
        </p>
      )}
      <TextArea
        name="body"
        label={p.commentLabel}
        hint={p.commentHint}
        value={refused?.values?.body}
        error={refused?.errors.fields.body}
        maxLength={2000}
      />
      <DisplayNameField
        value={refused ? refused.values?.displayName : view.displayName}
        error={refused?.errors.fields.displayName}
      />
      <SubmitButton>{p.commentSubmit}</SubmitButton>
    </Form>
  );
};

const Comments = ({ view }: { readonly view: ProposalPageView }) => {
  const { t } = usePage();
  const p = t.participation.proposal;
  const { consultation: c, proposal } = view;
  const canAnswer = view.signedIn && (c.phase === 'proposals' || c.phase === 'voting');
  return (
    <section class="section" aria-labelledby="commentaires">
      <h2 id="commentaires">{p.commentsHeading(proposal.commentCount)}</h2>
      {view.comments.length === 0 ? (
        <p>{p.noComments}</p>
      ) : (
        <ol class="comments">
          {view.comments.map((comment) => (
            <li key={comment.id}>
              <CommentBlock view={view} comment={comment} canAnswer={canAnswer} />
              {comment.replies.length > 0 && (
                <ol class="comments comments--replies" aria-label={p.answers}>
                  {comment.replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentBlock view={view} comment={reply} canAnswer={false} />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
      {view.commentsCursor && (
        <p class="pagination">
          <a
            href={`${portalPaths.proposal(c.id, proposal.id)}?suite=${encodeURIComponent(view.commentsCursor)}#commentaires`}
            rel="next"
          >
            {p.moreComments}
          </a>
        </p>
      )}
      <h3 id="commenter" tabindex={-1}>
        {p.commentHeading}
      </h3>
      <CommentForm view={view} />
    </section>
  );
};

const Proposal = ({ view }: { readonly view: ProposalPageView }) => {
  const { t } = usePage();
  const p = t.participation.proposal;
  const cc = t.participation.consultation;
  const { consultation: c, proposal } = view;
  const title = proposal.title ?? p.hidden(proposal.hiddenReason ?? '');
  const notice = view.notice ? p.notices[NOTICE_KEYS[view.notice]] : undefined;
  return (
    <>
      <ConsultationCrumbs consultation={c} more={[{ label: title }]} />
      {notice && (
        <Notice kind="success">
          <p>{notice}</p>
        </Notice>
      )}
      <article class="proposal" aria-labelledby="proposition-titre">
        <p class="muted">{p.consultation(c.title)}</p>
        <h1 id="proposition-titre">{title}</h1>
        {proposal.hiddenReason && proposal.title && (
          <Notice kind="warning">
            <p>{p.hidden(proposal.hiddenReason)}</p>
          </Notice>
        )}
        <p class="card__meta">
          {proposal.authorName && (
            <span>
              {cc.by(proposal.authorName)}, {cc.postedOn} <DateText iso={proposal.createdAt} />
            </span>
          )}
          <span>{cc.supports(proposal.supportCount)}</span>
          <span>{cc.comments(proposal.commentCount)}</span>
        </p>
        {proposal.body !== undefined && (
          <div class="prose">
            <Paragraphs text={proposal.body} />
          </div>
        )}
        {proposal.title && !proposal.hiddenReason && (
          <p>
            <a href={portalPaths.proposalFlag(c.id, proposal.id)}>{p.flagProposal}</a>
          </p>
        )}
      </article>
      {!proposal.hiddenReason && (
        <>
          <Support view={view} />
          <Comments view={view} />
        </>
      )}
    </>
  );
};

export const proposalPage = (t: Messages, view: ProposalPageView): PageContent => ({
  title: view.proposal.title ?? t.participation.proposal.hidden(view.proposal.hiddenReason ?? ''),
  body: <Proposal view={view} />,
  hasErrors: hasErrors(view.refused?.errors),
});
