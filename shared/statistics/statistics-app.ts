/** The statistics use cases wired to their adapters and to the contexts they read. */
import { systemClock } from '../kernel/clock';
import { participation } from '../participation/participation-app';
import { territory } from '../territory/territory-app';
import type { ConsultationFigures } from './statistics';
import { dynamoStatisticsStore } from './statistics-store';
import { makeStatisticsUseCases, type StatisticsDirectory } from './statistics-use-cases';

const directory: StatisticsDirectory = {
  listBodies: (siren) => territory.listBodies(siren),
  communeNames: async (siren) => new Map((await territory.listCommunes(siren)).map((c) => [c.insee, c.name])),
  categoryNames: async (siren) => new Map((await territory.listCategories(siren)).map((c) => [c.code, c.name])),
  // One page of the newest consultations, then each one's counters (a GetItem and its ballot boxes).
  consultations: async (siren, limit) => {
    const page = await participation.listConsultations(siren, { limit });
    return Promise.all(
      page.items.map(async (c): Promise<ConsultationFigures> => {
        const { counts } = await participation.getConsultation(siren, c.id);
        return {
          consultationId: c.id,
          title: c.title,
          phase: c.phase,
          ...(c.scope.level === 'commune' ? { commune: c.scope.insee } : {}),
          proposals: counts.proposals,
          supports: counts.supports,
          comments: counts.comments,
          ballots: counts.ballots,
        };
      }),
    );
  },
};

export const statistics = makeStatisticsUseCases({ store: dynamoStatisticsStore, directory, clock: systemClock });
