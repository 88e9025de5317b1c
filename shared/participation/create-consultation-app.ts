/** Creating a consultation, wired to the postal-code reference data: only its callers bundle that data. */
import { systemClock } from '../kernel/clock';
import { territory } from '../territory/territory-app';
import { dynamoConsultationStore } from './consultation-store';
import { etalabPostalCodes } from './etalab-postal-codes';
import { makeCreateConsultation } from './participation-use-cases';
import { territoryDirectory } from './territory-directory';

export const createConsultation = makeCreateConsultation({
  store: dynamoConsultationStore,
  clock: systemClock,
  territory: territoryDirectory(territory),
  postalCodes: etalabPostalCodes,
});
