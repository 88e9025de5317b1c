/**
 * What the home page shows, read through the contexts' use cases (never the table): the
 * territory, its communes, the chosen commune's recent public reports, the open consultations.
 */
import { participation } from '../participation/participation-app';
import { reports } from '../reports/reports-app';
import type { HomeView } from './pages/home-page';
import { portalTerritory, territory } from './portal-app';

const RECENT_REPORTS = 5;
const OPEN_PHASES = new Set(['information', 'proposals', 'voting']);

export const loadHomeView = async (communeAsked: string | undefined): Promise<HomeView> => {
  const siren = await portalTerritory();
  if (!siren) return { communes: [], reports: [], consultations: [] };
  const [found, communes, categories, consultations] = await Promise.all([
    territory.getTerritory(siren),
    territory.listCommunes(siren),
    territory.listCategories(siren),
    participation.listConsultations(siren, { limit: 50 }),
  ]);
  const byName = [...communes].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  // The commune asked for, else the most populous one.
  const commune =
    communes.find((c) => c.insee === communeAsked) ?? [...communes].sort((a, b) => b.population - a.population)[0];
  const recent = commune
    ? await reports.listPublic(siren, { commune: commune.insee, limit: RECENT_REPORTS })
    : { items: [] };
  const categoryName = new Map(categories.map((c) => [c.code, c.name]));
  return {
    siren,
    territory: { name: found.name, population: found.population, communeCount: found.communeCount },
    communes: byName.map((c) => ({ insee: c.insee, name: c.name })),
    ...(commune
      ? {
          commune: {
            insee: commune.insee,
            name: commune.name,
            ...(commune.boundary ? { bbox: commune.boundary.bbox } : {}),
          },
        }
      : {}),
    reports: recent.items.map((r) => ({
      id: r.id,
      categoryName: categoryName.get(r.category) ?? r.category,
      status: r.status,
      description: r.description,
      ...(r.address ? { address: r.address } : {}),
      createdAt: r.createdAt,
      supportCount: r.supportCount,
      overdue: r.overdue,
    })),
    consultations: consultations.items
      .filter((c) => OPEN_PHASES.has(c.phase))
      .map((c) => ({ id: c.id, title: c.title, phase: c.phase })),
  };
};
