/**
 * The participation context's use cases, all together: what participation-app.ts wires to the
 * adapters. Creating a consultation is apart (makeCreateConsultation): it alone needs the
 * postal codes of the territory's communes.
 */
import { makeBudgetUseCases } from './budget-use-cases';
import { makeConsultationUseCases } from './consultation-use-cases';
import { makeContributionUseCases } from './contribution-use-cases';
import { makeAccess, type ParticipationDeps } from './participation-access';

export { makeCreateConsultation } from './consultation-use-cases';
export type { NewConsultation, ParticipationDeps } from './participation-access';

export const makeParticipationUseCases = (deps: ParticipationDeps) => {
  const access = makeAccess(deps);
  return {
    ...makeConsultationUseCases(deps, access),
    ...makeContributionUseCases(deps, access),
    ...makeBudgetUseCases(deps, access),
  };
};
