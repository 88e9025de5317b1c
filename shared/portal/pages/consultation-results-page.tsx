/**
 * A consultation's published results. A budget: ballots, budget and amount retained, the projects
 * by votes in a table (rank, cost, votes, retained) and as a bar chart of the same figures, and
 * the tie-break rule. Without a budget: the most supported proposals, likewise. Before they are
 * published, the date they will be, when known.
 */
import type { Results } from '../../participation/participation';
import { BarChart } from '../components/bar-chart';
import { DataTable } from '../components/data-table';
import { DateText, Notice } from '../components/ui';
import type { Messages } from '../i18n';
import { euros } from '../i18n/fr-participation';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { ConsultationCrumbs, type ConsultationSummary } from './consultation-parts';

export interface ResultsPageView {
  readonly consultation: ConsultationSummary;
  readonly results?: Results;
  /** When they will be published, if not yet. */
  readonly publishedOn?: string;
}

/** At most this many bars: the table has them all. */
const CHART_BARS = 15;

const BudgetResults = ({ results }: { readonly results: Extract<Results, { kind: 'budget' }> }) => {
  const { t } = usePage();
  const r = t.participation.results;
  const retained = results.projects.filter((p) => p.retained);
  return (
    <>
      <section class="section" aria-labelledby="resume">
        <h2 id="resume">{r.summaryHeading}</h2>
        <ul class="figures">
          <li>{r.ballots(results.ballots)}</li>
          <li>{r.budget(euros(results.budget))}</li>
          <li>{r.retained(retained.length, euros(results.spent))}</li>
        </ul>
        <p class="muted">
          {r.computedOn} <DateText iso={results.computedAt} withTime />
        </p>
      </section>
      <BarChart
        id="graphique-voix"
        title={r.chartTitle}
        description={r.chartDescription}
        bars={results.projects.slice(0, CHART_BARS).map((p) => ({
          label: p.title,
          value: p.votes,
          valueText: `${p.votes.toLocaleString('fr-FR')} ${r.votes.toLowerCase()}`,
          highlight: p.retained,
        }))}
        tableId="tableau-projets"
        tableLink={r.tableLink}
      />
      <DataTable id="tableau-projets" caption={r.tableCaption}>
        <thead>
          <tr>
            <th scope="col">{r.rank}</th>
            <th scope="col">{r.project}</th>
            <th scope="col" class="numeric">
              {r.cost}
            </th>
            <th scope="col" class="numeric">
              {r.votes}
            </th>
            <th scope="col">{r.retainedColumn}</th>
          </tr>
        </thead>
        <tbody>
          {results.projects.map((p) => (
            <tr key={p.projectId}>
              <td>{p.rank}</td>
              <th scope="row">{p.title}</th>
              <td class="numeric">{euros(p.cost)}</td>
              <td class="numeric">{p.votes.toLocaleString('fr-FR')}</td>
              <td>{p.retained ? r.yes : r.no}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <section class="section" aria-labelledby="departage">
        <h2 id="departage">{r.tieBreakHeading}</h2>
        <p>{r.tieBreak}</p>
      </section>
    </>
  );
};

const ProposalResults = ({
  results,
  consultationId,
}: {
  readonly results: Extract<Results, { kind: 'proposals' }>;
  readonly consultationId: string;
}) => {
  const { t } = usePage();
  const r = t.participation.results;
  return (
    <>
      <section class="section" aria-labelledby="resume">
        <h2 id="resume">{r.summaryHeading}</h2>
        <p>{r.proposalsSummary(results.proposals, results.supports, results.comments)}</p>
        <p class="muted">
          {r.computedOn} <DateText iso={results.computedAt} withTime />
        </p>
      </section>
      {results.topProposals.length > 0 && (
        <>
          <BarChart
            id="graphique-soutiens"
            title={r.chartSupports}
            description={r.chartDescription}
            bars={results.topProposals.slice(0, CHART_BARS).map((p) => ({
              label: p.title,
              value: p.supports,
              valueText: t.participation.consultation.supports(p.supports),
            }))}
            tableId="tableau-propositions"
            tableLink={r.tableLink}
          />
          <DataTable id="tableau-propositions" caption={r.proposalsCaption}>
            <thead>
              <tr>
                <th scope="col">{r.rank}</th>
                <th scope="col">{r.proposal}</th>
                <th scope="col">{r.author}</th>
                <th scope="col" class="numeric">
                  {r.supports}
                </th>
              </tr>
            </thead>
            <tbody>
              {results.topProposals.map((p, i) => (
                <tr key={p.proposalId}>
                  <td>{i + 1}</td>
                  <th scope="row">
                    <a href={portalPaths.proposal(consultationId, p.proposalId)}>{p.title}</a>
                  </th>
                  <td>{p.authorName}</td>
                  <td class="numeric">{p.supports.toLocaleString('fr-FR')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </>
  );
};

const ResultsPage = ({ view }: { readonly view: ResultsPageView }) => {
  const { t } = usePage();
  const r = t.participation.results;
  const { consultation: c, results } = view;
  return (
    <>
      <ConsultationCrumbs consultation={c} more={[{ label: r.crumb }]} />
      <h1>{r.title(c.title)}</h1>
      {!results ? (
        <Notice>
          <p>
            {view.publishedOn ? (
              <>
                {r.notYetOn} <DateText iso={view.publishedOn} withTime />.
              </>
            ) : (
              r.notYet
            )}
          </p>
        </Notice>
      ) : results.kind === 'budget' ? (
        <BudgetResults results={results} />
      ) : (
        <ProposalResults results={results} consultationId={c.id} />
      )}
      <p>
        <a href={portalPaths.consultation(c.id)}>{r.back}</a>
      </p>
    </>
  );
};

export const resultsPage = (t: Messages, view: ResultsPageView): PageContent => ({
  title: t.participation.results.title(view.consultation.title),
  body: <ResultsPage view={view} />,
});
