/**
 * A sensor: where it is (a small map, and the same in words), its latest values, and one
 * property's last seven days — a curve of the hourly means (uPlot, drawn by the enhancement script
 * from the data in the page) whose values are also in tables (by day, and every hour): the tables
 * are the curve without JavaScript. A status (a streetlight's) has no curve: its readings are listed.
 */
import type { ComponentChildren } from 'preact';
import { Breadcrumbs } from '../components/breadcrumbs';
import { DataTable } from '../components/data-table';
import { DateText, MapFigure } from '../components/ui';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';

interface Figures {
  readonly mean: string;
  readonly min: string;
  readonly max: string;
  readonly count: number;
}

export interface SensorPageView {
  readonly siren: string;
  readonly id: string;
  readonly name: string;
  readonly typeLabel: string;
  readonly commune: { readonly insee: string; readonly name: string };
  readonly location: { readonly lat: number; readonly lon: number };
  readonly latest: readonly {
    readonly property: string;
    readonly label: string;
    readonly value: string;
    readonly observedAt: string;
  }[];
  readonly properties: readonly { readonly name: string; readonly label: string }[];
  /** The property shown over the week. */
  readonly property?: { readonly name: string; readonly label: string; readonly numeric: boolean };
  /** The curve's data: instants (seconds, UTC) and hourly means (null: nothing measured). */
  readonly chart?: { readonly label: string; readonly x: readonly number[]; readonly y: readonly (number | null)[] };
  readonly hours?: readonly (Figures & { readonly start: string })[];
  /** Days in Paris, YYYY-MM-DD. */
  readonly days?: readonly (Figures & { readonly day: string })[];
  /** A status's readings, newest first. */
  readonly points?: readonly { readonly observedAt: string; readonly value: string }[];
}

/** A Paris day as an instant inside it, for <time>. */
const noonOf = (day: string) => `${day}T12:00:00.000Z`;

/**
 * Mean, minimum, maximum (and the count) per period — a day or an hour, the row's header: the
 * daily table and the hourly one (the curve's values).
 */
const FiguresTable = ({
  id,
  caption,
  period,
  rows,
  withCount = false,
}: {
  readonly id: string;
  readonly caption: string;
  /** The first column's heading. */
  readonly period: string;
  readonly rows: readonly (Figures & { readonly key: string; readonly when: ComponentChildren })[];
  readonly withCount?: boolean;
}) => {
  const { t } = usePage();
  const s = t.sensors.sensor;
  const headings = [s.mean, s.min, s.max, ...(withCount ? [s.count] : [])];
  return (
    <DataTable id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{period}</th>
          {headings.map((heading) => (
            <th key={heading} scope="col" class="numeric">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.when}</th>
            <td class="numeric">{row.mean}</td>
            <td class="numeric">{row.min}</td>
            <td class="numeric">{row.max}</td>
            {withCount && <td class="numeric">{row.count.toLocaleString('fr-FR')}</td>}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
};

/**
 * Where the sensor is: a small map (with JavaScript) of its commune with the sensor's point —
 * without tiles, the commune's outline is what situates it — and the same in words, its equivalent.
 */
const Place = ({ view }: { readonly view: SensorPageView }) => {
  const { t } = usePage();
  const s = t.sensors.sensor;
  const { lat, lon } = view.location;
  return (
    <section class="section sensor-place" aria-labelledby="emplacement-titre">
      <h2 id="emplacement-titre">{s.placeHeading}</h2>
      <MapFigure
        label={s.mapLabel(view.name)}
        layers={[
          { kind: 'area', url: `/territories/${view.siren}/communes/${view.commune.insee}`, path: 'geometry' },
          { kind: 'marker', lat, lon, label: view.name },
        ]}
        equivalentId="emplacement"
        equivalentLabel={s.mapEquivalent}
      />
      <p id="emplacement" tabindex={-1}>
        {s.place(view.commune.name, lat, lon)}
      </p>
    </section>
  );
};

const PropertyPicker = ({ view }: { readonly view: SensorPageView }) => {
  const { t } = usePage();
  const s = t.sensors.sensor;
  if (view.properties.length < 2) return null;
  return (
    <form method="get" action={portalPaths.sensor(view.id)} class="filters">
      <div class="field">
        <label class="field__label" for="mesure">
          {s.propertyLabel}
        </label>
        <select id="mesure" name="mesure" class="input select input--medium">
          {view.properties.map((p) => (
            <option key={p.name} value={p.name} selected={p.name === view.property?.name}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button--secondary">
        {s.propertySubmit}
      </button>
    </form>
  );
};

const Week = ({ view }: { readonly view: SensorPageView }) => {
  const { t } = usePage();
  const s = t.sensors.sensor;
  const property = view.property!;
  if (!property.numeric) {
    const points = view.points ?? [];
    return points.length === 0 ? (
      <p>{s.noData}</p>
    ) : (
      <DataTable id="tableau-valeurs" caption={s.pointsCaption(property.label)}>
        <thead>
          <tr>
            <th scope="col">{s.observedAt}</th>
            <th scope="col">{s.value}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.observedAt}>
              <td>
                <DateText iso={p.observedAt} withTime />
              </td>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    );
  }
  const hours = view.hours ?? [];
  if (hours.length === 0 || !view.chart) return <p>{s.noData}</p>;
  return (
    <>
      {/* Without JavaScript the curve is not shown (the stylesheet hides it): this says so. */}
      <p class="chart__fallback no-js-only">{s.chartFallback}</p>
      <figure class="chart-figure">
        <div
          class="chart"
          role="img"
          aria-label={s.chartLabel(property.label)}
          data-chart={JSON.stringify(view.chart)}
        />
        <figcaption class="map-figure__caption">
          {s.chartLabel(property.label)} — <a href="#tableau-heures">{s.chartEquivalent}</a>
        </figcaption>
      </figure>
      <FiguresTable
        id="tableau-jours"
        caption={s.dailyCaption(property.label)}
        period={s.day}
        withCount
        rows={(view.days ?? []).map((d) => ({ ...d, key: d.day, when: <DateText iso={noonOf(d.day)} /> }))}
      />
      <details class="details" id="heures">
        <summary>{s.hourlySummary(hours.length)}</summary>
        <FiguresTable
          id="tableau-heures"
          caption={s.hourlyCaption(property.label)}
          period={s.hour}
          rows={hours.map((h) => ({ ...h, key: h.start, when: <DateText iso={h.start} withTime /> }))}
        />
      </details>
    </>
  );
};

const Sensor = ({ view }: { readonly view: SensorPageView }) => {
  const { t } = usePage();
  const s = t.sensors.sensor;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: portalPaths.home },
          { label: t.sensors.list.title, href: portalPaths.sensors },
          { label: view.name },
        ]}
      />
      <h1>{view.name}</h1>
      <p class="lead">{s.typeAndCommune(view.typeLabel, view.commune.name)}</p>
      <section class="section" aria-labelledby="dernieres-valeurs">
        <h2 id="dernieres-valeurs">{s.latestHeading}</h2>
        {view.latest.length === 0 ? (
          <p>{s.noValue}</p>
        ) : (
          <DataTable id="tableau-dernieres" caption={s.latestCaption} captionHidden>
            <thead>
              <tr>
                <th scope="col">{s.property}</th>
                <th scope="col">{s.value}</th>
                <th scope="col">{s.observedAt}</th>
              </tr>
            </thead>
            <tbody>
              {view.latest.map((v) => (
                <tr key={v.property}>
                  <th scope="row">{v.label}</th>
                  <td>
                    <strong>{v.value}</strong>
                  </td>
                  <td>
                    <DateText iso={v.observedAt} withTime />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
      <Place view={view} />
      {view.property && (
        <section class="section" aria-labelledby="sept-jours">
          <h2 id="sept-jours">{s.weekHeading(view.property.label)}</h2>
          <PropertyPicker view={view} />
          <Week view={view} />
        </section>
      )}
      <p>
        <a href={portalPaths.sensors}>{s.back}</a>
      </p>
    </>
  );
};

export const sensorPage = (_t: Messages, view: SensorPageView): PageContent => ({
  title: view.property ? `${view.name} : ${view.property.label}` : view.name,
  body: <Sensor view={view} />,
  stylesheets: ['chart.css', 'map.css'],
});
