/** The privacy use cases wired to their adapters: what the handlers call. */
import { dynamoAuditStore } from '../audit/audit-store';
import { systemClock } from '../kernel/clock';
import { dynamoParticipationPrivacyStore } from '../participation/participation-privacy-store';
import { dynamoReportPrivacyStore } from '../reports/report-privacy-store';
import { dynamoReportStore } from '../reports/report-store';
import { reports } from '../reports/reports-app';
import { territory } from '../territory/territory-app';
import { makeErasureUseCases } from './erasure';
import { dynamoErasureRequests } from './erasure-store';
import { makePersonalDataUseCases } from './personal-data';
import { dynamoPersonStore } from './personal-data-store';
import { makeRetentionUseCases } from './retention';
import { dynamoRetentionSettings, publishEvents } from './retention-store';

export const privacy = makePersonalDataUseCases({
  territories: territory,
  reports,
  person: dynamoPersonStore,
  clock: systemClock,
});

export const erasure = makeErasureUseCases({
  requests: dynamoErasureRequests,
  territories: territory,
  reports: {
    listFollowedBy: (siren, sub, limit) => dynamoReportStore.listFollowedBy(siren, sub, limit),
    forgetPeople: (siren, reportId, whom) => dynamoReportPrivacyStore.forgetPeople(siren, reportId, whom),
  },
  participation: dynamoParticipationPrivacyStore,
  clock: systemClock,
});

export const retention = makeRetentionUseCases({
  settings: dynamoRetentionSettings,
  territories: territory,
  reports: dynamoReportPrivacyStore,
  audit: dynamoAuditStore,
  events: publishEvents,
  clock: systemClock,
});
