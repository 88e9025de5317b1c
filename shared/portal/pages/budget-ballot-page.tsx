/**
 * A participatory budget's ballot: the projects with their costs as checkboxes, the total of the
 * selection against the budget, and the button. The server checks the ballot either way and
 * refuses it, with the rule in words next to the total; the enhancement script
 * (web/scripts/ballot-total.ts) keeps the total up to date as boxes are ticked and announces it
 * politely (role="status"). Anonymous visitors see the projects and are asked to sign in.
 */
import { ErrorSummary, SubmitButton } from '../components/forms';
import { Notice } from '../components/ui';
import { hasErrors, type FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { euros } from '../i18n/fr-participation';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { ConsultationCrumbs, Paragraphs, type ConsultationSummary } from './consultation-parts';

export interface BallotProject {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly cost: number;
}

export interface BallotView {
  readonly consultation: ConsultationSummary;
  readonly projects: readonly BallotProject[];
  /** The projects ticked: the visitor's ballot, or what they just sent. */
  readonly selected: readonly string[];
  readonly selectedTotal: number;
  /** The visitor's ballot as counted. */
  readonly ballot?: { readonly count: number; readonly total: number };
  readonly signedIn: boolean;
  readonly notice?: 'enregistre' | 'remplace';
  readonly errors?: FormErrors;
}

/** The field names of the ballot form: the projects ticked, and the total (where a budget refusal is shown). */
export const BALLOT_FIELDS = { projects: 'projets', total: 'total' } as const;

export const ballotFormLabels = (t: Messages) => ({
  [BALLOT_FIELDS.projects]: t.participation.ballot.projectsLegend,
  [BALLOT_FIELDS.total]: t.participation.ballot.totalLabel,
});

/** The total's sentence, as the server writes it and as the script rewrites it (same words). */
const totalSentence = (t: Messages, total: number, budget: number, count: number, capped: boolean) => {
  const b = t.participation.ballot;
  const rest = total <= budget ? b.remaining(euros(budget - total)) : b.over(euros(total - budget));
  return `${b.total(euros(total), euros(budget))}${capped ? ` — ${rest}` : ''} (${b.selected(count)})`;
};

/** What the script needs to write the same sentence: the budget and the words, with placeholders. */
const scriptSettings = (t: Messages, budget: number, capped: boolean) => {
  const b = t.participation.ballot;
  return {
    budget,
    capped,
    labels: {
      total: b.total('{total}', '{budget}'),
      remaining: b.remaining('{amount}'),
      over: b.over('{amount}'),
      selectedOne: b.selected(1).replace('1', '{n}'),
      selectedMany: b.selected(2).replace('2', '{n}'),
    },
  };
};

const ProjectList = ({ projects }: { readonly projects: readonly BallotProject[] }) => {
  const { t } = usePage();
  return (
    <ul class="card-list">
      {projects.map((p) => (
        <li class="card" key={p.id}>
          <h3 class="card__title">{p.title}</h3>
          <p class="ballot__cost">{t.participation.ballot.cost(euros(p.cost))}</p>
          <div class="prose">
            <Paragraphs text={p.description} />
          </div>
        </li>
      ))}
    </ul>
  );
};

const BallotForm = ({ view }: { readonly view: BallotView }) => {
  const { t, csrfToken } = usePage();
  const b = t.participation.ballot;
  const { consultation: c, errors } = view;
  const budget = c.budget!;
  const capped = budget.method === 'knapsack';
  const action = portalPaths.ballot(c.id);
  const totalError = errors?.fields[BALLOT_FIELDS.total];
  const projectsError = errors?.fields[BALLOT_FIELDS.projects];
  return (
    <form
      method="post"
      action={action}
      class="ballot"
      novalidate
      data-ballot={JSON.stringify(scriptSettings(t, budget.amount, capped))}
    >
      <ErrorSummary errors={errors} />
      <input type="hidden" name="_csrf" value={csrfToken(action)} />
      <fieldset
        class={projectsError ? 'field fieldset field--error' : 'field fieldset'}
        aria-describedby={projectsError ? 'champ-projets-aide champ-projets-erreur' : 'champ-projets-aide'}
      >
        <legend class="field__label">{b.projectsLegend}</legend>
        <p class="field__hint" id="champ-projets-aide">
          {b.projectsHint}
        </p>
        {projectsError && (
          <p class="field__error" id="champ-projets-erreur">
            <span class="visually-hidden">{t.forms.errorPrefix} </span>
            {projectsError}
          </p>
        )}
        <ul class="ballot__projects">
          {view.projects.map((p, i) => {
            // The error summary links to the first box.
            const id = i === 0 ? 'champ-projets' : `projet-${p.id}`;
            return (
              <li class="ballot__project" key={p.id}>
                <div class="choice">
                  <input
                    class="choice__input"
                    type="checkbox"
                    id={id}
                    name={`${BALLOT_FIELDS.projects}[]`}
                    value={p.id}
                    checked={view.selected.includes(p.id)}
                    data-cost={String(p.cost)}
                    aria-describedby={`${id}-cout`}
                  />
                  <label class="choice__label ballot__label" for={id}>
                    {p.title}
                  </label>
                </div>
                <p class="ballot__cost" id={`${id}-cout`}>
                  {b.cost(euros(p.cost))}
                </p>
                <div class="ballot__description">
                  <Paragraphs text={p.description} />
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div
        class={totalError ? 'ballot__total field field--error' : 'ballot__total field'}
        id="champ-total"
        tabindex={-1}
        aria-labelledby="ballot-total-titre"
        role="group"
      >
        <p class="field__label" id="ballot-total-titre">
          {b.totalLabel}
        </p>
        {totalError && (
          <p class="field__error" id="champ-total-erreur">
            <span class="visually-hidden">{t.forms.errorPrefix} </span>
            {totalError}
          </p>
        )}
        <p
          class={
            capped && view.selectedTotal > budget.amount ? 'ballot__status ballot__status--over' : 'ballot__status'
          }
          role="status"
          data-ballot-total
        >
          {totalSentence(t, view.selectedTotal, budget.amount, view.selected.length, capped)}
        </p>
        <p class="field__hint">{b.totalNoScript(euros(budget.amount))}</p>
      </div>
      <SubmitButton>{b.submit}</SubmitButton>
      <p class="muted">{b.replaceNote}</p>
    </form>
  );
};

const Ballot = ({ view }: { readonly view: BallotView }) => {
  const { t, path } = usePage();
  const b = t.participation.ballot;
  const { consultation: c } = view;
  const budget = c.budget;
  const voting = c.phase === 'voting';
  return (
    <>
      <ConsultationCrumbs consultation={c} more={[{ label: b.heading }]} />
      <h1>{b.title(c.title)}</h1>
      {view.notice && view.ballot && (
        <Notice kind="success">
          <p>{b.recorded(view.ballot.count, euros(view.ballot.total))}</p>
          {view.notice === 'remplace' && <p>{b.replaced}</p>}
        </Notice>
      )}
      {!budget ? (
        <Notice>
          <p>{b.noBudget}</p>
        </Notice>
      ) : (
        <>
          <p class="lead">
            {budget.method === 'knapsack'
              ? b.intro(euros(budget.amount), budget.minSelections, budget.maxSelections)
              : b.introApproval(budget.minSelections, budget.maxSelections)}
          </p>
          {!view.notice && view.ballot && voting && <p>{b.current(view.ballot.count, euros(view.ballot.total))}</p>}
          {!voting && (
            <Notice>
              <p>{b.closed(t.phase[c.phase] ?? c.phase)}</p>
              {c.phase === 'results' && (
                <p>
                  <a href={portalPaths.results(c.id)}>{t.participation.consultation.resultsCta}</a>
                </p>
              )}
            </Notice>
          )}
          {voting && !view.signedIn && (
            <Notice>
              <p>
                <a href={portalPaths.signIn(path)}>{b.signIn}</a>
              </p>
            </Notice>
          )}
          {/* A ballot refused because the vote closed meanwhile still shows why, in its form. */}
          {view.signedIn && (voting || hasErrors(view.errors)) ? (
            <BallotForm view={view} />
          ) : (
            <section aria-labelledby="projets">
              <h2 id="projets">{b.projectsLegend}</h2>
              <ProjectList projects={view.projects} />
            </section>
          )}
        </>
      )}
      <p>
        <a href={portalPaths.consultation(c.id)}>{b.back}</a>
      </p>
    </>
  );
};

export const ballotPage = (t: Messages, view: BallotView): PageContent => ({
  title: t.participation.ballot.title(view.consultation.title),
  body: <Ballot view={view} />,
  hasErrors: hasErrors(view.errors),
});
