// schedule detectOverdueReports: flags reports past due and escalates each once
import { sla } from '../../shared/reports/reports-app';
import { scheduledHandler } from '../../shared/runtime/scheduled';

export const handler = scheduledHandler(
  'reports flagged overdue',
  () => sla.detectOverdue(),
  ({ flagged }) => flagged > 0,
);
