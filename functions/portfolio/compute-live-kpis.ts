// schedule computeLiveKpis: every live KPI gets its value of the day from the sensors or the reports
import { livePortfolio } from '../../shared/portfolio/live-kpis-app';
import { count } from '../../shared/runtime/metrics';
import { scheduledHandler } from '../../shared/runtime/scheduled';

export const handler = scheduledHandler(
  'live KPIs computed',
  async () => {
    const report = await livePortfolio.computeLiveKpis();
    count('KpiValuesComputed', report.computed);
    return report;
  },
  (report) => report.computed > 0 || report.failed.length > 0,
);
