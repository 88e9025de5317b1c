/**
 * The NameDirectory over the territory context's store: a report event's codes (category, INSEE
 * code, body, service) as the names a citizen knows. A code whose name cannot be found (a category
 * deleted since) stands for itself: a message with a code beats no message.
 */
import type { ReportRef } from '../reports/report-events';
import type { TerritoryStore } from '../territory/territory-ports';
import type { BodyManagers, NameDirectory } from './notification-ports';

export const territoryNames = (
  store: Pick<TerritoryStore, 'getTerritory' | 'listCategories' | 'getCommune' | 'listBodies'>,
): NameDirectory => ({
  async reportNames(ref: ReportRef, previousCategory?: string) {
    const [territory, categories, commune, bodies] = await Promise.all([
      store.getTerritory(ref.territory),
      store.listCategories(ref.territory),
      store.getCommune(ref.territory, ref.commune),
      store.listBodies(ref.territory),
    ]);
    const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;
    const body = bodies.find((b) => b.id === ref.bodyId);
    const bodyName =
      body?.name ??
      (ref.bodyKind === 'territory' ? territory?.name : ref.bodyId === ref.commune ? commune?.name : undefined);
    const service = ref.service ? (body?.services.find((s) => s.id === ref.service)?.name ?? ref.service) : undefined;
    return {
      territory: territory?.name ?? ref.territory,
      commune: commune?.name ?? ref.commune,
      category: categoryName(ref.category),
      handledBy: `${bodyName ?? ref.bodyId}${service ? ` (service ${service})` : ''}`,
      ...(previousCategory ? { previousCategory: categoryName(previousCategory) } : {}),
    };
  },
});

/** The body's escalation addresses from its SLA settings. */
export const bodyManagers = (store: Pick<TerritoryStore, 'listBodies'>): BodyManagers => ({
  async escalationEmails(territory, bodyId) {
    return (await store.listBodies(territory)).find((b) => b.id === bodyId)?.sla?.escalationEmails ?? [];
  },
});
