// schedule detectOverdueReports: flags reports past due and escalates each once
import { sla } from '../../shared/reports/reports-app';
import { logger } from '../../shared/runtime/logger';

export const handler = async (): Promise<{ flagged: number; escalated: number }> => {
  const result = await sla.detectOverdue();
  if (result.flagged > 0) logger.info('reports flagged overdue', result);
  return result;
};
