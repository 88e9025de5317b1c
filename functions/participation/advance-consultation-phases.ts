// schedule advanceConsultationPhases: moves consultations to the phase their dates say; counts closed votes
import { participation } from '../../shared/participation/participation-app';
import { scheduledHandler } from '../../shared/runtime/scheduled';

export const handler = scheduledHandler(
  'consultation phases advanced',
  () => participation.advancePhases(),
  (report) => report.moved + report.resultsComputed > 0 || report.failed.length > 0,
);
