/** The portfolio's files wired to the adapters: the CSV import and export, the projects published as open data. */
import { makeExchangeUseCases } from './exchange-use-cases';
import { portfolioDeps } from './portfolio-app';

export const portfolioExchange = makeExchangeUseCases(portfolioDeps);
