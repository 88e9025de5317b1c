/**
 * The dashboards (direction, elected officials): a GET form choosing the period (months) and the
 * scope (commune, category), then per section a server-drawn bar chart, the table of the same
 * figures and the link to that table as CSV. No script, no request elsewhere.
 */
import { BarChart } from '../components/bar-chart';
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import { ErrorSummary, TextField } from '../components/forms';
import type { DashboardsView } from '../back-office-dashboards-app';
import { backOfficePaths } from '../back-office-paths';
import type { Messages } from '../i18n';
import { hasErrors } from '../form-errors';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { ALERT_SEVERITIES, OPEN_BUCKET_FLOOR } from '../../statistics/statistics';
import type { SlaRow, TableName } from '../../statistics/statistics-use-cases';

const Section = ({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: preact.ComponentChildren;
}) => (
  <section class="dashboard-section" aria-labelledby={`${id}-titre`}>
    <h2 id={`${id}-titre`}>{title}</h2>
    {children}
  </section>
);

const CsvLink = ({
  view,
  table,
  what,
}: {
  readonly view: DashboardsView;
  readonly table: TableName;
  readonly what: string;
}) => {
  const { t } = usePage();
  return (
    <p class="dashboard-csv">
      <a href={view.csv(table)} download>
        {t.backOfficeDashboards.csv(what)}
      </a>
    </p>
  );
};

const useFormat = () => {
  const d = usePage().t.backOfficeDashboards;
  return {
    hours: (value: number | null) =>
      value === null ? d.none : value >= OPEN_BUCKET_FLOOR ? d.hoursOpen : d.hours(value),
    share: (value: number | null) => (value === null ? d.none : d.share(value)),
  };
};

/** The SLA columns after a row's first cell, the same as the CSV's. */
const SlaHeads = () => {
  const c = usePage().t.backOfficeDashboards.columns;
  return (
    <>
      <th scope="col">{c.filed}</th>
      <th scope="col">{c.acknowledged}</th>
      <th scope="col">{c.resolved}</th>
      <th scope="col">{c.rejected}</th>
      <th scope="col">{c.wentOverdue}</th>
      <th scope="col">{c.judged}</th>
      <th scope="col">{c.withinTarget}</th>
      <th scope="col">{c.share}</th>
      <th scope="col">{c.medianAcknowledge}</th>
      <th scope="col">{c.medianResolve}</th>
    </>
  );
};

const SlaCells = ({ row }: { readonly row: SlaRow }) => {
  const f = useFormat();
  return (
    <>
      <td>{row.filed}</td>
      <td>{row.acknowledged}</td>
      <td>{row.resolved}</td>
      <td>{row.rejected}</td>
      <td>{row.wentOverdue}</td>
      <td>{row.judged}</td>
      <td>{row.withinTarget}</td>
      <td>{f.share(row.shareWithinTarget)}</td>
      <td>{f.hours(row.medianHoursToAcknowledge)}</td>
      <td>{f.hours(row.medianHoursToResolve)}</td>
    </>
  );
};

const SlaTable = ({
  id,
  caption,
  first,
  rows,
  labelOf,
}: {
  readonly id: string;
  readonly caption: string;
  readonly first: string;
  readonly rows: readonly SlaRow[];
  readonly labelOf: (row: SlaRow) => string;
}) => (
  <DataTable id={id} caption={caption}>
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <SlaHeads />
      </tr>
    </thead>
    <tbody>
      {rows.map((row) => (
        <tr key={row.key}>
          <th scope="row">{labelOf(row)}</th>
          <SlaCells row={row} />
        </tr>
      ))}
    </tbody>
  </DataTable>
);

/** Reports filed and their delays by commune or by category: a chart of the volumes, the table, its CSV. */
const BreakdownSection = ({
  view,
  id,
  first,
  rows,
  table,
}: {
  readonly view: DashboardsView;
  readonly id: 'communes' | 'categories';
  readonly first: string;
  readonly rows: readonly SlaRow[];
  readonly table: TableName;
}) => {
  const { t } = usePage();
  const b = t.backOfficeDashboards;
  const m = b[id];
  return (
    <Section id={id} title={m.title}>
      {rows.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <>
          <BarChart
            id={`graphique-${id}`}
            title={m.chart}
            description={m.chartDescription}
            tableId={`tableau-${id}`}
            tableLink={b.tableLink}
            bars={rows.map((row) => ({ label: row.label, value: row.filed, valueText: String(row.filed) }))}
          />
          <SlaTable id={`tableau-${id}`} caption={m.table} first={first} rows={rows} labelOf={(r) => r.label} />
        </>
      )}
      <CsvLink view={view} table={table} what={m.csvWhat} />
    </Section>
  );
};

const Filters = ({ view }: { readonly view: DashboardsView }) => {
  const { t } = usePage();
  const f = t.backOfficeDashboards.filters;
  const d = view.dashboard;
  const select = (
    name: string,
    label: string,
    all: string,
    value: string | undefined,
    choices: readonly { code: string; name: string }[],
  ) => (
    <div class="field">
      <label class="field__label" for={`filtre-${name}`}>
        {label}
      </label>
      <select id={`filtre-${name}`} name={name} class="input select">
        <option value="">{all}</option>
        {choices.map((c) => (
          <option key={c.code} value={c.code} selected={c.code === value}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
  const month = (name: 'du' | 'au', label: string, value: string) => (
    <TextField
      name={name}
      label={label}
      hint={f.monthHint}
      value={value}
      error={view.errors.fields[name]}
      inputmode="numeric"
      maxLength={7}
      width="short"
      optional
    />
  );
  return (
    <form method="get" action={backOfficePaths.dashboards} class="filters" aria-labelledby="filtres">
      <h2 id="filtres" class="filters__title">
        {f.legend}
      </h2>
      <ErrorSummary errors={view.errors} />
      <div class="filters__fields">
        {month('du', f.from, view.errors.fields.du !== undefined ? (view.typed.du ?? '') : d.from)}
        {month('au', f.to, view.errors.fields.au !== undefined ? (view.typed.au ?? '') : d.to)}
        {!d.communeFixed && select('commune', f.commune, f.allCommunes, d.commune, d.communes)}
        {select('categorie', f.category, f.allCategories, d.category, d.categories)}
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {f.submit}
          </button>
          <a href={backOfficePaths.dashboards}>{f.reset}</a>
        </div>
      </div>
    </form>
  );
};

const Dashboards = ({ view }: { readonly view: DashboardsView }) => {
  const { t } = usePage();
  const b = t.backOfficeDashboards;
  const c = b.columns;
  const f = useFormat();
  const d = view.dashboard;
  const communeName = (code: string) => d.communes.find((x) => x.code === code)?.name ?? code;
  return (
    <>
      <h1>{b.title}</h1>
      <p class="lead">{b.intro}</p>
      <p>
        {d.communeFixed
          ? b.scopeCommuneFixed(communeName(d.commune!))
          : d.commune
            ? b.scopeCommune(communeName(d.commune))
            : b.scopeTerritory(d.territory)}{' '}
        {b.period(b.month(d.from), b.month(d.to))}
      </p>
      <Filters view={view} />
      <p class="hint">{b.method}</p>

      <Section id="delais" title={b.sla.title}>
        <BarChart
          id="graphique-delais"
          title={b.sla.chart}
          description={b.sla.chartDescription}
          tableId="tableau-delais"
          tableLink={b.tableLink}
          bars={d.byMonth.map((row) => ({
            label: b.month(row.key),
            value: row.shareWithinTarget ?? 0,
            valueText: row.shareWithinTarget === null ? b.none : f.share(row.shareWithinTarget),
          }))}
        />
        <SlaTable
          id="tableau-delais"
          caption={b.sla.table}
          first={c.month}
          rows={d.byMonth}
          labelOf={(r) => b.month(r.key)}
        />
        <CsvLink view={view} table="sla-par-mois" what={b.sla.csvWhat} />
      </Section>

      <BreakdownSection view={view} id="communes" first={c.commune} rows={d.byCommune} table="sla-par-commune" />

      <BreakdownSection view={view} id="categories" first={c.category} rows={d.byCategory} table="sla-par-categorie" />

      <Section id="participation" title={b.participation.title}>
        <p>{b.participation.intro}</p>
        {d.consultations.length === 0 ? (
          <p>{b.participation.empty}</p>
        ) : (
          <>
            <BarChart
              id="graphique-participation"
              title={b.participation.chart}
              description={b.participation.chartDescription}
              tableId="tableau-participation"
              tableLink={b.tableLink}
              bars={d.consultations.map((x) => ({
                label: x.title,
                value: x.proposals,
                valueText: String(x.proposals),
              }))}
            />
            <DataTable id="tableau-participation" caption={b.participation.table}>
              <thead>
                <tr>
                  <th scope="col">{c.consultation}</th>
                  <th scope="col">{c.phase}</th>
                  <th scope="col">{c.commune}</th>
                  <th scope="col">{c.proposals}</th>
                  <th scope="col">{c.supports}</th>
                  <th scope="col">{c.comments}</th>
                  <th scope="col">{c.ballots}</th>
                </tr>
              </thead>
              <tbody>
                {d.consultations.map((x) => (
                  <tr key={x.consultationId}>
                    <th scope="row">{x.title}</th>
                    <td>{b.participation.phases[x.phase] ?? x.phase}</td>
                    <td>{x.commune ? communeName(x.commune) : t.backOfficeDashboards.filters.allCommunes}</td>
                    <td>{x.proposals}</td>
                    <td>{x.supports}</td>
                    <td>{x.comments}</td>
                    <td>{x.ballots}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </>
        )}
        <CsvLink view={view} table="participation" what={b.participation.csvWhat} />
      </Section>

      <Section id="alertes" title={b.alerts.title}>
        <BarChart
          id="graphique-alertes"
          title={b.alerts.chart}
          description={b.alerts.chartDescription}
          tableId="tableau-alertes"
          tableLink={b.tableLink}
          bars={d.alertsByWeek.map((w) => ({
            label: b.weekShort(w.week),
            value: w.opened,
            valueText: String(w.opened),
          }))}
        />
        <DataTable id="tableau-alertes" caption={b.alerts.table}>
          <thead>
            <tr>
              <th scope="col">{c.week}</th>
              <th scope="col">{c.opened}</th>
              {ALERT_SEVERITIES.map((s) => (
                <th scope="col" key={s}>
                  {c[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.alertsByWeek.map((w) => (
              <tr key={w.week}>
                <th scope="row">{b.week(w.week)}</th>
                <td>{w.opened}</td>
                {ALERT_SEVERITIES.map((s) => (
                  <td key={s}>{w.bySeverity[s]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
        <CsvLink view={view} table="alertes-par-semaine" what={b.alerts.csvWhat} />
      </Section>
    </>
  );
};

export const backOfficeDashboardsPage = (t: Messages, view: DashboardsView): PageContent =>
  backOfficePage({
    title: t.backOfficeDashboards.title,
    body: <Dashboards view={view} />,
    hasErrors: hasErrors(view.errors),
  });
