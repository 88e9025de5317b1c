/**
 * Exports: a territory's public data written to the open-data bucket, dataset by dataset.
 *
 * The nightly schedule and an admin's "run now" only record a run and queue it (one message per
 * territory); the exporter, a queue consumer with a long timeout, does the work. Each dataset is
 * read through its context's use cases or read-only store queries, page by page (Queries, never a
 * Scan), turned into rows by allow-list (opendata-rows.ts), rendered as CSV, GeoJSON or JSON as
 * the pages come, and streamed to the bucket: a territory with a million reports never holds more
 * than a page of them, plus a part of each file being uploaded. Reports are read once for both of
 * their files (fanOut). Each file is written under its dated name while its size and SHA-256 are
 * computed, then copied to its stable name (latest.{ext}); the dataset's record, which the
 * catalogue reads, is saved right after its files.
 */
import { newId } from '../kernel/ids';
import type { Clock } from '../kernel/clock';
import { NotFoundError } from '../kernel/errors';
import { assertTerritoryAdmin, type Principal } from '../kernel/principal';
import type { Commune } from '../territory/territory';
import { csvHeader, csvRecord, tableSchemaDocument, type TableSchema } from './csv';
import {
  DATASETS,
  datedKey,
  EXPORT_LEASE_MS,
  FORMATS,
  latestKey,
  schemaKey,
  type DatasetDefinition,
  type DatasetSlug,
  type DatasetRecord,
  type DistributionRecord,
  type ExportMessage,
  type ExportRun,
  type FormatName,
} from './opendata';
import type { ExportQueue, OpenDataSources, OpenDataStore, PublishedFiles } from './opendata-ports';
import {
  budgetResult,
  budgetRows,
  communeFeature,
  competenceRows,
  consultationResult,
  consultationRows,
  reportFeature,
  reportRow,
  sensorAggregateRow,
  sensorFeature,
  slaRows,
  type BudgetResult,
  type ConsultationResult,
  type PublishedReport,
  type RowOf,
} from './opendata-rows';
import { fanOut, featureCollection, jsonArray, mapPages, measured, utf8Chunks } from './streams';
import { oc4idsPackage } from '../portfolio/oc4ids';
import type { PublishedProject } from '../portfolio/exchange-use-cases';
import {
  BUDGET_RESULTS_SCHEMA,
  COMPETENCES_SCHEMA,
  CONSULTATION_RESULTS_SCHEMA,
  PORTFOLIO_PROJECTS_SCHEMA,
  REPORTS_SCHEMA,
  SENSOR_DAILY_AGGREGATES_SCHEMA,
  SLA_STATISTICS_SCHEMA,
} from './table-schemas';

export interface ExportDeps {
  readonly store: OpenDataStore;
  readonly files: PublishedFiles;
  readonly queue: ExportQueue;
  readonly sources: OpenDataSources;
  readonly clock: Clock;
}

/** The stable names change every run: caches keep them a few minutes. A dated copy changes at most once a day. */
const LATEST_CACHE = 'public, max-age=300';
const DATED_CACHE = 'public, max-age=3600';

/** A stream of text chunks per format, for one dataset. */
type Rendered = Partial<Record<FormatName, (pages: AsyncIterable<readonly unknown[]>) => AsyncIterable<string>>>;

async function* csvText<S extends TableSchema>(
  schema: S,
  pages: AsyncIterable<readonly RowOf<S>[]>,
): AsyncIterable<string> {
  yield csvHeader(schema);
  for await (const page of pages) yield page.map((row) => csvRecord(schema, row)).join('');
}

/** Counts the records of the pages on their way. */
const counted = <T>(source: AsyncIterable<readonly T[]>) => {
  let records = 0;
  async function* pages() {
    for await (const page of source) {
      records += page.length;
      yield page;
    }
  }
  return { pages: pages(), records: () => records };
};

/** Renders pages of `T` as a CSV of `schema`, each item becoming some rows. */
const csvOf =
  <T, S extends TableSchema>(schema: S, toRows: (item: T) => readonly RowOf<S>[]) =>
  (pages: AsyncIterable<readonly unknown[]>): AsyncIterable<string> =>
    csvText(
      schema,
      (async function* () {
        for await (const page of pages as AsyncIterable<readonly T[]>) yield page.flatMap(toRows);
      })(),
    );

/** Renders pages of `T` as a GeoJSON FeatureCollection, each item one feature. */
const geojsonOf =
  <T>(toFeature: (item: T) => unknown) =>
  (pages: AsyncIterable<readonly unknown[]>): AsyncIterable<string> =>
    featureCollection(mapPages(pages as AsyncIterable<readonly T[]>, toFeature));

/** Rows that already are rows. */
const same = <R>(row: R): readonly R[] => [row];

export const makeExportUseCases = ({ store, files, queue, sources, clock }: ExportDeps) => {
  const newRun = (territory: string, trigger: ExportRun['trigger']): ExportRun => ({
    id: newId(),
    territory,
    trigger,
    status: 'queued',
    requestedAt: clock.now().toISOString(),
  });

  const enqueue = async (runs: readonly ExportRun[]): Promise<void> => {
    for (const run of runs) await store.saveRun(run);
    try {
      await queue.send(runs.map((run) => ({ territory: run.territory, exportId: run.id })));
    } catch (error) {
      for (const run of runs) {
        await store.saveRun({ ...run, status: 'failed', detail: 'could not be queued' }).catch(() => undefined);
      }
      throw error;
    }
  };

  /** Writes one file of a dataset: its dated copy (measured on the way), then its stable name. */
  const publish = async (
    siren: string,
    slug: string,
    format: FormatName,
    text: AsyncIterable<string>,
    startedAt: Date,
  ): Promise<DistributionRecord> => {
    const dated = datedKey(siren, slug, format, startedAt);
    const latest = latestKey(siren, slug, format);
    const contentType = FORMATS[format].contentType;
    const bytes = measured(utf8Chunks(text));
    await files.write(dated, bytes.body, { contentType, cacheControl: DATED_CACHE });
    await files.copy(dated, latest, { contentType, cacheControl: LATEST_CACHE });
    return { format, key: latest, datedKey: dated, ...bytes.result(), modified: clock.now().toISOString() };
  };

  /**
   * Reads `pages` once and writes every format of the dataset from them; the first format's
   * stream counts the records.
   */
  const publishAll = async (
    siren: string,
    dataset: DatasetDefinition,
    pages: AsyncIterable<readonly unknown[]>,
    render: Rendered,
    startedAt: Date,
  ): Promise<{ records: number; distributions: DistributionRecord[] }> => {
    let records = 0;
    const sinks = dataset.formats.map((format, i) => (items: AsyncIterable<readonly unknown[]>) => {
      const source = i === 0 ? counted(items) : undefined;
      const text = render[format]!(source ? source.pages : items);
      return publish(siren, dataset.slug, format, text, startedAt).then((distribution) => {
        if (source) records = source.records();
        return distribution;
      });
    });
    const distributions = sinks.length === 1 ? [await sinks[0]!(pages)] : await fanOut(pages, sinks);
    return { records, distributions };
  };

  /** The pages and renderers of each dataset. */
  const datasetSources = (siren: string, communes: readonly Commune[], now: Date) => {
    const names = new Map(communes.map((c) => [c.insee, c.name]));
    const communeName = (r: PublishedReport) => names.get(r.commune) ?? '';
    const sensorsById = async () =>
      [...(await sources.sensors.listSensors(siren))].sort((a, b) => (a.id < b.id ? -1 : 1));

    return {
      reports: {
        pages: (async function* () {
          for (const commune of communes) {
            for await (const page of sources.reports.communeReports(siren, commune.insee)) yield page;
          }
        })(),
        render: {
          csv: csvOf(REPORTS_SCHEMA, (r: PublishedReport) => [reportRow(r, communeName(r))]),
          geojson: geojsonOf((r: PublishedReport) => reportFeature(r, communeName(r))),
        },
      },
      'sla-statistics': {
        pages: (async function* () {
          for (const commune of communes) {
            yield slaRows(commune, await sources.reports.slaStatistics(siren, commune.insee));
          }
        })(),
        render: { csv: csvOf(SLA_STATISTICS_SCHEMA, same<RowOf<typeof SLA_STATISTICS_SCHEMA>>) },
      },
      'consultation-results': {
        pages: (async function* () {
          for await (const { consultation, results } of sources.participation.publishedResults(siren)) {
            if (results.kind === 'proposals') yield [consultationResult(consultation, results)];
          }
        })(),
        render: {
          csv: csvOf(CONSULTATION_RESULTS_SCHEMA, (r: ConsultationResult) => consultationRows(r)),
          json: (pages) => jsonArray(pages),
        },
      },
      'budget-results': {
        pages: (async function* () {
          for await (const { consultation, results } of sources.participation.publishedResults(siren)) {
            if (results.kind === 'budget') yield [budgetResult(consultation, results)];
          }
        })(),
        render: {
          csv: csvOf(BUDGET_RESULTS_SCHEMA, (r: BudgetResult) => budgetRows(r)),
          json: (pages) => jsonArray(pages),
        },
      },
      'sensor-daily-aggregates': {
        pages: (async function* () {
          for (const sensor of await sensorsById()) {
            // Numeric properties (those with a unit) have daily rollups.
            for (const property of sensor.properties.filter((p) => p.unitCode !== undefined)) {
              const from = new Date(`${sensor.createdAt.slice(0, 10)}T00:00:00.000Z`);
              for await (const page of sources.sensors.dailyRollups(siren, sensor, property.name, from, now)) {
                yield page.map((rollup) => sensorAggregateRow(sensor, property, rollup));
              }
            }
          }
        })(),
        render: { csv: csvOf(SENSOR_DAILY_AGGREGATES_SCHEMA, same<RowOf<typeof SENSOR_DAILY_AGGREGATES_SCHEMA>>) },
      },
      sensors: {
        pages: (async function* () {
          yield (await sensorsById()).map(sensorFeature);
        })(),
        render: { geojson: (pages) => featureCollection(pages) },
      },
      communes: {
        pages: (async function* () {
          // One boundary in memory at a time (each up to 350 000 characters).
          for (const commune of communes) {
            yield [communeFeature(commune, await sources.territory.boundaryOf(siren, commune.insee))];
          }
        })(),
        render: { geojson: (pages) => featureCollection(pages) },
      },
      competences: {
        pages: (async function* () {
          const categories = [...(await sources.territory.listCategories(siren))].sort((a, b) =>
            a.code < b.code ? -1 : 1,
          );
          for (const category of categories) yield competenceRows(siren, category, communes);
        })(),
        render: { csv: csvOf(COMPETENCES_SCHEMA, same<RowOf<typeof COMPETENCES_SCHEMA>>) },
      },
      'portfolio-projects': (() => {
        // Read when the first page is asked for (the package's head needs the publisher's name).
        let read: ReturnType<typeof sources.portfolio.publishedProjects> | undefined;
        const published = () => (read ??= sources.portfolio.publishedProjects(siren));
        return {
          pages: (async function* () {
            yield* (await published()).pages;
          })(),
          render: {
            csv: csvOf(PORTFOLIO_PROJECTS_SCHEMA, (p: PublishedProject) => [p.cells]),
            json: (pages: AsyncIterable<readonly unknown[]>) =>
              oc4idsText(
                published,
                now,
                mapPages(pages as AsyncIterable<readonly PublishedProject[]>, (p) => p.oc4ids),
              ),
          },
        };
      })(),
    } satisfies Record<DatasetSlug, { pages: AsyncIterable<readonly unknown[]>; render: Rendered }>;
  };

  /** Exports every dataset of the territory; each dataset's record is saved once its files are. */
  const exportAll = async (run: ExportRun, startedAt: Date): Promise<NonNullable<ExportRun['datasets']>> => {
    const siren = run.territory;
    await sources.territory.getTerritory(siren);
    const communes = [...(await sources.territory.listCommunes(siren))].sort((a, b) => (a.insee < b.insee ? -1 : 1));
    const previous = new Map((await store.listDatasets(siren)).map((d) => [d.slug, d]));
    const all = datasetSources(siren, communes, startedAt);
    const summary: NonNullable<ExportRun['datasets']> = [];
    for (const dataset of DATASETS) {
      const { pages, render } = all[dataset.slug];
      const { records, distributions } = await publishAll(siren, dataset, pages, render, startedAt);
      const schema = 'schema' in dataset ? dataset.schema : undefined;
      if (schema) {
        const document = JSON.stringify(tableSchemaDocument(schema), null, 2);
        await files.write(schemaKey(siren, dataset.slug), utf8Chunks(onePageText(document)), {
          contentType: FORMATS.json.contentType,
          cacheControl: LATEST_CACHE,
        });
      }
      const modified = clock.now().toISOString();
      const record: DatasetRecord = {
        territory: siren,
        slug: dataset.slug,
        issued: previous.get(dataset.slug)?.issued ?? modified,
        modified,
        records,
        distributions,
        ...(schema ? { schemaKey: schemaKey(siren, dataset.slug) } : {}),
      };
      await store.saveDatasets([record]);
      summary.push({
        slug: dataset.slug,
        records,
        files: distributions.map(({ format, key, byteSize, sha256 }) => ({ format, key, byteSize, sha256 })),
      });
    }
    return summary;
  };

  return {
    /** Primary course: a territory admin asks for an export now; it is queued (202) and runs within minutes. */
    requestExport: async (principal: Principal, siren: string): Promise<ExportRun> => {
      assertTerritoryAdmin(principal, siren);
      await sources.territory.getTerritory(siren);
      const run = newRun(siren, 'admin');
      await enqueue([run]);
      return run;
    },

    /** An export run, for the admin who asked for it (or any admin of the territory). */
    getExport: async (principal: Principal, siren: string, id: string): Promise<ExportRun> => {
      assertTerritoryAdmin(principal, siren);
      const run = await store.getRun(siren, id);
      if (!run) throw new NotFoundError(`No export ${id} for territory ${siren}`);
      return run;
    },

    /** The nightly schedule: one export queued per territory the deployment hosts. */
    scheduleExports: async (): Promise<{ queued: number; exports: { territory: string; exportId: string }[] }> => {
      const runs = (await sources.territory.listTerritories()).map((siren) => newRun(siren, 'schedule'));
      if (runs.length > 0) await enqueue(runs);
      return { queued: runs.length, exports: runs.map((run) => ({ territory: run.territory, exportId: run.id })) };
    },

    /**
     * The exporter: runs a queued export. A redelivered message of a finished run does nothing; an
     * export of a territory whose previous one still runs is skipped (that one publishes fresh
     * data); a failure is recorded and thrown, so the queue retries it.
     */
    runExport: async (message: ExportMessage): Promise<ExportRun> => {
      const found = await store.getRun(message.territory, message.exportId);
      if (found && (found.status === 'done' || found.status === 'skipped')) return found;
      const run: ExportRun = found ?? { ...newRun(message.territory, 'schedule'), id: message.exportId };
      const startedAt = clock.now();
      const leased = await store.acquireLease(
        run.territory,
        run.id,
        startedAt,
        new Date(startedAt.getTime() + EXPORT_LEASE_MS),
      );
      if (!leased) {
        const skipped: ExportRun = {
          ...run,
          status: 'skipped',
          finishedAt: clock.now().toISOString(),
          detail: 'Another export of this territory was running: it publishes the same data',
        };
        await store.saveRun(skipped);
        return skipped;
      }
      const running: ExportRun = { ...run, status: 'running', startedAt: startedAt.toISOString() };
      try {
        await store.saveRun(running);
        const datasets = await exportAll(running, startedAt);
        const done: ExportRun = { ...running, status: 'done', finishedAt: clock.now().toISOString(), datasets };
        await store.saveRun(done);
        return done;
      } catch (error) {
        const detail = error instanceof Error ? error.message.slice(0, 500) : 'unexpected error';
        await store
          .saveRun({ ...running, status: 'failed', finishedAt: clock.now().toISOString(), detail })
          .catch(() => undefined);
        throw error;
      } finally {
        await store.releaseLease(run.territory, run.id);
      }
    },
  };
};

/** An OC4IDS project package written as its projects come: the package's fields, then `projects`. */
async function* oc4idsText(
  published: () => Promise<{ readonly publisher: string }>,
  publishedAt: Date,
  projects: AsyncIterable<readonly Record<string, unknown>[]>,
): AsyncIterable<string> {
  const { projects: _none, ...head } = oc4idsPackage((await published()).publisher, publishedAt.toISOString(), []);
  yield* jsonArray(projects, `${JSON.stringify(head).slice(0, -1)},"projects":[`, ']}');
}

async function* onePageText(text: string): AsyncIterable<string> {
  yield text;
}

export type ExportUseCases = ReturnType<typeof makeExportUseCases>;
