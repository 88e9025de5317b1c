/**
 * The consultation form's area drawn on a map (AreaMap, back-office-participation-consultation-
 * pages.tsx): each click on the map adds a vertex; from 3 vertices the GeoJSON field is rewritten
 * as a Polygon, so the form posts the same field as without JavaScript (the field stays the way
 * for keyboard users, and what is typed there is drawn). The territory's communes are drawn as
 * context, from the platform's own API; base tiles only when configured.
 * Nothing here writes HTML from a string (Trusted Types): text nodes only.
 */
import * as L from 'leaflet';
import { baseMap, type BaseMapSettings } from './base-map';

interface AreaMapSettings extends BaseMapSettings {
  /** Id of the GeoJSON textarea. */
  readonly field: string;
  /** GeoJSON of each commune (an answer with a `geometry`). */
  readonly communes: readonly string[];
  readonly labels: BaseMapSettings['labels'] & {
    readonly points: string;
    readonly polygon: string;
    readonly cleared: string;
  };
}

const COMMUNE_STYLE: L.PathOptions = { color: '#0b5563', weight: 1, fillColor: '#0b5563', fillOpacity: 0.05 };
const AREA_STYLE: L.PathOptions = { color: '#b3261e', weight: 3, fillColor: '#ffd84d', fillOpacity: 0.3 };
const VERTEX_STYLE: L.CircleMarkerOptions = {
  radius: 6,
  color: '#b3261e',
  weight: 2,
  fillColor: '#ffffff',
  fillOpacity: 1,
};

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The outer ring of a Polygon typed in the field (closing point dropped), or none. */
const ringOf = (text: string): L.LatLng[] | undefined => {
  try {
    const value = JSON.parse(text) as { type?: string; geometry?: unknown; coordinates?: unknown };
    const geometry = (value.type === 'Feature' ? value.geometry : value) as { type?: string; coordinates?: unknown };
    if (geometry?.type !== 'Polygon' || !Array.isArray(geometry.coordinates)) return undefined;
    const ring = geometry.coordinates[0] as unknown;
    if (!Array.isArray(ring) || ring.length < 4) return undefined;
    const points = (ring as unknown[]).map((p) =>
      Array.isArray(p) ? L.latLng(Number(p[1]), Number(p[0])) : undefined,
    );
    if (points.some((p) => !p || !Number.isFinite(p.lat) || !Number.isFinite(p.lng))) return undefined;
    return (points as L.LatLng[]).slice(0, -1);
  } catch {
    return undefined;
  }
};

const enhance = (figure: HTMLElement) => {
  const settings = JSON.parse(figure.dataset.areaMap ?? '{}') as AreaMapSettings;
  const field = document.getElementById(settings.field) as HTMLTextAreaElement | null;
  const element = figure.querySelector<HTMLElement>('.area-map__map');
  const status = figure.querySelector<HTMLElement>('[data-area-status]');
  if (!field || !element) return;
  const map = baseMap(element, settings);
  for (const url of settings.communes) {
    fetch(url, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<{ geometry?: GeoJSON.GeoJsonObject }>) : undefined))
      .then((commune) => {
        if (commune?.geometry) L.geoJSON(commune.geometry, { style: COMMUNE_STYLE, interactive: false }).addTo(map);
      })
      .catch(() => undefined);
  }

  let points: L.LatLng[] = ringOf(field.value) ?? [];
  const drawn = L.layerGroup().addTo(map);
  const draw = () => {
    drawn.clearLayers();
    if (points.length >= 3) L.polygon(points, { ...AREA_STYLE, interactive: false }).addTo(drawn);
    else if (points.length === 2) L.polyline(points, { ...AREA_STYLE, interactive: false }).addTo(drawn);
    for (const p of points) L.circleMarker(p, { ...VERTEX_STYLE, interactive: false }).addTo(drawn);
  };
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  /** The field follows the vertices: a closed ring from 3 points, empty before. */
  const write = () => {
    const ring = points.map((p) => [round(p.lng), round(p.lat)]);
    field.value = points.length >= 3 ? JSON.stringify({ type: 'Polygon', coordinates: [[...ring, ring[0]]] }) : '';
    say(
      points.length === 0
        ? settings.labels.cleared
        : points.length >= 3
          ? fill(settings.labels.polygon, { n: points.length })
          : fill(settings.labels.points, { n: points.length, left: 3 - points.length }),
    );
    draw();
  };
  draw();
  if (points.length >= 3) map.fitBounds(L.latLngBounds(points), { maxZoom: 16 });

  map.on('click', (event: L.LeafletMouseEvent) => {
    points = [...points, event.latlng];
    write();
  });
  figure.querySelector('[data-area-undo]')?.addEventListener('click', () => {
    points = points.slice(0, -1);
    write();
  });
  figure.querySelector('[data-area-clear]')?.addEventListener('click', () => {
    points = [];
    write();
  });
  // What is typed in the field is drawn (when it is a Polygon).
  field.addEventListener('input', () => {
    const ring = ringOf(field.value);
    points = ring ?? (field.value.trim() === '' ? [] : points);
    draw();
  });
};

export const enhanceAreaMaps = (): void => {
  for (const figure of document.querySelectorAll<HTMLElement>('[data-area-map]')) {
    try {
      enhance(figure);
    } catch (error) {
      console.warn('area map not drawn', error);
    }
  }
};
