/**
 * Small presentational pieces the pages share: notices, status tags, dates in French, "next page"
 * links, and the map figure (the enhancement script draws it with Leaflet; its list or table
 * equivalent is always on the page, so the map is never the only way to the information).
 */
import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';

/**
 * A notice. `announce` (success notices by default): the outcome of a form just sent (POST → 303 →
 * GET), said to screen reader users — role="status", and focused by the enhancement script
 * (a live region present at load is not reliably read; focus is).
 */
export const Notice = ({
  kind = 'info',
  title,
  announce = kind === 'success',
  children,
}: {
  readonly kind?: 'info' | 'success' | 'warning';
  readonly title?: string;
  readonly announce?: boolean;
  readonly children: ComponentChildren;
}) => (
  <div
    class={`notice notice--${kind}`}
    role={announce ? 'status' : undefined}
    tabindex={announce ? -1 : undefined}
    data-announce={announce ? '' : undefined}
  >
    {title && <p class="notice__title">{title}</p>}
    {children}
  </div>
);

/** A status word with its colour; the colour is never the only cue (the word is there). */
export const StatusTag = ({ status, label }: { readonly status: string; readonly label: string }) => (
  <span class={`tag tag--${status.replace(/[^a-z_-]/gi, '')}`}>{label}</span>
);

/** One entry of a description list (`<dl class="facts">`): what it is, and its value. */
export const Fact = ({
  label,
  children,
}: {
  readonly label: ComponentChildren;
  readonly children: ComponentChildren;
}) => (
  <div>
    <dt>{label}</dt>
    <dd>{children}</dd>
  </div>
);

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** 14 juillet 2026, in a <time> element with the machine-readable instant. */
export const DateText = ({ iso, withTime = false }: { readonly iso: string; readonly withTime?: boolean }) => (
  <time dateTime={iso}>{(withTime ? DATE_TIME : DATE).format(new Date(iso))}</time>
);

export const formatDate = (iso: string): string => DATE.format(new Date(iso));

export const NextPageLink = ({ href, label }: { readonly href?: string; readonly label: string }) =>
  href ? (
    <p class="pagination">
      <a href={href} rel="next">
        {label}
      </a>
    </p>
  ) : null;

/** A layer the map draws, fetched from the platform's own API. */
export type MapLayer =
  | {
      /** A GeoJSON geometry (or Feature/FeatureCollection), at `path` in the JSON answer if given (e.g. `geometry`). */
      readonly kind: 'area';
      readonly url: string;
      readonly path?: string;
    }
  | {
      /** Points from a list answer: `{ items: [{ location: { lat, lon } }] }`. */
      readonly kind: 'points';
      readonly url: string;
      /** A property of each item shown as the point's label. */
      readonly labelKey?: string;
      /** Link of a point; `{id}` is replaced by the item's id. */
      readonly href?: string;
    }
  | {
      /** One point the page already knows (a sensor's place): nothing to fetch. */
      readonly kind: 'marker';
      readonly lat: number;
      readonly lon: number;
      readonly label: string;
    };

export interface MapProps {
  /** What the map shows, said to everyone (caption and accessible name). */
  readonly label: string;
  readonly layers: readonly MapLayer[];
  /** [west, south, east, north] to show first, when known. */
  readonly bbox?: readonly [number, number, number, number];
  /**
   * A click on the map fills these inputs (ids) with the point: the report form's location.
   * Without JavaScript the form's own fields stay.
   */
  readonly pick?: { readonly lat: string; readonly lon: string };
  /** Where on the page the same information is as a list or table (an id). */
  readonly equivalentId: string;
  readonly equivalentLabel: string;
}

/** Pages with a map add `map.css` to their stylesheets (renderPage's `stylesheets`). */
export const MapFigure = ({ label, layers, bbox, pick, equivalentId, equivalentLabel }: MapProps) => {
  const { tiles, t } = usePage();
  const settings = { layers, bbox, pick, tiles, labels: t.map };
  return (
    <figure class="map-figure">
      <div class="map" role="region" aria-label={label} data-map={JSON.stringify(settings)}>
        <p class="map__fallback">
          <a href={`#${equivalentId}`}>{equivalentLabel}</a>
        </p>
      </div>
      <figcaption class="map-figure__caption">
        {label} — <a href={`#${equivalentId}`}>{equivalentLabel}</a>
      </figcaption>
    </figure>
  );
};
