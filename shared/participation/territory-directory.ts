/** The territory context seen through participation's port: communes of a territory, locate a point. */
import { NotFoundError } from '../kernel/errors';
import type { TerritoryUseCases } from '../territory/territory-use-cases';
import type { TerritoryDirectory } from './participation-ports';

export const territoryDirectory = (territory: TerritoryUseCases): TerritoryDirectory => ({
  async communes(siren) {
    try {
      return new Map((await territory.listCommunes(siren)).map((c) => [c.insee, c.name]));
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  },
  async locate(siren, lat, lon) {
    try {
      return (await territory.locate(siren, lat, lon)).insee;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  },
});
