/**
 * Leaflet glue: draws each `[data-map]` element of the page (MapFigure, shared/portal/components/
 * ui.tsx) from its JSON settings — areas (commune boundaries) and points (reports, sensors) fetched
 * from the platform's own API, as SVG (no WebGL, no tiles needed). Base tiles only when the
 * platform is configured with a tile URL. Every map has a list or table equivalent on its page.
 *
 * The pages enforce Trusted Types: nothing here writes HTML from a string (no Leaflet control or
 * popup that does; labels are text nodes).
 */
import * as L from 'leaflet';
import { baseMap, type BaseMapSettings } from './base-map';

type Layer =
  | { readonly kind: 'area'; readonly url: string; readonly path?: string }
  | { readonly kind: 'points'; readonly url: string; readonly labelKey?: string; readonly href?: string }
  | { readonly kind: 'marker'; readonly lat: number; readonly lon: number; readonly label: string };

interface MapSettings extends BaseMapSettings {
  readonly layers: readonly Layer[];
  readonly pick?: { readonly lat: string; readonly lon: string };
  readonly labels: BaseMapSettings['labels'] & { readonly picked: string };
}

interface PointItem {
  readonly id?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly [key: string]: unknown;
}

const AREA_STYLE: L.PathOptions = { color: '#0b5563', weight: 2, fillColor: '#0b5563', fillOpacity: 0.08 };
const POINT_STYLE: L.CircleMarkerOptions = {
  radius: 7,
  color: '#073a44',
  weight: 2,
  fillColor: '#0a4f8c',
  fillOpacity: 0.85,
};
const PICK_STYLE: L.CircleMarkerOptions = {
  radius: 9,
  color: '#b3261e',
  weight: 3,
  fillColor: '#ffd84d',
  fillOpacity: 1,
};

const getJson = async (url: string): Promise<unknown> => {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
};

const at = (value: unknown, path: string | undefined): unknown =>
  path
    ? path
        .split('.')
        .reduce<unknown>(
          (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
          value,
        )
    : value;

/** A tooltip of text (a DOM node: nothing parsed as HTML). */
const tooltipOf = (text: string) => {
  const label = document.createElement('span');
  label.textContent = text;
  return label;
};

const drawLayer = async (map: L.Map, layer: Layer): Promise<L.FeatureGroup | L.GeoJSON> => {
  if (layer.kind === 'marker') {
    const marker = L.circleMarker([layer.lat, layer.lon], POINT_STYLE).bindTooltip(tooltipOf(layer.label));
    return L.featureGroup([marker]).addTo(map);
  }
  const data = await getJson(layer.url);
  if (layer.kind === 'area') {
    return L.geoJSON(at(data, layer.path) as GeoJSON.GeoJsonObject, { style: AREA_STYLE, interactive: false }).addTo(
      map,
    );
  }
  const items = ((data as { items?: PointItem[] }).items ?? []).filter((item) => item.location);
  const group = L.featureGroup();
  for (const item of items) {
    const marker = L.circleMarker([item.location!.lat, item.location!.lon], POINT_STYLE);
    if (layer.labelKey && item[layer.labelKey] !== undefined)
      marker.bindTooltip(tooltipOf(String(item[layer.labelKey])));
    if (layer.href && item.id) {
      const href = layer.href.replace('{id}', encodeURIComponent(item.id));
      marker.on('click', () => window.location.assign(href));
    }
    group.addLayer(marker);
  }
  return group.addTo(map);
};

/** A click on the map fills the form's coordinates (the fields stay usable by hand). */
const enablePicking = (map: L.Map, pick: NonNullable<MapSettings['pick']>, labels: MapSettings['labels']) => {
  const lat = document.getElementById(pick.lat) as HTMLInputElement | null;
  const lon = document.getElementById(pick.lon) as HTMLInputElement | null;
  if (!lat || !lon) return;
  let marker: L.CircleMarker | undefined;
  const place = (point: L.LatLng) => {
    marker?.remove();
    marker = L.circleMarker(point, PICK_STYLE).addTo(map).bindTooltip(tooltipOf(labels.picked));
  };
  if (lat.value && lon.value && Number.isFinite(Number(lat.value)) && Number.isFinite(Number(lon.value))) {
    place(L.latLng(Number(lat.value), Number(lon.value)));
  }
  map.on('click', (event: L.LeafletMouseEvent) => {
    lat.value = event.latlng.lat.toFixed(6);
    lon.value = event.latlng.lng.toFixed(6);
    for (const input of [lat, lon]) input.dispatchEvent(new Event('change', { bubbles: true }));
    place(event.latlng);
  });
};

const drawMap = async (element: HTMLElement) => {
  const settings = JSON.parse(element.dataset.map ?? '{}') as MapSettings;
  element.replaceChildren();
  const map = baseMap(element, settings);
  const drawn = await Promise.allSettled(settings.layers.map((layer) => drawLayer(map, layer)));
  if (!settings.bbox) {
    const bounds = L.latLngBounds([]);
    for (const result of drawn) if (result.status === 'fulfilled') bounds.extend(result.value.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 16 });
  }
  if (settings.pick) enablePicking(map, settings.pick, settings.labels);
};

export const drawMaps = (): void => {
  for (const element of document.querySelectorAll<HTMLElement>('[data-map]')) {
    drawMap(element).catch((error: unknown) => console.warn('map not drawn', error));
  }
};
