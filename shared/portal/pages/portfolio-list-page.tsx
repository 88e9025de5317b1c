/**
 * The territory's projects: a GET form filters them by domain, commune, phase and status (each read
 * by its index, no scan), a table lists them by title with their progress and budget, by pages; and
 * "what is late", the missed milestones. Links to the whole portfolio as CSV and OC4IDS.
 */
import { Breadcrumbs } from '../components/breadcrumbs';
import { DataTable } from '../components/data-table';
import { NextPageLink, StatusTag } from '../components/ui';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import { portfolioPaths } from '../portfolio-paths';
import type { LateView, PortfolioListView } from '../portfolio-pages-app';
import type { PageContent } from '../render';
import { DOMAINS, PHASES, STATUSES, budgetSummary } from '../../portfolio/portfolio';
import { dayText, euros, percent, share } from './portfolio-format';

const Filter = ({
  name,
  label,
  all,
  value,
  choices,
}: {
  readonly name: string;
  readonly label: string;
  readonly all: string;
  readonly value: string | undefined;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
}) => (
  <div class="field">
    <label class="field__label" for={name}>
      {label}
    </label>
    <select id={name} name={name} class="input select">
      <option value="">{all}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value} selected={c.value === value}>
          {c.label}
        </option>
      ))}
    </select>
  </div>
);

const Filters = ({ view }: { readonly view: PortfolioListView }) => {
  const { t } = usePage();
  const p = t.portfolio;
  const filtered = Object.values(view.filter).some((v) => v !== undefined);
  return (
    <form method="get" action={portfolioPaths.list} class="filters" aria-labelledby="filtres">
      <h2 id="filtres" class="filters__title">
        {p.list.filterLegend}
      </h2>
      <div class="filters__fields">
        <Filter
          name="domaine"
          label={p.list.domain}
          all={p.list.all}
          value={view.filter.domain}
          choices={DOMAINS.map((d) => ({ value: d, label: p.domains[d] ?? d }))}
        />
        <Filter
          name="commune"
          label={p.list.commune}
          all={p.list.allCommunes}
          value={view.filter.commune}
          choices={view.communes.map((c) => ({ value: c.insee, label: c.name }))}
        />
        <Filter
          name="phase"
          label={p.list.phase}
          all={p.list.all}
          value={view.filter.phase}
          choices={PHASES.map((d) => ({ value: d, label: p.phases[d] ?? d }))}
        />
        <Filter
          name="statut"
          label={p.list.status}
          all={p.list.all}
          value={view.filter.status}
          choices={STATUSES.map((d) => ({ value: d, label: p.statuses[d] ?? d }))}
        />
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {p.list.filter}
          </button>
          {filtered && <a href={portfolioPaths.list}>{p.list.reset}</a>}
        </div>
      </div>
    </form>
  );
};

const PortfolioList = ({ view }: { readonly view: PortfolioListView }) => {
  const { t } = usePage();
  const p = t.portfolio;
  const api = `/territories/${view.siren}/portfolio`;
  return (
    <>
      <Breadcrumbs items={[{ label: t.nav.home, href: portalPaths.home }, { label: p.list.title }]} />
      <h1>{p.list.title}</h1>
      <p class="lead">{p.list.intro}</p>
      <p>
        <a href={portfolioPaths.late}>{p.list.late}</a>
      </p>
      <Filters view={view} />
      <section id="projets" aria-labelledby="projets-titre">
        <h2 id="projets-titre" class="visually-hidden">
          {p.list.title}
        </h2>
        {view.projects.length === 0 ? (
          <p>{p.list.none}</p>
        ) : (
          <DataTable id="tableau-projets" caption={p.list.caption(view.projects.length, view.cursor !== undefined)}>
            <thead>
              <tr>
                <th scope="col">{p.list.project}</th>
                <th scope="col">{p.list.domain}</th>
                <th scope="col">{p.list.phase}</th>
                <th scope="col">{p.list.status}</th>
                <th scope="col" class="numeric">
                  {p.list.progress}
                </th>
                <th scope="col" class="numeric">
                  {p.list.planned}
                </th>
                <th scope="col" class="numeric">
                  {p.list.consumption}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.projects.map((project) => {
                const budget = budgetSummary(project.budget);
                return (
                  <tr key={project.id}>
                    <th scope="row">
                      <a href={portfolioPaths.project(project.id)}>{project.title}</a>
                      <span class="muted"> · {p.kinds[project.kind]}</span>
                    </th>
                    <td>{p.domains[project.domain] ?? project.domain}</td>
                    <td>{p.phases[project.phase] ?? project.phase}</td>
                    <td>
                      <StatusTag
                        status={`projet-${project.status}`}
                        label={p.statuses[project.status] ?? project.status}
                      />
                    </td>
                    <td class="numeric">{percent(project.progress)}</td>
                    <td class="numeric">{euros(budget.total.planned)}</td>
                    <td class="numeric">{share(budget.consumption) ?? p.project.noShare}</td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )}
        <NextPageLink
          label={p.list.next}
          href={
            view.cursor
              ? portfolioPaths.filtered({
                  domaine: view.filter.domain,
                  commune: view.filter.commune,
                  phase: view.filter.phase,
                  statut: view.filter.status,
                  suite: view.cursor,
                })
              : undefined
          }
        />
      </section>
      <p>
        {p.list.exports} <a href={`${api}/export.csv`}>{p.list.csv}</a> ·{' '}
        <a href={`${api}/export.oc4ids.json`}>{p.list.oc4ids}</a>
      </p>
    </>
  );
};

export const portfolioListPage = (t: Messages, view: PortfolioListView): PageContent => ({
  title: t.portfolio.list.title,
  body: <PortfolioList view={view} />,
});

const Late = ({ view }: { readonly view: LateView }) => {
  const { t } = usePage();
  const l = t.portfolio.late;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: portalPaths.home },
          { label: t.portfolio.list.title, href: portfolioPaths.list },
          { label: l.title },
        ]}
      />
      <h1>{l.title}</h1>
      <p class="lead">{l.intro}</p>
      {view.items.length === 0 ? (
        <p>{l.none}</p>
      ) : (
        <DataTable id="tableau-retards" caption={l.caption(view.items.length)}>
          <thead>
            <tr>
              <th scope="col">{l.milestone}</th>
              <th scope="col">{l.project}</th>
              <th scope="col">{l.due}</th>
              <th scope="col">{l.missedSince}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map(({ milestone, project }) => (
              <tr key={milestone.id}>
                <th scope="row">{milestone.title}</th>
                <td>{project ? <a href={portfolioPaths.project(project.id)}>{project.title}</a> : '—'}</td>
                <td>{dayText(milestone.dueDate)}</td>
                <td>{milestone.missedAt ? dayText(milestone.missedAt.slice(0, 10)) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <NextPageLink label={l.next} href={view.cursor ? portfolioPaths.lateAfter(view.cursor) : undefined} />
    </>
  );
};

export const portfolioLatePage = (t: Messages, view: LateView): PageContent => ({
  title: t.portfolio.late.title,
  body: <Late view={view} />,
});
