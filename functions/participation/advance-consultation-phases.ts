// schedule advanceConsultationPhases: moves consultations to the phase their dates say; counts closed votes
import { participation } from '../../shared/participation/participation-app';
import { logger } from '../../shared/runtime/logger';

export const handler = async () => {
  const report = await participation.advancePhases();
  if (report.moved + report.resultsComputed > 0 || report.failed.length > 0) {
    logger.info('consultation phases advanced', report);
  }
  return report;
};
