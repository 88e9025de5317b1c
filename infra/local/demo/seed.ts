/**
 * Demo data for a newcomer's first `npm start`: Toulouse Métropole with its 37 real communes
 * (etalab), approximate boundaries, the metropolis's services and report categories following
 * a métropole's usual split of competences. Goes through the same use cases as the API, as a
 * demo admin, so the audit log shows it too. Idempotent: does nothing once the territory exists.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Principal } from '../../../shared/kernel/principal';
import { importCommunes } from '../../../shared/territory/import-communes-app';
import { territory } from '../../../shared/territory/territory-app';
import { approximateBoundaries, parseCentroidsCsv } from './approximate-boundaries';

export const DEMO_SIREN = '243100518';

const demoAdmin: Principal = { sub: 'demo-seed', role: 'admin', territory: DEMO_SIREN, issuer: 'local-seed' };

const METROPOLIS_SERVICES = [
  { id: 'voirie', name: 'Direction de la voirie' },
  { id: 'eclairage-public', name: "Service de l'éclairage public" },
  { id: 'proprete', name: 'Direction de la propreté urbaine' },
  { id: 'mobilier-urbain', name: 'Service du mobilier urbain' },
];

type Level = 'territory' | 'commune';
const CATEGORIES: { code: string; name: string; level: Level; service: string }[] = [
  { code: 'voirie', name: 'Voirie (nids-de-poule, chaussée, trottoirs)', level: 'territory', service: 'voirie' },
  { code: 'eclairage-public', name: 'Éclairage public', level: 'territory', service: 'eclairage-public' },
  { code: 'proprete', name: 'Propreté', level: 'territory', service: 'proprete' },
  { code: 'tags-graffiti', name: 'Tags et graffiti', level: 'territory', service: 'proprete' },
  { code: 'depots-sauvages', name: 'Dépôts sauvages', level: 'territory', service: 'proprete' },
  { code: 'mobilier-urbain', name: 'Mobilier urbain', level: 'territory', service: 'mobilier-urbain' },
  { code: 'espaces-verts', name: 'Espaces verts et arbres', level: 'commune', service: 'espaces-verts' },
  { code: 'stationnement', name: 'Stationnement gênant', level: 'commune', service: 'police-municipale' },
];

/** Seconds since a performance.now() reading, as the start's timing line shows them. */
const since = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

const centroidsFile = fileURLToPath(new URL('./toulouse-metropole-centroids.csv', import.meta.url));

/** What a first start's seeding left running: the contexts' demo data, written in the background. */
export interface DemoSeeding {
  /** Settles once every demo item is written (sensor history and live KPIs included). */
  readonly written: Promise<void>;
}

/**
 * Writes the demo territory (communes, boundaries, services, categories: what every page stands
 * on) and starts the contexts' demo data, which the platform need not wait for: reports,
 * participation, sensors and portfolio, side by side. Undefined when the territory was there.
 */
export const seedDemoData = async (log: (line: string) => void = () => {}): Promise<DemoSeeding | undefined> => {
  const existing = await territory.getTerritory(DEMO_SIREN).catch(() => undefined);
  if (existing) return undefined;
  // Where a first start's time goes, one line: the demo data is most of it.
  const started = performance.now();
  const laps: string[] = [];
  let lapStarted = started;
  const lap = (name: string) => {
    laps.push(`${name} ${since(lapStarted)}`);
    lapStarted = performance.now();
  };

  await importCommunes(demoAdmin, DEMO_SIREN, { demo: true });
  lap('communes');
  // Boundaries, and services then categories (which name the services), are apart: side by side.
  const boundaries = approximateBoundaries(parseCentroidsCsv(readFileSync(centroidsFile, 'utf8')));
  const setBoundaries = Promise.all(
    [...boundaries].map(([insee, boundary]) =>
      territory.setBoundary(
        demoAdmin,
        DEMO_SIREN,
        insee,
        boundary,
        'demo: approximate (Voronoi cells around commune centroids)',
      ),
    ),
  );
  const saveServicesAndCategories = (async () => {
    await Promise.all([
      ...METROPOLIS_SERVICES.map((service) => territory.saveService(demoAdmin, DEMO_SIREN, DEMO_SIREN, service)),
      ...['31555', '31149', '31069'].flatMap((insee) => [
        territory.saveService(demoAdmin, DEMO_SIREN, insee, { id: 'espaces-verts', name: 'Espaces verts' }),
        territory.saveService(demoAdmin, DEMO_SIREN, insee, { id: 'police-municipale', name: 'Police municipale' }),
      ]),
      territory.saveService(demoAdmin, DEMO_SIREN, '31149', { id: 'proprete', name: 'Propreté urbaine' }),
    ]);
    await Promise.all(
      CATEGORIES.map(({ code, name, level, service }) =>
        territory.saveCategory(demoAdmin, DEMO_SIREN, { code, name, competence: { level, service } }),
      ),
    );
    // Colomiers kept street cleaning as a municipal service: an override of the competence table.
    await territory.saveOverride(demoAdmin, DEMO_SIREN, 'proprete', '31149', {
      level: 'commune',
      service: 'proprete',
    });
  })();
  await Promise.all([setBoundaries, saveServicesAndCategories]);
  lap('boundaries, services and categories');
  return { written: seedDemoContexts(laps, () => log(`demo data written in ${since(started)}: ${laps.join(', ')}`)) };
};

/** The contexts' demo data, independent of one another: written side by side, each timed. */
const seedDemoContexts = async (laps: string[], done: () => void): Promise<void> => {
  const contextsStarted = performance.now();
  const timed = async (name: string, seeding: Promise<unknown>) => {
    await seeding;
    laps.push(`${name} ${since(contextsStarted)}`);
  };
  const sensorsSeed = await import('./sensors-seed');
  const portfolioSeed = await import('./portfolio-seed');
  const reports = import('./reports-seed').then((m) => m.seedDemoReports(DEMO_SIREN, demoAdmin));
  const sensors = sensorsSeed.seedDemoSensors(DEMO_SIREN, demoAdmin).then(() => sensorsSeed.demoSensorHistory());
  // The portfolio is written meanwhile; its live KPIs are computed from the sensors' history and the reports.
  const liveSources = Promise.all([reports, sensors]);
  liveSources.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
  const portfolio = portfolioSeed.seedDemoPortfolio(DEMO_SIREN, demoAdmin, liveSources);
  await Promise.all([
    timed(
      'portfolio',
      portfolio.then(() => portfolioSeed.demoPortfolioWritten()),
    ),
    timed('reports', reports),
    timed(
      'participation',
      import('./participation-seed').then((m) => m.seedDemoParticipation(DEMO_SIREN, demoAdmin)),
    ),
    timed('sensors with their history', sensors),
    timed(
      'portfolio with its live figures',
      portfolio.then(() => portfolioSeed.demoPortfolio()),
    ),
  ]);
  done();
};
