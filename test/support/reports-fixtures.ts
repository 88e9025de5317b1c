/**
 * What the reports, Open311 and notifications integration tests share: `setUpReports(label)` gives
 * a fresh table holding the territory they work in — Toulouse Métropole with the demo's approximate
 * boundaries, services and categories (voirie at the metropolis, espaces-verts at the communes,
 * street cleaning overridden to Colomiers), without any demo report — and the use cases wired on it
 * with a clock the test sets; plus principals, a pothole to file, and the events the store was
 * asked to commit.
 */
import { readFileSync } from 'node:fs';
import { definitionFor, type DomainEvent, type EventDefinition, type EventOf } from '../../shared/events/domain-event';
import type { Principal } from '../../shared/kernel/principal';
import type { ObjectStore } from '../../shared/kernel/object-store';
import type { DueDateCalculator, ReportStore } from '../../shared/reports/report-ports';
import type { FileReportInput } from '../../shared/reports/filing-use-cases';
import { useFreshTable } from './integration-table';

import { admin, COLOMIERS, SIREN, settableClock } from './territory-fixtures';

export { admin, agentOf, COLOMIERS, metropolitanAgent, SIREN, settableClock, TOULOUSE } from './territory-fixtures';
/** Place du Capitole, Toulouse. */
export const CAPITOLE = { lat: 43.6045, lon: 1.4442 };
/** Near the town hall of Colomiers. */
export const COLOMIERS_CENTRE = { lat: 43.6112, lon: 1.3355 };

export const citizen = (sub: string): Principal => ({ sub, role: 'citizen', issuer: 'test' });

/** An object store with nothing in it: the tests that need photos use the real local endpoint. */
export const emptyObjectStore: ObjectStore = {
  presignUpload: () => Promise.reject(new Error('no object store in this test')),
  presignDownload: (key) => Promise.resolve(`https://photos.example/${key}`),
  head: () => Promise.resolve(undefined),
  readRange: () => Promise.reject(new Error('no object store in this test')),
  copy: () => Promise.reject(new Error('no object store in this test')),
};

export const pothole = (location = CAPITOLE, extra: Partial<FileReportInput> = {}): FileReportInput => ({
  category: 'voirie',
  location,
  description: 'Nid-de-poule profond',
  answers: { nature: 'nid-de-poule' },
  contact: { email: 'jeanne@example.fr' },
  ...extra,
});

/** Metres north of a point, in degrees of latitude. */
export const north = (point: { lat: number; lon: number }, metres: number) => ({
  lat: point.lat + metres / 111_320,
  lon: point.lon,
});

const prepareReportsTerritory = async (): Promise<void> => {
  const { importCommunes } = await import('../../shared/territory/import-communes-app');
  const { territory } = await import('../../shared/territory/territory-app');
  const { approximateBoundaries, parseCentroidsCsv } = await import('../../infra/local/demo/approximate-boundaries');
  const { CATEGORY_DETAILS } = await import('../../infra/local/demo/reports-seed');
  await importCommunes(admin, SIREN);
  const csv = readFileSync(new URL('../../infra/local/demo/toulouse-metropole-centroids.csv', import.meta.url), 'utf8');
  for (const [insee, boundary] of approximateBoundaries(parseCentroidsCsv(csv))) {
    await territory.setBoundary(admin, SIREN, insee, boundary, 'test: approximate');
  }
  await territory.saveService(admin, SIREN, SIREN, { id: 'voirie', name: 'Voirie' });
  await territory.saveService(admin, SIREN, SIREN, { id: 'proprete', name: 'Propreté' });
  const save = (code: string, level: 'territory' | 'commune', service: string) =>
    territory.saveCategory(admin, SIREN, {
      code,
      name: code,
      competence: { level, service },
      ...CATEGORY_DETAILS[code],
    });
  await save('voirie', 'territory', 'voirie');
  await save('proprete', 'territory', 'proprete');
  await save('espaces-verts', 'commune', 'espaces-verts');
  await territory.saveCategory(admin, SIREN, {
    code: 'ancienne',
    name: 'Retirée',
    competence: { level: 'territory' },
    active: false,
  });
  await territory.saveOverride(admin, SIREN, 'proprete', COLOMIERS, { level: 'commune', service: 'proprete' });
};

/**
 * A fresh table with the reports' territory, and the use cases on it: reports (whose store notes
 * in `events` what it commits with each filing and change), the SLA engine and Open311 (photo
 * links are fake URLs). `dueDates` replaces the business-hours calculator (e.g. none).
 */
export const setUpReports = async (
  label: string,
  options: { readonly start?: string; readonly dueDates?: DueDateCalculator } = {},
) => {
  await useFreshTable(label);
  await prepareReportsTerritory();
  const { territory } = await import('../../shared/territory/territory-app');
  const { dynamoReportStore: store } = await import('../../shared/reports/report-store');
  const { makeReportUseCases } = await import('../../shared/reports/report-use-cases');
  const { makeSlaUseCases } = await import('../../shared/reports/sla-use-cases');
  const { businessHoursDueDates } = await import('../../shared/reports/due-dates');
  const { makeOpen311UseCases } = await import('../../shared/open311/open311-use-cases');
  const { storedMembership } = await import('../../shared/open311/stored-membership');
  const { dynamoTerritoryStore } = await import('../../shared/territory/territory-store');
  const errors = await import('../../shared/kernel/errors');
  const domain = await import('../../shared/reports/report');

  const clock = settableClock(options.start);
  const events: DomainEvent[] = [];
  // The real store, noting the events it is asked to commit with each filing and change.
  const recording: ReportStore = {
    ...store,
    create: (report, first, reporter, event) => {
      events.push(event);
      return store.create(report, first, reporter, event);
    },
    update: (report, read, entry, event, extra) => {
      events.push(event);
      return store.update(report, read, entry, event, extra);
    },
  };
  const reports = makeReportUseCases({
    store: recording,
    territory,
    objects: emptyObjectStore,
    dueDates: options.dueDates ?? businessHoursDueDates(territory),
    clock,
  });
  const { makeClientAppUseCases } = await import('../../shared/open311/open311-client-use-cases');
  const { dynamoClientAppStore } = await import('../../shared/open311/open311-client-store');
  const open311Clients = makeClientAppUseCases({ store: dynamoClientAppStore, territory, clock });
  const open311 = makeOpen311UseCases({
    territory,
    membership: storedMembership(dynamoTerritoryStore),
    reports,
    photos: { link: (key) => Promise.resolve(`https://photos.example/${key}`) },
    clients: open311Clients,
    clock,
  });
  return {
    reports,
    sla: makeSlaUseCases({ reports: store, territory, clock }),
    open311,
    open311Clients,
    store,
    territory,
    clock,
    events,
    errors,
    domain,
  };
};

/** What setUpReports gives: declare `let reports: ReportsFixture['reports']`, then assign it in beforeAll. */
export type ReportsFixture = Awaited<ReturnType<typeof setUpReports>>;

/**
 * An event as a consumer subscribed to `definitions` receives it: parsed by its definition, as
 * the consumer edge parses every record (shared/events/consumer.ts).
 */
export const delivered = <D extends EventDefinition>(definitions: readonly D[], event: DomainEvent): EventOf<D> => {
  const definition = definitionFor(definitions, event.type);
  if (!definition) throw new Error(`${event.type} is none of ${definitions.map((d) => d.type).join(', ')}`);
  return { ...event, data: definition.data.parse(JSON.parse(JSON.stringify(event.data))) } as EventOf<D>;
};
