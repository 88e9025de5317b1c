/** The territory use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { dynamoTerritoryStore } from './territory-store';
import { makeTerritoryUseCases } from './territory-use-cases';

export const territory = makeTerritoryUseCases({ store: dynamoTerritoryStore, clock: systemClock });
