/**
 * The open-data use cases wired to their adapters: the table, the open-data bucket, the exports
 * queue, and the other contexts through their own use cases and read-only store queries (Queries,
 * never a Scan). What the handlers call.
 */
import { systemClock, type Clock } from '../kernel/clock';
import type { Page } from '../kernel/schemas';
import { participation } from '../participation/participation-app';
import { portfolioExchange } from '../portfolio/portfolio-exchange-app';
import type { Consultation } from '../participation/participation';
import { sla } from '../reports/reports-app';
import { dynamoReportStore } from '../reports/report-store';
import type { Report } from '../reports/report';
import { config } from '../runtime/config';
import { lazyOpenDataStore } from '../runtime/lazy-object-stores';
import { sendMessages } from '../runtime/queue';
import { dynamoSensorRegistry } from '../sensors/sensor-registry-store';
import { sensors } from '../sensors/sensors-app';
import { MAX_RANGE_DAYS } from '../sensors/sensors-use-cases';
import type { RollupView } from '../sensors/sensors';
import { territory } from '../territory/territory-app';
import { makeCatalogUseCases } from './catalog-use-cases';
import { makeExportUseCases } from './export-use-cases';
import { OPEN_DATA_EXPORTS_QUEUE } from './export-queue';
import type { ExportQueue, OpenDataSources, PublishedFiles } from './opendata-ports';
import { dynamoOpenDataStore } from './opendata-store';

/** Reports read per Query while exporting (one page of the commune index, at most 1 MB). */
export const REPORT_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

/** Every page of a paged read, one at a time. */
async function* pagesOf<T>(read: (cursor: string | undefined) => Promise<Page<T>>): AsyncIterable<readonly T[]> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

export const sources: OpenDataSources = {
  territory: {
    listTerritories: () => territory.listTerritories(),
    getTerritory: (siren) => territory.getTerritory(siren),
    listCommunes: (siren) => territory.listCommunes(siren),
    boundaryOf: async (siren, insee) => (await territory.getCommune(siren, insee)).boundary,
    listCategories: (siren) => territory.listCategories(siren),
  },
  reports: {
    // The commune index (gsi4), newest first: the store's own read-only query, a page per Query.
    communeReports: (siren, insee) =>
      pagesOf<Report>((cursor) => dynamoReportStore.listByCommune(siren, insee, REPORT_PAGE_SIZE, cursor)),
    slaStatistics: (siren, insee) => sla.statistics(siren, insee),
  },
  portfolio: { publishedProjects: (siren) => portfolioExchange.publishedProjects(siren) },
  participation: {
    async *publishedResults(siren) {
      for await (const page of pagesOf<Consultation>((cursor) =>
        participation.listConsultations(siren, { limit: 100, cursor }),
      )) {
        for (const consultation of page) {
          if (consultation.phase !== 'results') continue;
          yield { consultation, results: await participation.getResults(undefined, siren, consultation.id) };
        }
      }
    },
  },
  sensors: {
    listSensors: (siren) => dynamoSensorRegistry.listSensors(siren, {}),
    async *dailyRollups(siren, sensor, property, from, to) {
      // The series use case reads at most MAX_RANGE_DAYS.day per request: walk the range in spans.
      const span = (MAX_RANGE_DAYS.day - 1) * DAY_MS;
      for (let start = from.getTime(); start < to.getTime(); start += span) {
        const end = new Date(Math.min(start + span, to.getTime()));
        yield* pagesOf<RollupView>(
          async (cursor) =>
            (await sensors.series(siren, sensor.id, property, {
              resolution: 'day',
              from: new Date(start),
              to: end,
              limit: 1000,
              cursor,
            })) as Page<RollupView>,
        );
      }
    },
  },
};

/** The open-data bucket as the exporter writes it (reached on first use). */
export const publishedFiles: PublishedFiles = {
  write: (key, body, headers) => lazyOpenDataStore.putStream(key, body, headers),
  copy: (from, to, headers) => lazyOpenDataStore.copy(from, to, headers),
};

const exportQueue: ExportQueue = {
  send: (messages) =>
    sendMessages(
      OPEN_DATA_EXPORTS_QUEUE,
      messages.map((m) => ({ id: m.exportId, body: JSON.stringify(m) })),
    ),
};

export const filesBaseUrl = (): string => {
  if (!config.openData.baseUrl) {
    throw new Error('Missing environment variable OPEN_DATA_BASE_URL: declare openData on the entry point');
  }
  return config.openData.baseUrl;
};

/** Every use case of the context on its adapters, at `clock`'s time. */
export const makeOpenDataApp = (clock: Clock) => ({
  exports: makeExportUseCases({
    store: dynamoOpenDataStore,
    files: publishedFiles,
    queue: exportQueue,
    sources,
    clock,
  }),
  catalog: makeCatalogUseCases({ store: dynamoOpenDataStore, territory: sources.territory, clock, filesBaseUrl }),
});

export const { exports: openDataExports, catalog } = makeOpenDataApp(systemClock);
