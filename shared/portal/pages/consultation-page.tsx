/**
 * A consultation: what it is about, its phase timeline, who may take part, the way to propose (or
 * to vote, or the results), and its proposals — newest, most supported or in a random order kept
 * across pages (its seed travels in the links), one page at a time by cursor.
 */
import { DateText, Notice } from '../components/ui';
import type { Messages } from '../i18n';
import { euros } from '../i18n/fr-participation';
import { usePage } from '../page-context';
import type { ProposalOrderParam } from '../participation-pages-routes';
import { PROPOSAL_ORDERS } from '../participation-pages-routes';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import {
  ConsultationCrumbs,
  Paragraphs,
  PhaseTag,
  Timeline,
  type ConsultationSummary,
  type TimelineStep,
} from './consultation-parts';

export interface ProposalCard {
  readonly id: string;
  readonly title: string;
  readonly excerpt: string;
  readonly authorName: string;
  readonly supportCount: number;
  readonly commentCount: number;
  readonly createdAt: string;
}

export interface ConsultationView extends ConsultationSummary {
  readonly body: string;
  readonly timeline: readonly TimelineStep[];
  readonly eligibility: { readonly residents: 'anyone' | 'scope'; readonly minimumAge?: number };
  readonly counts: { readonly proposals: number; readonly comments: number; readonly ballots: number };
  readonly signedIn: boolean;
  readonly proposals: {
    readonly order: ProposalOrderParam;
    readonly items: readonly ProposalCard[];
    /** The random order's seed, kept in the links (anonymous visitors). */
    readonly seed?: string;
    /** The next page's cursor. */
    readonly cursor?: string;
    readonly isFirstPage: boolean;
  };
}

/** The consultation's page with this order, seed and cursor, at its list of proposals. */
export const proposalsHref = (id: string, order: ProposalOrderParam, seed?: string, cursor?: string): string => {
  const query = new URLSearchParams();
  if (order !== 'recentes') query.set('tri', order);
  if (order === 'hasard' && seed) query.set('graine', seed);
  if (cursor) query.set('suite', cursor);
  const search = query.toString();
  return `${portalPaths.consultation(id)}${search ? `?${search}` : ''}#propositions`;
};

const Who = ({ view }: { readonly view: ConsultationView }) => {
  const { t } = usePage();
  const c = t.participation.consultation;
  const where = view.scopeLevel === 'territory' ? c.scopeTerritory(view.scopeName) : view.scopeName;
  return (
    <section class="section" aria-labelledby="qui-participe">
      <h2 id="qui-participe">{c.whoHeading}</h2>
      <ul>
        <li>{view.eligibility.residents === 'scope' ? c.whoResidents(where) : c.whoAnyone}</li>
        {view.eligibility.minimumAge !== undefined && <li>{c.whoAge(view.eligibility.minimumAge)}</li>}
      </ul>
    </section>
  );
};

/** What a visitor can do now: propose, vote, read the results — or sign in first. */
const Actions = ({ view }: { readonly view: ConsultationView }) => {
  const { t, path } = usePage();
  const c = t.participation.consultation;
  const links = [];
  if (view.phase === 'proposals') {
    links.push(
      view.signedIn ? (
        <a class="button button--primary" href={portalPaths.newProposal(view.id)}>
          {c.proposeCta}
        </a>
      ) : (
        <a class="button button--primary" href={portalPaths.signIn(path)}>
          {c.signInToPropose}
        </a>
      ),
    );
  }
  if (view.budget && view.phase === 'voting') {
    links.push(
      <a class="button button--primary" href={portalPaths.ballot(view.id)}>
        {c.voteCta}
      </a>,
    );
  } else if (view.budget && (view.phase === 'information' || view.phase === 'proposals')) {
    links.push(
      <a class="button button--secondary" href={portalPaths.ballot(view.id)}>
        {c.projectsCta}
      </a>,
    );
  }
  if (view.phase === 'results') {
    links.push(
      <a class="button button--primary" href={portalPaths.results(view.id)}>
        {c.resultsCta}
      </a>,
    );
  }
  if (links.length === 0) return null;
  return (
    <ul class="actions">
      {links.map((link, i) => (
        <li key={i}>{link}</li>
      ))}
    </ul>
  );
};

const Proposals = ({ view }: { readonly view: ConsultationView }) => {
  const { t } = usePage();
  const c = t.participation.consultation;
  const { order, items, seed, cursor, isFirstPage } = view.proposals;
  return (
    <section class="section" aria-labelledby="propositions">
      <h2 id="propositions" tabindex={-1}>
        {c.proposalsHeading}
      </h2>
      <nav aria-label={c.orderLabel}>
        <ul class="order-links">
          {PROPOSAL_ORDERS.map((o) => (
            <li key={o}>
              <a
                href={proposalsHref(view.id, o, o === 'hasard' ? seed : undefined)}
                aria-current={o === order ? 'true' : undefined}
              >
                {c.orders[o]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{c.noProposals}</p>
      ) : (
        <ul class="card-list" aria-label={c.orderCurrent(c.orders[order] ?? order)}>
          {items.map((p) => (
            <li class="card" key={p.id}>
              <h3 class="card__title">
                <a href={portalPaths.proposal(view.id, p.id)}>{p.title}</a>
              </h3>
              <p class="card__meta">
                <span>
                  {c.by(p.authorName)}, {c.postedOn} <DateText iso={p.createdAt} />
                </span>
                <span>{c.supports(p.supportCount)}</span>
                <span>{c.comments(p.commentCount)}</span>
              </p>
              <p>{p.excerpt}</p>
            </li>
          ))}
        </ul>
      )}
      <ul class="pagination">
        {cursor && (
          <li>
            <a href={proposalsHref(view.id, order, seed, cursor)} rel="next">
              {c.nextPage}
            </a>
          </li>
        )}
        {!isFirstPage && (
          <li>
            <a href={proposalsHref(view.id, order, seed)}>{c.firstPage}</a>
          </li>
        )}
      </ul>
    </section>
  );
};

const Consultation = ({ view }: { readonly view: ConsultationView }) => {
  const { t } = usePage();
  const c = t.participation.consultation;
  return (
    <>
      <ConsultationCrumbs consultation={view} />
      <h1>{view.title}</h1>
      <p class="card__meta">
        <PhaseTag phase={view.phase} />
        <span>{t.participation.list.scope(view.scopeName)}</span>
      </p>
      <Actions view={view} />
      {view.phase === 'information' && (
        <Notice>
          <p>{c.proposalsClosed(t.phase[view.phase] ?? view.phase)}</p>
        </Notice>
      )}
      <div class="columns">
        <section class="section" aria-labelledby="a-propos">
          <h2 id="a-propos">{c.aboutHeading}</h2>
          <div class="prose">
            <Paragraphs text={view.body} />
          </div>
          {view.budget && (
            <>
              <h3>{c.budgetHeading}</h3>
              <p>{c.budgetText(euros(view.budget.amount), view.budget.minSelections, view.budget.maxSelections)}</p>
            </>
          )}
          <h3>{c.countsHeading}</h3>
          <p>
            {c.counts(view.counts.proposals, view.counts.comments)}
            {view.budget && `, ${c.ballots(view.counts.ballots)}`}
          </p>
        </section>
        <div>
          <section class="section" aria-labelledby="calendrier">
            <h2 id="calendrier">{c.timelineHeading}</h2>
            <Timeline steps={view.timeline} />
          </section>
          <Who view={view} />
        </div>
      </div>
      {/* A budget voted on projects alone has no proposals to list. */}
      {(view.proposals.items.length > 0 || view.phase === 'proposals' || !view.proposals.isFirstPage) && (
        <Proposals view={view} />
      )}
    </>
  );
};

export const consultationPage = (_t: Messages, view: ConsultationView): PageContent => ({
  title: view.title,
  body: <Consultation view={view} />,
});
