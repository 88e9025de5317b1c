/** The territory context seen through the portfolio's port: its name, communes and bodies with their services. */
import { NotFoundError } from '../kernel/errors';
import type { TerritoryUseCases } from '../territory/territory-use-cases';
import type { PortfolioDirectory } from './portfolio-ports';

const orUndefined = <T>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });

export const portfolioDirectory = (territory: TerritoryUseCases): PortfolioDirectory => ({
  territoryName: async (siren) => (await orUndefined(territory.getTerritory(siren)))?.name,
  communes: async (siren) =>
    new Map(((await orUndefined(territory.listCommunes(siren))) ?? []).map((c) => [c.insee, c.name])),
  bodies: async (siren) =>
    ((await orUndefined(territory.listBodies(siren))) ?? []).map((body) => ({
      id: body.id,
      name: body.name,
      services: body.services.map((s) => ({ id: s.id, name: s.name, ...(s.email ? { email: s.email } : {}) })),
      managers: [...(body.sla?.escalationEmails ?? [])],
    })),
});
