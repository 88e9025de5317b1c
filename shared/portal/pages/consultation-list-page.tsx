/**
 * The consultations of the territory: those open now first (information, proposals, voting), then
 * the closed ones and those with results; each with its scope, its phase and its next date.
 */
import { DateText } from '../components/ui';
import type { Messages } from '../i18n';
import { euros } from '../i18n/fr-participation';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { ConsultationCrumbs, PhaseTag, type ConsultationSummary } from './consultation-parts';

export interface ConsultationCard extends ConsultationSummary {
  readonly excerpt: string;
  /** The next dated phase. */
  readonly next?: { readonly phase: string; readonly at: string };
}

export interface ConsultationsView {
  readonly open: readonly ConsultationCard[];
  readonly past: readonly ConsultationCard[];
}

const Cards = ({ items, headingId }: { readonly items: readonly ConsultationCard[]; readonly headingId: string }) => {
  const { t } = usePage();
  const l = t.participation.list;
  return (
    <ul class="card-list" aria-labelledby={headingId}>
      {items.map((c) => (
        <li class="card" key={c.id}>
          <h3 class="card__title">
            <a href={portalPaths.consultation(c.id)}>{c.title}</a>
          </h3>
          <p class="card__meta">
            <PhaseTag phase={c.phase} />
            <span>{l.scope(c.scopeName)}</span>
            {c.budget && <span>{l.budget(euros(c.budget.amount))}</span>}
          </p>
          <p>{c.excerpt}</p>
          {c.next && (
            <p class="muted">
              {l.nextPhase(t.phase[c.next.phase] ?? c.next.phase, c.next.phase)} <DateText iso={c.next.at} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
};

const Consultations = ({ view }: { readonly view: ConsultationsView }) => {
  const { t } = usePage();
  const l = t.participation.list;
  return (
    <>
      <ConsultationCrumbs />
      <h1>{l.title}</h1>
      <p class="lead">{l.intro}</p>
      <section class="section" aria-labelledby="consultations-ouvertes">
        <h2 id="consultations-ouvertes">{l.open}</h2>
        {view.open.length === 0 ? <p>{l.noOpen}</p> : <Cards items={view.open} headingId="consultations-ouvertes" />}
      </section>
      <section class="section" aria-labelledby="consultations-terminees">
        <h2 id="consultations-terminees">{l.past}</h2>
        {view.past.length === 0 ? <p>{l.noPast}</p> : <Cards items={view.past} headingId="consultations-terminees" />}
      </section>
    </>
  );
};

export const consultationsPage = (t: Messages, view: ConsultationsView): PageContent => ({
  title: t.participation.list.title,
  body: <Consultations view={view} />,
});
