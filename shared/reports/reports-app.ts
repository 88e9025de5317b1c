/** The report use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { lazyUploadsStore } from '../runtime/lazy-object-stores';
import { territory } from '../territory/territory-app';
import { businessHoursDueDates } from './due-dates';
import { makeReportUseCases } from './report-use-cases';
import { dynamoReportStore } from './report-store';
import { makeSlaUseCases } from './sla-use-cases';

export const reports = makeReportUseCases({
  store: dynamoReportStore,
  territory,
  objects: lazyUploadsStore,
  dueDates: businessHoursDueDates(territory),
  clock: systemClock,
});

export const sla = makeSlaUseCases({ reports: dynamoReportStore, territory, clock: systemClock });
