/** Creating a consultation, wired to the postal-code reference data: only its callers bundle that data. */
import { systemClock } from '../kernel/clock';
import { territory } from '../territory/territory-app';
import { etalabPostalCodes } from './etalab-postal-codes';
import { dynamoParticipationStore } from './participation-store';
import { makeCreateConsultation } from './participation-use-cases';
import { territoryDirectory } from './territory-directory';

export const createConsultation = makeCreateConsultation({
  store: dynamoParticipationStore,
  clock: systemClock,
  territory: territoryDirectory(territory),
  postalCodes: etalabPostalCodes,
});
