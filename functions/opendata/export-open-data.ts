// schedule exportOpenData: queues one open-data export per territory (the exporter does the work)
import { openDataExports } from '../../shared/opendata/opendata-app';
import { scheduledHandler } from '../../shared/runtime/scheduled';

export const handler = scheduledHandler('open-data exports queued', () => openDataExports.scheduleExports());
