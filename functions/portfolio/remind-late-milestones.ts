// schedule remindLateMilestones: marks missed milestones, sets their projects late, mails the lead service once
import { reminders } from '../../shared/portfolio/reminders-app';
import { count } from '../../shared/runtime/metrics';
import { scheduledHandler } from '../../shared/runtime/scheduled';

export const handler = scheduledHandler(
  'late milestones reminded',
  async () => {
    const report = await reminders.remindLateMilestones();
    count('MilestonesMissed', report.marked);
    return report;
  },
  (report) => report.marked + report.mailed > 0 || report.failed.length > 0,
);
