/**
 * A project as the public sees it: its progress (its own, or its children's rolled up), its
 * budget per year and in all (a bar chart drawn on the server and the table of the same figures),
 * its milestones, its KPIs with baseline, target and trend (a bar chart and its table each), its
 * partners and experimentations, its sub-projects. Organisations and figures only: no person.
 * An agent who may manage it (and only them) sees the links and buttons of its forms.
 */
import { BarChart } from '../components/bar-chart';
import { Breadcrumbs } from '../components/breadcrumbs';
import { DataTable } from '../components/data-table';
import { Fact, Notice, StatusTag } from '../components/ui';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import { portfolioPaths } from '../portfolio-paths';
import type { ProjectPageView } from '../portfolio-pages-app';
import type { PageContent } from '../render';
import { budgetSummary, type Amounts, type Kpi, type KpiPoint, type Milestone } from '../../portfolio/portfolio';
import { dayText, euros, number, percent, share, withUnit } from './portfolio-format';

const Section = ({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: unknown;
}) => (
  <section class="section" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children as never}
  </section>
);

const Progress = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  const { project } = view;
  const childCount = Object.keys(project.children).length;
  return (
    <Section id="avancement" title={p.progressHeading}>
      <p class="portfolio-progress">
        <label for="barre-avancement" class="visually-hidden">
          {p.progressLabel}
        </label>
        <progress id="barre-avancement" class="portfolio-progress__bar" max={100} value={project.progress}>
          {percent(project.progress)}
        </progress>{' '}
        <strong class="portfolio-progress__value" id="avancement-valeur">
          {percent(project.progress)}
        </strong>
      </p>
      <p class="muted">{childCount > 0 ? p.progressChildren(childCount) : p.progressOwn}</p>
    </Section>
  );
};

const datesOf = (t: Messages, start?: string, end?: string): string | undefined => {
  const p = t.portfolio.project;
  if (start && end) return p.between(dayText(start), dayText(end));
  if (start) return p.from(dayText(start));
  if (end) return p.until(dayText(end));
  return undefined;
};

const Facts = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  const { project } = view;
  const dates = datesOf(t, project.startDate, project.endDate);
  const rows: [string, unknown][] = [
    [p.phase, t.portfolio.phases[project.phase] ?? project.phase],
    [
      p.status,
      <StatusTag status={`projet-${project.status}`} label={t.portfolio.statuses[project.status] ?? project.status} />,
    ],
    ...(dates ? [[p.dates, dates] as [string, unknown]] : []),
    [
      p.communes,
      project.communes.length === 0
        ? p.everyCommune
        : project.communes.map((insee) => view.communeNames.get(insee) ?? insee).join(', '),
    ],
    [p.owner, view.ownerName],
    [p.lead, view.leadName],
    ...(view.parent
      ? [[p.parent, <a href={portfolioPaths.project(view.parent.id)}>{view.parent.title}</a>] as [string, unknown]]
      : []),
  ];
  return (
    <Section id="en-bref" title={p.facts}>
      <dl class="facts">
        {rows.map(([term, value]) => (
          <Fact key={term} label={term}>
            {value as never}
          </Fact>
        ))}
      </dl>
    </Section>
  );
};

const AmountCells = ({ amounts, consumption }: { readonly amounts: Amounts; readonly consumption: string }) => (
  <>
    <td class="numeric">{euros(amounts.planned)}</td>
    <td class="numeric">{euros(amounts.committed)}</td>
    <td class="numeric">{euros(amounts.spent)}</td>
    <td class="numeric">{consumption}</td>
  </>
);

/** The heads of the columns AmountCells fills. */
const AmountHeads = () => {
  const p = usePage().t.portfolio.project;
  return (
    <>
      {[p.planned, p.committed, p.spent, p.consumption].map((label) => (
        <th key={label} scope="col" class="numeric">
          {label}
        </th>
      ))}
    </>
  );
};

const ratioOf = (a: Amounts) => (a.planned > 0 ? Math.round((a.spent * 10_000) / a.planned) / 10_000 : null);

const Budget = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  const summary = budgetSummary(view.project.budget);
  const none = p.noShare;
  return (
    <Section id="budget" title={p.budgetHeading}>
      {summary.years.length === 0 ? (
        <p>{p.noBudget}</p>
      ) : (
        <>
          <p>
            {p.budgetTotal(
              euros(summary.total.spent),
              euros(summary.total.planned),
              share(summary.consumption) ?? none,
            )}
          </p>
          <BarChart
            id="graphique-budget"
            title={p.budgetChart}
            description={p.budgetChartDescription}
            tableId="tableau-budget"
            tableLink={p.budgetChartLink}
            bars={summary.years.map((y) => ({
              label: String(y.year),
              value: Math.min(1, y.consumption ?? 0),
              // Short, so it fits at 320 px: the amounts are in the table.
              valueText: share(y.consumption) ?? none,
            }))}
          />
          <DataTable id="tableau-budget" caption={p.budgetTable}>
            <thead>
              <tr>
                <th scope="col">{p.year}</th>
                <th scope="col">{p.kind}</th>
                <AmountHeads />
              </tr>
            </thead>
            <tbody>
              {summary.years.flatMap((y) => [
                ...(['investment', 'operating'] as const)
                  .filter((kind) => y[kind].planned !== 0 || y[kind].committed !== 0 || y[kind].spent !== 0)
                  .map((kind) => (
                    <tr key={`${y.year}-${kind}`}>
                      <th scope="row">{y.year}</th>
                      <td>{t.portfolio.budgetKinds[kind]}</td>
                      <AmountCells amounts={y[kind]} consumption={share(ratioOf(y[kind])) ?? none} />
                    </tr>
                  )),
                <tr key={`${y.year}-total`}>
                  <th scope="row">{y.year}</th>
                  <td>{p.total}</td>
                  <AmountCells amounts={y.total} consumption={share(y.consumption) ?? none} />
                </tr>,
              ])}
              <tr>
                <th scope="row">{p.allYears}</th>
                <td>{p.total}</td>
                <AmountCells amounts={summary.total} consumption={share(summary.consumption) ?? none} />
              </tr>
            </tbody>
          </DataTable>
        </>
      )}
      {(view.lines.length > 0 || view.canManage) && (
        <>
          {view.lines.length > 0 && (
            <DataTable id="tableau-lignes" caption={p.linesTable}>
              <thead>
                <tr>
                  <th scope="col">{p.year}</th>
                  <th scope="col">{p.kind}</th>
                  <th scope="col">{p.funder}</th>
                  <AmountHeads />
                  {view.canManage && <th scope="col">{p.actions}</th>}
                </tr>
              </thead>
              <tbody>
                {view.lines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">{line.year}</th>
                    <td>{t.portfolio.budgetKinds[line.kind]}</td>
                    <td>{line.funder}</td>
                    <AmountCells amounts={line} consumption={share(ratioOf(line)) ?? none} />
                    {view.canManage && (
                      <td>
                        <a
                          href={portfolioPaths.budgetLine(view.project.id, line.id)}
                          aria-label={p.editLine(line.year, t.portfolio.budgetKinds[line.kind] ?? line.kind)}
                        >
                          {p.edit}
                        </a>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          {view.canManage && (
            <p>
              <a class="button button--secondary" href={portfolioPaths.budgetLine(view.project.id)}>
                {p.addLine}
              </a>
            </p>
          )}
        </>
      )}
    </Section>
  );
};

const MarkMet = ({ projectId, milestone }: { readonly projectId: string; readonly milestone: Milestone }) => {
  const { t, csrfToken } = usePage();
  const p = t.portfolio.project;
  const action = portfolioPaths.milestones(projectId);
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken(action)} />
      <input type="hidden" name="atteint" value="1" />
      <input type="hidden" name="milestoneId" value={milestone.id} />
      <input type="hidden" name="version" value={String(milestone.version)} />
      <button type="submit" class="button button--secondary button--small" aria-label={p.markMetOf(milestone.title)}>
        {p.markMet}
      </button>
    </form>
  );
};

const Milestones = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  return (
    <Section id="jalons" title={p.milestonesHeading}>
      {view.milestones.length === 0 ? (
        <p>{p.noMilestones}</p>
      ) : (
        <DataTable id="tableau-jalons" caption={p.milestonesTable} captionHidden>
          <thead>
            <tr>
              <th scope="col">{p.milestone}</th>
              <th scope="col">{p.due}</th>
              <th scope="col">{p.state}</th>
              {view.canManage && <th scope="col">{p.actions}</th>}
            </tr>
          </thead>
          <tbody>
            {view.milestones.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.title}
                  {m.description && <span class="muted"> — {m.description}</span>}
                </th>
                <td>{dayText(m.dueDate)}</td>
                <td>
                  <StatusTag status={`jalon-${m.state}`} label={t.portfolio.milestoneStates[m.state] ?? m.state} />
                  {m.metOn && <> {p.metOn(dayText(m.metOn))}</>}
                </td>
                {view.canManage && (
                  <td>
                    <a href={portfolioPaths.milestone(view.project.id, m.id)} aria-label={p.editMilestone(m.title)}>
                      {p.edit}
                    </a>
                    {m.state !== 'met' && <MarkMet projectId={view.project.id} milestone={m} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.canManage && (
        <p>
          <a class="button button--secondary" href={portfolioPaths.milestone(view.project.id)}>
            {p.addMilestone}
          </a>
        </p>
      )}
    </Section>
  );
};

const dated = (t: Messages, v: { value: number; date: string } | undefined, unit: string) =>
  v ? t.portfolio.project.valueOn(withUnit(v.value, unit), dayText(v.date)) : t.portfolio.project.none;

const KpiBlock = ({
  view,
  kpi,
  trend,
  index,
}: {
  readonly view: ProjectPageView;
  readonly kpi: Kpi;
  readonly trend: readonly KpiPoint[];
  readonly index: number;
}) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  const tableId = `tableau-indicateur-${index + 1}`;
  const values = trend.map((point) => point.value);
  // Bars start at zero: a negative value (rare) is drawn as none, its figure is written beside it.
  return (
    <article class="portfolio-kpi" aria-labelledby={`indicateur-${index + 1}`}>
      <h3 id={`indicateur-${index + 1}`}>{kpi.name}</h3>
      <dl class="facts">
        <Fact label={p.latest}>
          <strong>{dated(t, kpi.latest, kpi.unit)}</strong>
        </Fact>
        <Fact label={p.baseline}>{dated(t, kpi.baseline, kpi.unit)}</Fact>
        <Fact label={p.target}>
          {dated(t, kpi.target, kpi.unit)} — {t.portfolio.directions[kpi.direction]}
        </Fact>
        <Fact label={p.source}>{t.portfolio.sources[kpi.source.kind]}</Fact>
      </dl>
      {trend.length === 0 ? (
        <p>{p.noValues}</p>
      ) : (
        <>
          <BarChart
            id={`graphique-indicateur-${index + 1}`}
            title={p.trendChart(kpi.name)}
            description={p.trendDescription(kpi.name)}
            tableId={tableId}
            tableLink={p.trendLink}
            bars={trend.map((point) => ({
              label: dayText(point.date),
              value: Math.max(0, point.value),
              valueText: withUnit(point.value, kpi.unit),
              highlight:
                kpi.target !== undefined &&
                (kpi.direction === 'higher' ? point.value >= kpi.target.value : point.value <= kpi.target.value),
            }))}
          />
          <DataTable id={tableId} caption={p.trendTable(kpi.name)}>
            <thead>
              <tr>
                <th scope="col">{p.date}</th>
                <th scope="col" class="numeric">
                  {p.value}
                </th>
              </tr>
            </thead>
            <tbody>
              {trend.map((point, i) => (
                <tr key={point.date}>
                  <th scope="row">{dayText(point.date)}</th>
                  <td class="numeric">{number(values[i]!)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      {view.canManage && kpi.source.kind === 'manual' && (
        <p>
          <a class="button button--secondary" href={portfolioPaths.kpiValue(view.project.id, kpi.id)}>
            {p.enterValue(kpi.name)}
          </a>
        </p>
      )}
    </article>
  );
};

const Kpis = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  return (
    <Section id="indicateurs" title={p.kpisHeading}>
      {view.kpis.length === 0 ? (
        <p>{p.noKpis}</p>
      ) : (
        view.kpis.map(({ kpi, trend }, i) => <KpiBlock key={kpi.id} view={view} kpi={kpi} trend={trend} index={i} />)
      )}
    </Section>
  );
};

const Partners = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  const { partners } = view.project;
  return (
    <Section id="partenaires" title={p.partnersHeading}>
      {partners.length === 0 ? (
        <p>{p.noPartners}</p>
      ) : (
        <ul class="portfolio-partners">
          {partners.map((partner, i) => {
            const dates = partner.experimentation
              ? datesOf(t, partner.experimentation.startDate, partner.experimentation.endDate)
              : undefined;
            return (
              <li key={`${i}-${partner.name}`}>
                <strong>{partner.name}</strong> — {partner.role}
                {partner.siren && <span class="muted"> ({p.siren(partner.siren)})</span>}
                {!partner.siren && partner.siret && <span class="muted"> ({p.siret(partner.siret)})</span>}
                {partner.experimentation && (
                  <p>
                    <span class="tag tag--experimentation">{p.experimentation}</span>{' '}
                    {dates && p.experimentationDates(dates)}
                    {partner.experimentation.outcome && <> — {p.outcome(partner.experimentation.outcome)}</>}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
};

const Children = ({ view }: { readonly view: ProjectPageView }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  if (view.children.length === 0) return null;
  return (
    <Section id="sous-projets" title={p.childrenHeading}>
      <DataTable id="tableau-sous-projets" caption={p.childrenTable} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t.portfolio.list.project}</th>
            <th scope="col">{p.status}</th>
            <th scope="col" class="numeric">
              {t.portfolio.list.progress}
            </th>
            <th scope="col" class="numeric">
              {p.weight}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.children.map((child) => (
            <tr key={child.id}>
              <th scope="row">
                <a href={portfolioPaths.project(child.id)}>{child.title}</a>
              </th>
              <td>{t.portfolio.statuses[child.status] ?? child.status}</td>
              <td class="numeric">{percent(child.progress)}</td>
              <td class="numeric">{child.weight === undefined ? p.equalWeights : number(child.weight)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
};

const Project = ({ view, notice }: { readonly view: ProjectPageView; readonly notice?: string }) => {
  const { t } = usePage();
  const p = t.portfolio.project;
  const { project } = view;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: portalPaths.home },
          { label: t.portfolio.list.title, href: portfolioPaths.list },
          { label: project.title },
        ]}
      />
      {notice && p.notices[notice] && <Notice kind="success">{<p>{p.notices[notice]}</p>}</Notice>}
      <h1>{project.title}</h1>
      <p class="lead">
        {p.kindOf(
          t.portfolio.kinds[project.kind] ?? project.kind,
          t.portfolio.domains[project.domain] ?? project.domain,
        )}
      </p>
      {view.canManage && (
        <p>
          <a class="button button--primary" href={portfolioPaths.edit(project.id)}>
            {p.editProject}
          </a>
        </p>
      )}
      {project.description && <p class="report-description">{project.description}</p>}
      <Progress view={view} />
      <Facts view={view} />
      <Budget view={view} />
      <Milestones view={view} />
      <Kpis view={view} />
      <Partners view={view} />
      <Children view={view} />
      {project.links.consultations.length > 0 && (
        <Section id="origine" title={p.linksHeading}>
          <ul>
            {project.links.consultations.map((id) => (
              <li key={id}>
                <a href={portalPaths.consultation(id)}>{p.consultation}</a>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <p>
        <a href={portfolioPaths.list}>{p.back}</a>
      </p>
    </>
  );
};

export const portfolioProjectPage = (t: Messages, view: ProjectPageView, notice?: string): PageContent => ({
  title: view.project.title,
  body: <Project view={view} {...(notice ? { notice } : {})} />,
});
