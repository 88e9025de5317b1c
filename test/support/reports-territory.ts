/**
 * The territory the reports integration tests work in: Toulouse Métropole with the demo's
 * approximate boundaries, services and categories (voirie at the metropolis, espaces-verts at the
 * communes, street cleaning overridden to Colomiers), without any demo report. Call it after
 * useFreshTable: it imports the platform modules itself.
 */
import { readFileSync } from 'node:fs';
import type { ObjectStore } from '../../shared/runtime/object-store';
import type { Principal } from '../../shared/kernel/principal';
import type { FileReportInput } from '../../shared/reports/report-use-cases';

export const SIREN = '243100518';
export const TOULOUSE = '31555';
export const COLOMIERS = '31149';
/** Place du Capitole, Toulouse. */
export const CAPITOLE = { lat: 43.6045, lon: 1.4442 };
/** Near the town hall of Colomiers. */
export const COLOMIERS_CENTRE = { lat: 43.6112, lon: 1.3355 };

export const admin: Principal = { sub: 'admin-1', role: 'admin', territory: SIREN, issuer: 'test' };
export const metropolitanAgent: Principal = { sub: 'metro-1', role: 'agent', territory: SIREN, issuer: 'test' };
export const agentOf = (commune: string, sub = `agent-${commune}`): Principal => ({
  sub,
  role: 'agent',
  territory: SIREN,
  commune,
  issuer: 'test',
});
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

export const prepareReportsTerritory = async (): Promise<void> => {
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
