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

const centroidsFile = fileURLToPath(new URL('./toulouse-metropole-centroids.csv', import.meta.url));

/** Returns true when it seeded, false when the demo territory was already there. */
export const seedDemoData = async (): Promise<boolean> => {
  const existing = await territory.getTerritory(DEMO_SIREN).catch(() => undefined);
  if (existing) return false;

  await importCommunes(demoAdmin, DEMO_SIREN, { demo: true });
  const boundaries = approximateBoundaries(parseCentroidsCsv(readFileSync(centroidsFile, 'utf8')));
  for (const [insee, boundary] of boundaries) {
    await territory.setBoundary(
      demoAdmin,
      DEMO_SIREN,
      insee,
      boundary,
      'demo: approximate (Voronoi cells around commune centroids)',
    );
  }
  for (const service of METROPOLIS_SERVICES) await territory.saveService(demoAdmin, DEMO_SIREN, DEMO_SIREN, service);
  for (const insee of ['31555', '31149', '31069']) {
    await territory.saveService(demoAdmin, DEMO_SIREN, insee, { id: 'espaces-verts', name: 'Espaces verts' });
    await territory.saveService(demoAdmin, DEMO_SIREN, insee, { id: 'police-municipale', name: 'Police municipale' });
  }
  await territory.saveService(demoAdmin, DEMO_SIREN, '31149', { id: 'proprete', name: 'Propreté urbaine' });
  for (const { code, name, level, service } of CATEGORIES) {
    await territory.saveCategory(demoAdmin, DEMO_SIREN, { code, name, competence: { level, service } });
  }
  // Colomiers kept street cleaning as a municipal service: an override of the competence table.
  await territory.saveOverride(demoAdmin, DEMO_SIREN, 'proprete', '31149', { level: 'commune', service: 'proprete' });
  await (await import('./reports-seed')).seedDemoReports(DEMO_SIREN, demoAdmin);
  await (await import('./participation-seed')).seedDemoParticipation(DEMO_SIREN, demoAdmin);
  await (await import('./sensors-seed')).seedDemoSensors(DEMO_SIREN, demoAdmin);
  await (await import('./portfolio-seed')).seedDemoPortfolio(DEMO_SIREN, demoAdmin);
  return true;
};
