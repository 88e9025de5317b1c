/**
 * What every Leaflet map of the portal starts with (map.ts, area-map.ts): no Leaflet zoom control
 * or attribution (they write innerHTML; the pages enforce Trusted Types), zoom buttons of DOM nodes
 * with French labels instead, the view of the settings' box (France otherwise), and base tiles
 * with their attribution as text below the map, only when the platform is configured with a tile URL.
 */
import * as L from 'leaflet';

export interface BaseMapSettings {
  /** West, south, east, north. */
  readonly bbox?: readonly [number, number, number, number];
  readonly tiles?: { readonly url: string; readonly attribution?: string };
  readonly labels: { readonly zoomIn: string; readonly zoomOut: string };
}

const addZoomButtons = (map: L.Map, labels: BaseMapSettings['labels']) => {
  const control = new L.Control({ position: 'topleft' });
  control.onAdd = () => {
    const bar = L.DomUtil.create('div', 'leaflet-bar map-zoom');
    for (const [text, label, delta] of [
      ['+', labels.zoomIn, 1],
      ['−', labels.zoomOut, -1],
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'map-zoom__button';
      button.textContent = text;
      button.setAttribute('aria-label', label);
      button.addEventListener('click', () => map.setZoom(map.getZoom() + delta));
      bar.append(button);
    }
    L.DomEvent.disableClickPropagation(bar);
    return bar;
  };
  control.addTo(map);
};

export const baseMap = (element: HTMLElement, settings: BaseMapSettings): L.Map => {
  element.classList.add('map--drawn');
  const map = L.map(element, { zoomControl: false, attributionControl: false });
  addZoomButtons(map, settings.labels);
  if (settings.bbox) {
    const [west, south, east, north] = settings.bbox;
    map.fitBounds([
      [south, west],
      [north, east],
    ]);
  } else {
    map.setView([46.6, 2.4], 5);
  }
  if (settings.tiles) {
    L.tileLayer(settings.tiles.url, { crossOrigin: 'anonymous' }).addTo(map);
    if (settings.tiles.attribution) {
      const attribution = document.createElement('p');
      attribution.className = 'map__attribution';
      attribution.textContent = settings.tiles.attribution;
      element.after(attribution);
    }
  }
  return map;
};
