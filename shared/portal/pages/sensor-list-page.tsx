/**
 * The sensors and their latest values: a filter (kind, commune; a GET form), a map of the sensors
 * (Leaflet, drawn from the platform's own API; each point links to its sensor) and the same
 * sensors in a table, the map's equivalent, with their latest values.
 */
import { Breadcrumbs } from '../components/breadcrumbs';
import { DataTable } from '../components/data-table';
import { DateText, MapFigure, type MapLayer } from '../components/ui';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { SENSOR_KINDS, type SensorKind } from '../sensors-pages-routes';

export interface SensorRow {
  readonly id: string;
  readonly name: string;
  readonly typeLabel: string;
  readonly communeName: string;
  readonly latest: readonly { readonly label: string; readonly value: string }[];
  readonly lastObservedAt?: string;
}

export interface SensorsView {
  readonly siren: string;
  readonly kind?: SensorKind;
  readonly commune?: { readonly insee: string; readonly name: string };
  /** The communes that have sensors, by name. */
  readonly communes: readonly { readonly insee: string; readonly name: string }[];
  readonly sensors: readonly SensorRow[];
  readonly bbox?: readonly [number, number, number, number];
}

/** The API the map draws from: the same filters, as the sensors API says them. */
const layersOf = (view: SensorsView, types: Readonly<Record<SensorKind, string>>): MapLayer[] => {
  const query = new URLSearchParams({ limit: '500' });
  if (view.kind) query.set('type', types[view.kind]);
  if (view.commune) query.set('commune', view.commune.insee);
  const territory = `/territories/${encodeURIComponent(view.siren)}`;
  return [
    ...(view.commune
      ? [
          {
            kind: 'area' as const,
            url: `${territory}/communes/${encodeURIComponent(view.commune.insee)}`,
            path: 'geometry',
          },
        ]
      : []),
    {
      kind: 'points',
      url: `${territory}/sensors?${query}`,
      labelKey: 'name',
      href: portalPaths.sensor('{id}').replace('%7Bid%7D', '{id}'),
    },
  ];
};

const Filter = ({ view }: { readonly view: SensorsView }) => {
  const { t } = usePage();
  const l = t.sensors.list;
  return (
    <form method="get" action={portalPaths.sensors} class="filters" aria-label={l.filterLegend}>
      <div class="filters__fields">
        <div class="field">
          <label class="field__label" for="filtre-type">
            {l.typeLabel}
          </label>
          <select id="filtre-type" name="type" class="input select input--medium">
            <option value="">{l.allTypes}</option>
            {SENSOR_KINDS.map((kind) => (
              <option key={kind} value={kind} selected={kind === view.kind}>
                {t.sensors.kinds[kind]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="filtre-commune">
            {l.communeLabel}
          </label>
          <select id="filtre-commune" name="commune" class="input select input--medium">
            <option value="">{l.allCommunes}</option>
            {view.communes.map((c) => (
              <option key={c.insee} value={c.insee} selected={c.insee === view.commune?.insee}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" class="button button--secondary">
        {l.filterSubmit}
      </button>
    </form>
  );
};

const SensorList = ({ view, types }: { readonly view: SensorsView; readonly types: Record<SensorKind, string> }) => {
  const { t } = usePage();
  const l = t.sensors.list;
  const kind = view.kind ? t.sensors.kinds[view.kind]! : l.everyType;
  const what = `${kind.charAt(0).toUpperCase()}${kind.slice(1)}, ${view.commune?.name ?? l.everywhere}`;
  return (
    <>
      <Breadcrumbs items={[{ label: t.nav.home, href: portalPaths.home }, { label: l.title }]} />
      <h1>{l.title}</h1>
      <p class="lead">{l.intro}</p>
      <Filter view={view} />
      {view.sensors.length === 0 ? (
        <p>{l.none}</p>
      ) : (
        <>
          <MapFigure
            label={l.mapLabel(what)}
            layers={layersOf(view, types)}
            {...(view.bbox ? { bbox: view.bbox } : {})}
            equivalentId="tableau-capteurs"
            equivalentLabel={l.mapEquivalent}
          />
          <DataTable id="tableau-capteurs" caption={l.tableCaption(what, view.sensors.length)}>
            <thead>
              <tr>
                <th scope="col">{l.sensor}</th>
                <th scope="col">{l.type}</th>
                <th scope="col">{l.commune}</th>
                <th scope="col">{l.latest}</th>
                <th scope="col">{l.observedAt}</th>
              </tr>
            </thead>
            <tbody>
              {view.sensors.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={portalPaths.sensor(s.id)}>{s.name}</a>
                  </th>
                  <td>{s.typeLabel}</td>
                  <td>{s.communeName}</td>
                  <td>
                    {s.latest.length === 0 ? (
                      l.noValue
                    ) : (
                      <ul class="values">
                        {s.latest.map((v) => (
                          <li key={v.label}>
                            {v.label} : <strong>{v.value}</strong>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{s.lastObservedAt ? <DateText iso={s.lastObservedAt} withTime /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </>
  );
};

export const sensorsPage = (
  t: Messages,
  view: SensorsView,
  /** Kind → the sensors API's type (Smart Data Models entity type). */
  types: Record<SensorKind, string>,
): PageContent => ({
  title: view.kind ? `${t.sensors.list.title} : ${t.sensors.kinds[view.kind]}` : t.sensors.list.title,
  body: <SensorList view={view} types={types} />,
  stylesheets: ['map.css'],
});
