/** The participation use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { lazyUploadsStore } from '../runtime/lazy-object-stores';
import { territory } from '../territory/territory-app';
import { dynamoBudgetStore } from './budget-store';
import { dynamoConsultationStore } from './consultation-store';
import { dynamoContributionStore } from './contribution-store';
import type { ParticipationStore } from './participation-ports';
import { makeParticipationUseCases } from './participation-use-cases';
import { territoryDirectory } from './territory-directory';

/** The context's three stores as one: consultations, contributions, budgets. */
export const participationStore: ParticipationStore = {
  ...dynamoConsultationStore,
  ...dynamoContributionStore,
  ...dynamoBudgetStore,
};

export const participation = makeParticipationUseCases({
  store: participationStore,
  clock: systemClock,
  territory: territoryDirectory(territory),
  photos: lazyUploadsStore,
});
