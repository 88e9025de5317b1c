/**
 * The portal's one enhancement script (an ES module: browsers without modules, or without
 * JavaScript, get the pages as they are — every page works without it). It adds:
 * - focus on the error summary of a refused form, so it is read first;
 * - maps (Leaflet, loaded only on pages that have one: map.ts);
 * - charts (uPlot, loaded only on pages that have one: chart.ts).
 * The pages of each context add their own behaviours here, behind a data- attribute.
 */
import { installTrustedTypesPolicy } from './trusted-types';

installTrustedTypesPolicy();

const focusErrorSummary = () => {
  const summary = document.querySelector<HTMLElement>('[data-error-summary]');
  if (summary) summary.focus();
};

const start = () => {
  focusErrorSummary();
  if (document.querySelector('[data-map]')) void import('./map').then((m) => m.drawMaps());
  if (document.querySelector('[data-chart]')) void import('./chart').then((m) => m.drawCharts());
  if (document.querySelector('[data-ballot]')) void import('./ballot-total').then((m) => m.enhanceBallots());
  // The report form: photo upload, the commune of a point picked on the map (report-form.ts).
  if (document.querySelector('[data-photo-upload], [data-report-form]')) {
    void import('./report-form').then((m) => m.enhanceReportForms());
  }
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
