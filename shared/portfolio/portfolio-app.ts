/** The portfolio use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { territory } from '../territory/territory-app';
import { portfolioDirectory } from './portfolio-directory';
import { dynamoPortfolioStore } from './portfolio-store';
import { makePortfolioUseCases } from './portfolio-use-cases';

export const portfolioDeps = {
  store: dynamoPortfolioStore,
  directory: portfolioDirectory(territory),
  clock: systemClock,
};

export const portfolio = makePortfolioUseCases(portfolioDeps);
