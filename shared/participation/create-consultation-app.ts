/** Creating a consultation, wired to the postal codes the territory's import stored. */
import { systemClock } from '../kernel/clock';
import { territory } from '../territory/territory-app';
import { dynamoConsultationStore } from './consultation-store';
import { makeCreateConsultation } from './participation-use-cases';
import { storedPostalCodes } from './stored-postal-codes';
import { territoryDirectory } from './territory-directory';

export const createConsultation = makeCreateConsultation({
  store: dynamoConsultationStore,
  clock: systemClock,
  territory: territoryDirectory(territory),
  postalCodes: storedPostalCodes(territory),
});
