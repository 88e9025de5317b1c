/** The import use case wired to the etalab reference data, which it alone reads (from disk, on first use). */
import { systemClock } from '../kernel/clock';
import { etalabCatalogue } from './etalab-catalogue';
import { dynamoTerritoryStore } from './territory-store';
import { makeImportCommunes } from './territory-use-cases';

export const importCommunes = makeImportCommunes({
  store: dynamoTerritoryStore,
  clock: systemClock,
  catalogue: etalabCatalogue,
});
