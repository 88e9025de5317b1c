/**
 * The portal's one enhancement script (an ES module: browsers without modules, or without
 * JavaScript, get the pages as they are — every page works without it). It adds:
 * - the `js` class on <html>, which shows maps and charts (empty boxes without the script);
 * - focus on the error summary of a refused form, else on the notice saying what a form just did
 *   (POST → 303 → GET), so it is read first;
 * - maps (Leaflet, loaded only on pages that have one: map.ts);
 * - charts (uPlot, loaded only on pages that have one: chart.ts).
 * The pages of each context add their own behaviours here, behind a data- attribute.
 */
import { installTrustedTypesPolicy } from './trusted-types';

installTrustedTypesPolicy();
// The stylesheet shows maps and charts only when this script runs (html.js): without it they would stay empty.
document.documentElement.classList.add('js');

/** A refused form's error summary, else the outcome of the form just sent (a notice), is read first. */
const focusOutcome = () => {
  const target =
    document.querySelector<HTMLElement>('[data-error-summary]') ??
    document.querySelector<HTMLElement>('[data-announce]');
  target?.focus();
};

const start = () => {
  focusOutcome();
  if (document.querySelector('[data-map]')) void import('./map').then((m) => m.drawMaps());
  if (document.querySelector('[data-chart]')) void import('./chart').then((m) => m.drawCharts());
  // The back office's consultation area, drawn by clicks on a map (area-map.ts).
  if (document.querySelector('[data-area-map]')) void import('./area-map').then((m) => m.enhanceAreaMaps());
  if (document.querySelector('[data-ballot]')) void import('./ballot-total').then((m) => m.enhanceBallots());
  // The report form: photo upload, the commune of a point picked on the map (report-form.ts).
  if (document.querySelector('[data-photo-upload], [data-report-form]')) {
    void import('./report-form').then((m) => m.enhanceReportForms());
  }
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
