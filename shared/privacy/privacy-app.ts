/** The privacy use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { reports } from '../reports/reports-app';
import { territory } from '../territory/territory-app';
import { makePersonalDataUseCases } from './personal-data';
import { dynamoPersonStore } from './personal-data-store';

export const privacy = makePersonalDataUseCases({
  territories: territory,
  reports,
  person: dynamoPersonStore,
  clock: systemClock,
});
