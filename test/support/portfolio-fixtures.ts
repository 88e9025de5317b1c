/**
 * What the portfolio integration tests share: `setUpPortfolio(label)` gives a test file a fresh
 * table holding the territory (Toulouse, Colomiers, Blagnac) with the metropolis's mobility
 * service (which has an address) and Colomiers' technical service, and the portfolio's use cases
 * on it at the time of a clock the test sets, with a mailer that keeps what it is asked to send.
 * `setUpPortfolioWithSources(label)` builds on the reports' fixture (approximate boundaries,
 * categories) and adds the sensors' use cases, for live KPIs.
 */
import type { MailMessage, Mailer } from '../../shared/kernel/mailer';
import type { ProjectInput } from '../../shared/portfolio/project-use-cases';
import { useFreshTable } from './integration-table';
import { admin, agentOf, COLOMIERS, metropolitanAgent, settableClock, SIREN, TOULOUSE } from './territory-fixtures';

export { admin, agentOf, COLOMIERS, metropolitanAgent, settableClock, SIREN, TOULOUSE } from './territory-fixtures';
export const BLAGNAC = '31069';
export const toulouseAgent = agentOf(TOULOUSE, 'agent-tlse');
export const colomiersAgent = agentOf(COLOMIERS, 'agent-colo');
export const MOBILITY_EMAIL = 'mobilite@toulouse-metropole.example';

/** A mailer that keeps each message; `failNext` makes the next send fail (an SES outage). */
export const recordingMailer = () => {
  const sent: MailMessage[] = [];
  let failures = 0;
  const mailer: Mailer = {
    async send(message) {
      if (failures > 0) {
        failures--;
        throw new Error('SES is unavailable');
      }
      sent.push(message);
      return { messageId: `m-${sent.length}` };
    },
  };
  return { mailer, sent, failNext: (n = 1) => void (failures = n) };
};

/** A project as an agent would send it (the API's defaults filled in). */
export const projectInput = (title: string, extra: Partial<ProjectInput> = {}): ProjectInput => ({
  kind: 'project',
  title,
  description: `${title}: description`,
  domain: 'mobility',
  communes: [TOULOUSE],
  lead: { bodyId: SIREN, serviceId: 'mobilite' },
  partners: [],
  phase: 'operation',
  status: 'on-track',
  links: { consultations: [], proposals: [] },
  ...extra,
});

const portfolioOn = async (clock: ReturnType<typeof settableClock>) => {
  const { territory } = await import('../../shared/territory/territory-app');
  const { dynamoPortfolioStore: store } = await import('../../shared/portfolio/portfolio-store');
  const { portfolioDirectory } = await import('../../shared/portfolio/portfolio-directory');
  const { makePortfolioUseCases: makeUseCases, makePortfolioReminders } =
    await import('../../shared/portfolio/portfolio-use-cases');
  const { makeExchangeUseCases } = await import('../../shared/portfolio/exchange-use-cases');
  /** Every use case of the context, its files' included (the functions wire them apart). */
  const makePortfolioUseCases = (...args: Parameters<typeof makeUseCases>) => ({
    ...makeUseCases(...args),
    ...makeExchangeUseCases(args[0]),
  });
  const deps = { store, directory: portfolioDirectory(territory), clock };
  const mail = recordingMailer();
  return {
    deps,
    store,
    territory,
    mail,
    makePortfolioUseCases,
    reminders: makePortfolioReminders({ ...deps, mailer: mail.mailer }),
  };
};

/** A fresh table with the territory, and the portfolio's use cases on it. */
export const setUpPortfolio = async (label: string, options: { readonly start?: string } = {}) => {
  await useFreshTable(label);
  const { makeImportCommunes } = await import('../../shared/territory/territory-use-cases');
  const { dynamoTerritoryStore } = await import('../../shared/territory/territory-store');
  const { systemClock } = await import('../../shared/kernel/clock');
  const members = [
    { insee: TOULOUSE, name: 'Toulouse', population: 504078 },
    { insee: COLOMIERS, name: 'Colomiers', population: 39968 },
    { insee: BLAGNAC, name: 'Blagnac', population: 25525 },
  ];
  const catalogue = { find: async () => ({ siren: SIREN, name: 'Toulouse Métropole', population: 1, members }) };
  await makeImportCommunes({ store: dynamoTerritoryStore, clock: systemClock, catalogue })(admin, SIREN);
  const clock = settableClock(options.start);
  const context = await portfolioOn(clock);
  await context.territory.saveService(admin, SIREN, SIREN, {
    id: 'mobilite',
    name: 'Direction de la mobilité',
    email: MOBILITY_EMAIL,
  });
  await context.territory.saveService(admin, SIREN, COLOMIERS, {
    id: 'services-techniques',
    name: 'Services techniques',
  });
  const portfolio = context.makePortfolioUseCases(context.deps);
  const errors = await import('../../shared/kernel/errors');
  return { ...context, portfolio, clock, errors, admin, metropolitanAgent };
};

export type PortfolioFixture = Awaited<ReturnType<typeof setUpPortfolio>>;

/**
 * The reports' territory (setUpReports) with the sensors' use cases and the portfolio's with its
 * live sources, all at the time of one clock.
 */
export const setUpPortfolioWithSources = async (label: string) => {
  const { setUpReports } = await import('./reports-fixtures');
  const reportsContext = await setUpReports(label);
  const { makeSensorsApp } = await import('../../shared/sensors/sensors-app');
  const { sensorMeasures, serviceQuality } = await import('../../shared/portfolio/live-sources');
  // No rollups' materializer here: rollup reads are exact from the points meanwhile.
  const sensorsApp = makeSensorsApp(reportsContext.clock, { rollups: { send: async () => undefined } });
  const context = await portfolioOn(reportsContext.clock);
  await context.territory.saveService(admin, SIREN, SIREN, { id: 'environnement', name: 'Environnement' });
  const portfolio = context.makePortfolioUseCases(context.deps, {
    sources: { sensors: sensorMeasures(sensorsApp.sensors), reports: serviceQuality(reportsContext.sla) },
  });
  return { ...reportsContext, ...sensorsApp, portfolio, store: context.store };
};
