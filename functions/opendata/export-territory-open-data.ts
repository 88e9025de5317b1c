// consumer exportTerritoryOpenData: writes a territory's open-data files and their records
import { exportConsumer } from '../../shared/opendata/export-consumer';
import { openDataExports } from '../../shared/opendata/opendata-app';
import { logger } from '../../shared/runtime/logger';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = exportConsumer(consumerDeclarations.exportTerritoryOpenData, async (message) => {
  const run = await openDataExports.runExport(message);
  logger.info('open-data export', {
    status: run.status,
    datasets: run.datasets?.length ?? 0,
    ...(run.detail ? { detail: run.detail } : {}),
  });
  return run;
});
