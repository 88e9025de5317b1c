/**
 * Lists of reports: a commune's (a map and the list, filtered by status and category with a GET
 * form, newest first, by pages) and a signed-in citizen's own ("mes signalements": those they filed
 * and those they support).
 */
import { ReportCard } from '../components/report-card';
import { NextPageLink, MapFigure, Notice } from '../components/ui';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import type { CommuneReportsView, MyReportsView } from '../reports-pages-app';

const withQuery = (path: string, query: Readonly<Record<string, string | undefined>>) => {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

const Filters = ({ view }: { readonly view: CommuneReportsView }) => {
  const { t } = usePage();
  const c = t.reportPages.commune;
  const action = portalPaths.communeReports(view.commune.insee);
  return (
    <form method="get" action={action} class="filters" aria-labelledby="filtres">
      <h2 id="filtres" class="filters__title">
        {c.filterLegend}
      </h2>
      <div class="filters__fields">
        <div class="field">
          <label class="field__label" for="statut">
            {c.status}
          </label>
          <select id="statut" name="statut" class="input select">
            <option value="">{c.all}</option>
            {view.statuses.map((s) => (
              <option key={s} value={s} selected={view.filter.status === s}>
                {t.reportStatus[s] ?? s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="categorie">
            {c.category}
          </label>
          <select id="categorie" name="categorie" class="input select">
            <option value="">{c.all}</option>
            {view.categories.map((category) => (
              <option key={category.code} value={category.code} selected={view.filter.category === category.code}>
                {category.name}
              </option>
            ))}
          </select>
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {c.filter}
          </button>
          {(view.filter.status || view.filter.category) && <a href={action}>{c.reset}</a>}
        </div>
      </div>
    </form>
  );
};

const CommuneReports = ({ view }: { readonly view: CommuneReportsView }) => {
  const { t } = usePage();
  const c = t.reportPages.commune;
  const filtered = Boolean(view.filter.status || view.filter.category);
  const path = portalPaths.communeReports(view.commune.insee);
  return (
    <>
      <h1>{c.title(view.commune.name)}</h1>
      <p class="lead">{c.intro}</p>
      <p>
        <a class="button button--primary" href={portalPaths.reportProblem}>
          {c.reportHere}
        </a>
      </p>
      <Filters view={view} />
      <div class="report-layout report-layout--list">
        <div class="report-layout__main">
          <section id="liste-signalements" aria-labelledby="liste-titre" tabindex={-1}>
            <h2 id="liste-titre">{filtered ? c.listTitleFiltered : c.listTitle}</h2>
            {view.reports.length === 0 ? (
              <p>{c.none}</p>
            ) : (
              <ul class="card-list">
                {view.reports.map((r) => (
                  <ReportCard key={r.id} report={r} />
                ))}
              </ul>
            )}
            <NextPageLink
              label={c.older}
              href={
                view.cursor
                  ? withQuery(path, { statut: view.filter.status, categorie: view.filter.category, apres: view.cursor })
                  : undefined
              }
            />
          </section>
        </div>
        <div class="report-layout__side">
          <MapFigure
            label={c.mapLabel(view.commune.name)}
            layers={[
              { kind: 'area', url: `/territories/${view.siren}/communes/${view.commune.insee}`, path: 'geometry' },
              {
                kind: 'points',
                // The same filters as the list: the map shows what the list shows.
                url: withQuery(`/territories/${view.siren}/reports`, {
                  commune: view.commune.insee,
                  status: view.filter.status,
                  category: view.filter.category,
                  limit: '100',
                }),
                labelKey: 'description',
                href: '/signalements/{id}',
              },
            ]}
            bbox={view.bbox}
            equivalentId="liste-signalements"
            equivalentLabel={c.mapEquivalent}
          />
        </div>
      </div>
    </>
  );
};

export const communeReportsPage = (t: Messages, view: CommuneReportsView): PageContent => ({
  title: t.reportPages.commune.title(view.commune.name),
  body: <CommuneReports view={view} />,
  stylesheets: ['map.css'],
});

const MyReports = ({ view }: { readonly view: MyReportsView }) => {
  const { t } = usePage();
  const m = t.reportPages.mine;
  return (
    <>
      <h1>{m.title}</h1>
      <p class="lead">{m.intro}</p>
      {view.reports.length === 0 ? (
        <Notice>
          <p>{m.none}</p>
          <p>
            <a href={portalPaths.reportProblem}>{t.reportPages.form.title}</a>
          </p>
        </Notice>
      ) : (
        <ul class="card-list">
          {view.reports.map((r) => (
            <ReportCard
              key={r.id}
              report={r}
              extra={<span class="tag tag--reason">{m.reason[r.reason] ?? r.reason}</span>}
            />
          ))}
        </ul>
      )}
      <NextPageLink
        label={m.older}
        href={view.cursor ? withQuery(portalPaths.myReports, { apres: view.cursor }) : undefined}
      />
    </>
  );
};

export const myReportsPage = (t: Messages, view: MyReportsView): PageContent => ({
  title: t.reportPages.mine.title,
  body: <MyReports view={view} />,
});
