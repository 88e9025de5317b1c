/**
 * A report's public page — its status in words, the overdue flag, its place (a small map and the
 * same in text), description, answers, photos, public history (transitions and public notes only:
 * never an internal note nor who made a change), and "moi aussi" — and the confirmation shown
 * once a report is filed. Public data only (reports-pages-app.ts builds it from the public view).
 */
import { ReportCard } from '../components/report-card';
import { DateText, Fact, MapFigure, Notice, StatusTag } from '../components/ui';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import type { ReportPageView } from '../reports-pages-app';

/** Degrees around the report that its small map shows (about 330 × 320 m around Toulouse). */
const MAP_MARGIN = { lat: 0.0015, lon: 0.002 };

/** A report's photos, each a link to the full image (the public and the back-office report pages). */
export const PhotoList = ({ urls }: { readonly urls: readonly string[] }) => {
  const { t } = usePage();
  return (
    <ul class="photo-list">
      {urls.map((url, i) => (
        <li key={url}>
          <a href={url}>
            <img src={url} alt={t.reportPages.report.photoAlt(i + 1, urls.length)} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
};

const SupportNotice = ({ outcome }: { readonly outcome?: 'merci' | 'deja' | 'ferme' }) => {
  const { t } = usePage();
  const r = t.reportPages.report;
  if (!outcome) return null;
  const [kind, text] =
    outcome === 'merci'
      ? (['success', r.supportThanks] as const)
      : outcome === 'deja'
        ? (['info', r.supportAlready] as const)
        : (['warning', r.supportClosed] as const);
  return (
    <Notice kind={kind} announce>
      <p>{text}</p>
    </Notice>
  );
};

const Support = ({ view }: { readonly view: ReportPageView }) => {
  const { t, visitor, csrfToken } = usePage();
  const r = t.reportPages.report;
  const action = portalPaths.reportSupport(view.id);
  let body;
  if (!view.open) body = <p>{r.closedNoSupport}</p>;
  else if (view.isReporter) body = <p>{r.isReporter}</p>;
  else if (visitor) {
    body = (
      <form method="post" action={action}>
        <input type="hidden" name="_csrf" value={csrfToken(action)} />
        <button type="submit" class="button button--primary">
          {r.supportButton}
        </button>
      </form>
    );
  } else {
    body = (
      <p>
        <a class="button button--secondary" href={portalPaths.signIn(portalPaths.report(view.id))}>
          {r.signInToSupport}
        </a>
      </p>
    );
  }
  return (
    <section class="section report-support" aria-labelledby="soutenir">
      <h2 id="soutenir">{r.supportTitle}</h2>
      <p class="muted">{r.supportHint}</p>
      <p>
        <strong>{r.supportsCount(view.supportCount)}</strong>
      </p>
      {body}
    </section>
  );
};

const History = ({ view }: { readonly view: ReportPageView }) => {
  const { t } = usePage();
  const r = t.reportPages.report;
  const word = (status: string) => t.reportStatus[status] ?? status;
  return (
    <section class="section" aria-labelledby="historique">
      <h2 id="historique">{r.history}</h2>
      <ol class="timeline">
        {view.history.map((entry, i) => (
          <li class="timeline__entry" key={`${entry.at}-${i}`}>
            <p class="timeline__when">
              <DateText iso={entry.at} withTime />
            </p>
            <p class="timeline__what">
              {entry.from === null ? r.historyFiled : r.historyChange(word(entry.from), word(entry.to))}
            </p>
            {entry.publicNote && <p class="timeline__note">{entry.publicNote}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
};

const ReportPage = ({
  view,
  support,
}: {
  readonly view: ReportPageView;
  readonly support?: 'merci' | 'deja' | 'ferme';
}) => {
  const { t } = usePage();
  const r = t.reportPages.report;
  const { lat, lon } = view.location;
  const box = [lon - MAP_MARGIN.lon, lat - MAP_MARGIN.lat, lon + MAP_MARGIN.lon, lat + MAP_MARGIN.lat] as const;
  const round = (n: number) => Number(n.toFixed(5));
  return (
    <>
      <SupportNotice outcome={support} />
      <h1>{r.title(view.categoryName)}</h1>
      <p class="muted report-reference">{r.reference(view.id)}</p>
      <p class="report-status">
        <span>{r.status} : </span>
        <StatusTag status={view.status} label={t.reportStatus[view.status] ?? view.status} />
        {view.overdue && <StatusTag status="overdue" label={r.overdue} />}
      </p>
      {view.overdue && (
        <Notice kind="warning">
          <p>{r.overdueNote}</p>
        </Notice>
      )}
      {view.duplicateOf && (
        <Notice>
          <p>
            {r.duplicateOf} <a href={portalPaths.report(view.duplicateOf)}>{r.seeOriginal}</a>
          </p>
        </Notice>
      )}
      <div class="report-layout">
        <div class="report-layout__main">
          <dl class="facts">
            <Fact label={r.commune}>
              <a href={portalPaths.communeReports(view.commune.insee)}>{view.commune.name}</a>
            </Fact>
            {view.address && <Fact label={r.address}>{view.address}</Fact>}
            <Fact label={r.filedOn}>
              <DateText iso={view.createdAt} withTime />
            </Fact>
            {view.dueAt && view.open && (
              <Fact label={r.dueAt}>
                <DateText iso={view.dueAt} withTime />
              </Fact>
            )}
            <Fact label={r.supports}>{view.supportCount.toLocaleString('fr-FR')}</Fact>
          </dl>
          <section aria-labelledby="description">
            <h2 id="description">{r.description}</h2>
            <p class="report-description">{view.description}</p>
          </section>
          {view.answers.length > 0 && (
            <section aria-labelledby="precisions">
              <h2 id="precisions">{r.details}</h2>
              <dl class="facts">
                {view.answers.map((a) => (
                  <Fact key={a.label} label={a.label}>
                    {a.value}
                  </Fact>
                ))}
              </dl>
            </section>
          )}
          {view.photoUrls.length > 0 && (
            <section aria-labelledby="photos">
              <h2 id="photos">{r.photos}</h2>
              <PhotoList urls={view.photoUrls} />
            </section>
          )}
          <History view={view} />
        </div>
        <div class="report-layout__side">
          <MapFigure
            label={r.mapLabel}
            layers={[
              { kind: 'area', url: `/territories/${view.siren}/communes/${view.commune.insee}`, path: 'geometry' },
              {
                kind: 'points',
                url: `/territories/${view.siren}/reports?bbox=${box.map(round).join(',')}&limit=50`,
                labelKey: 'description',
                href: '/signalements/{id}',
              },
            ]}
            bbox={box}
            equivalentId="lieu"
            equivalentLabel={r.mapEquivalent}
          />
          <section id="lieu" aria-labelledby="lieu-titre" tabindex={-1}>
            <h2 id="lieu-titre">{r.location}</h2>
            <p>
              {view.address ? `${view.address}, ` : ''}
              {view.commune.name}
            </p>
            <p class="muted">{r.coordinates(lat, lon)}</p>
          </section>
          <Support view={view} />
          <p>
            <a href={portalPaths.communeReports(view.commune.insee)}>{r.communeReports(view.commune.name)}</a>
          </p>
        </div>
      </div>
    </>
  );
};

export const reportPage = (t: Messages, view: ReportPageView, support?: 'merci' | 'deja' | 'ferme'): PageContent => ({
  title: `${t.reportPages.report.title(view.categoryName)} (${t.reportStatus[view.status] ?? view.status})`,
  body: <ReportPage view={view} support={support} />,
  stylesheets: ['map.css'],
});

const Confirmation = ({ view }: { readonly view: ReportPageView }) => {
  const { t } = usePage();
  const c = t.reportPages.confirmation;
  return (
    <>
      <h1>{c.title}</h1>
      <Notice kind="success" title={c.thanks}>
        <p>
          {c.reference} <strong class="report-reference__id">{view.id}</strong>
        </p>
      </Notice>
      <ul class="card-list">
        <ReportCard
          report={{
            id: view.id,
            categoryName: view.categoryName,
            status: view.status,
            overdue: view.overdue,
            createdAt: view.createdAt,
            description: view.description,
            ...(view.address ? { address: view.address } : {}),
            communeName: view.commune.name,
            supportCount: view.supportCount,
          }}
          headingLevel={2}
        />
      </ul>
      <h2>{c.next}</h2>
      <ol>
        {c.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p class="button-row">
        <a class="button button--primary" href={portalPaths.report(view.id)}>
          {c.see}
        </a>
        <a class="button button--secondary" href={portalPaths.reportProblem}>
          {c.another}
        </a>
      </p>
    </>
  );
};

export const reportConfirmationPage = (t: Messages, view: ReportPageView): PageContent => ({
  title: t.reportPages.confirmation.title,
  body: <Confirmation view={view} />,
});
