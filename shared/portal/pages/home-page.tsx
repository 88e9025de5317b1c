/**
 * The home page: the territory in a sentence, "Signaler un problème" first, a commune picker
 * (a GET form: it works without JavaScript), the commune's recent public reports and the open
 * consultations.
 */
import { Notice, DateText, MapFigure, StatusTag } from '../components/ui';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import type { Messages } from '../i18n';

export interface HomeView {
  /** The territory's SIREN: the map reads the platform's API under it. */
  readonly siren?: string;
  readonly territory?: {
    readonly name: string;
    readonly population: number;
    readonly communeCount: number;
  };
  /** For the picker, by name. */
  readonly communes: readonly { readonly insee: string; readonly name: string }[];
  /** The commune whose reports are shown; its bounding box frames the map. */
  readonly commune?: {
    readonly insee: string;
    readonly name: string;
    readonly bbox?: readonly [number, number, number, number];
  };
  readonly reports: readonly {
    readonly id: string;
    readonly categoryName: string;
    readonly status: string;
    readonly description: string;
    readonly address?: string;
    readonly createdAt: string;
    readonly supportCount: number;
    readonly overdue: boolean;
  }[];
  readonly consultations: readonly { readonly id: string; readonly title: string; readonly phase: string }[];
}

const Excerpt = ({ text, max = 140 }: { readonly text: string; readonly max?: number }) => (
  <>{text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}</>
);

const CommunePicker = ({ view }: { readonly view: HomeView }) => {
  const { t } = usePage();
  return (
    <form method="get" action={portalPaths.home} class="commune-picker">
      <div class="field">
        <label class="field__label" for="commune">
          {t.home.communeLabel}
        </label>
        <div class="inline-fields">
          <select id="commune" name="commune" class="input select input--medium">
            {view.communes.map((c) => (
              <option key={c.insee} value={c.insee} selected={c.insee === view.commune?.insee}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button button--secondary">
            {t.home.communeSubmit}
          </button>
        </div>
      </div>
    </form>
  );
};

const RecentReports = ({ view }: { readonly view: HomeView }) => {
  const { t } = usePage();
  if (!view.commune) return null;
  const { insee, name, bbox } = view.commune;
  return (
    <section class="section" aria-labelledby="recent-reports">
      <h2 id="recent-reports">{t.home.recentReports(name)}</h2>
      {view.siren && (
        <MapFigure
          label={t.home.mapLabel(name)}
          layers={[
            { kind: 'area', url: `/territories/${view.siren}/communes/${insee}`, path: 'geometry' },
            {
              kind: 'points',
              url: `/territories/${view.siren}/reports?commune=${insee}&limit=50`,
              labelKey: 'description',
              href: `${portalPaths.report('')}{id}`,
            },
          ]}
          {...(bbox ? { bbox } : {})}
          equivalentId="recent-reports-list"
          equivalentLabel={t.home.mapEquivalent}
        />
      )}
      {view.reports.length === 0 ? (
        <p>{t.home.noReports}</p>
      ) : (
        <ul class="card-list" id="recent-reports-list">
          {view.reports.map((r) => (
            <li class="card" key={r.id}>
              <h3 class="card__title">
                <a href={portalPaths.report(r.id)}>{r.categoryName}</a>
              </h3>
              <p class="card__meta">
                <StatusTag status={r.status} label={t.reportStatus[r.status] ?? r.status} />
                {r.overdue && <StatusTag status="overdue" label={t.home.overdue} />}
                <span>
                  {t.home.filedOn} <DateText iso={r.createdAt} />
                </span>
                {r.supportCount > 0 && <span>· {t.home.supports(r.supportCount)}</span>}
              </p>
              {r.address && <p class="card__address">{r.address}</p>}
              <p>
                <Excerpt text={r.description} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={portalPaths.communeReports(view.commune.insee)}>{t.home.allReports(view.commune.name)}</a>
      </p>
    </section>
  );
};

const OpenConsultations = ({ view }: { readonly view: HomeView }) => {
  const { t } = usePage();
  return (
    <section class="section" aria-labelledby="open-consultations">
      <h2 id="open-consultations">{t.home.openConsultations}</h2>
      {view.consultations.length === 0 ? (
        <p>{t.home.noConsultations}</p>
      ) : (
        <ul class="card-list">
          {view.consultations.map((c) => (
            <li class="card" key={c.id}>
              <h3 class="card__title">
                <a href={portalPaths.consultation(c.id)}>{c.title}</a>
              </h3>
              <p class="card__meta">
                <StatusTag status={`phase-${c.phase}`} label={t.phase[c.phase] ?? c.phase} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={portalPaths.consultations}>{t.home.allConsultations}</a>
      </p>
    </section>
  );
};

const Home = ({ view }: { readonly view: HomeView }) => {
  const { t } = usePage();
  if (!view.territory) {
    return (
      <>
        <h1>{t.site.name}</h1>
        <Notice>
          <p>{t.home.noTerritory}</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <div class="hero">
        <h1>{t.home.heading(view.territory.name)}</h1>
        <p class="lead">{t.home.intro(view.territory.communeCount, view.territory.population)}</p>
        <p>
          <a class="button button--primary button--large" href={portalPaths.reportProblem}>
            {t.home.reportCta}
          </a>
        </p>
        <p class="muted">{t.home.reportCtaHint}</p>
      </div>
      <CommunePicker view={view} />
      <div class="columns">
        <RecentReports view={view} />
        <OpenConsultations view={view} />
      </div>
    </>
  );
};

export const homePage = (t: Messages, view: HomeView): PageContent => ({
  title: t.home.title,
  body: <Home view={view} />,
  ...(view.siren && view.commune ? { stylesheets: ['map.css'] } : {}),
});
