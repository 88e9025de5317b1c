/**
 * uPlot glue: draws each `[data-chart]` element from its JSON settings (a time series the page
 * also shows as a data table). uPlot builds its DOM with DOM methods only (Trusted Types hold).
 */
import uPlot from 'uplot';

interface ChartSettings {
  /** The series' name, e.g. "NO₂ (µg/m³)". */
  readonly label: string;
  /** Instants in seconds since the epoch (UTC). */
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
}

/** Axis ticks in French, in Paris time (uPlot's defaults are English). */
const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'Europe/Paris' });
const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** "27 nov." over "00:00" where a day starts (and on the first tick), else the time alone: short enough not to overlap. */
const tickOf = (seconds: number, index: number): string => {
  const at = new Date(seconds * 1000);
  const time = TIME.format(at);
  return index === 0 || time === '00:00' ? `${DAY.format(at)}\n${time}` : time;
};

const drawChart = (element: HTMLElement) => {
  const settings = JSON.parse(element.dataset.chart ?? '{}') as ChartSettings;
  element.replaceChildren();
  const width = () => Math.max(280, element.clientWidth);
  const chart = new uPlot(
    {
      width: width(),
      height: 260,
      series: [{ label: 'Date' }, { label: settings.label, stroke: '#0b5563', width: 2, spanGaps: false }],
      axes: [
        {
          stroke: '#1b1f24',
          values: (_chart, splits) => splits.map(tickOf),
          // Room for two lines, and between ticks: a label never runs into the next.
          size: 56,
          space: 64,
        },
        { stroke: '#1b1f24', values: (_chart, splits) => splits.map((v) => v.toLocaleString('fr-FR')) },
      ],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Europe/Paris'),
      fmtDate: (template) =>
        uPlot.fmtDate(template, {
          MMM: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
        } as never),
    },
    [[...settings.x], [...settings.y]] as uPlot.AlignedData,
    element,
  );
  window.addEventListener('resize', () => chart.setSize({ width: width(), height: 260 }));
};

export const drawCharts = (): void => {
  for (const element of document.querySelectorAll<HTMLElement>('[data-chart]')) drawChart(element);
};
