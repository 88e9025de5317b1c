/**
 * What the participation integration tests share: Toulouse Métropole imported in a fresh table,
 * the use cases on a clock the test moves, principals of every kind, and a look at the outbox
 * (the events the audit log would record).
 */
import * as z from 'zod';
import type { DomainEvent } from '../../shared/events/domain-event';
import { useFreshTable } from './integration-table';

import { admin, agentOf, COLOMIERS, settableClock, SIREN, square, TOULOUSE } from './territory-fixtures';

export { admin, agentOf, citizen, COLOMIERS, metropolitanAgent, SIREN, square, TOULOUSE } from './territory-fixtures';
export const toulouseAgent = agentOf(TOULOUSE, 'agent-toulouse');
export const colomiersAgent = agentOf(COLOMIERS, 'agent-colomiers');

/**
 * A fresh table holding Toulouse Métropole, and the participation use cases wired on it (the three
 * DynamoDB stores, the territory context) with a clock the test moves: what every participation
 * integration test starts from.
 */
export const setUpParticipation = async (label: string, start = '2026-03-01T08:00:00.000Z') => {
  await useFreshTable(label);
  // Imported once the table is chosen: the adapters read its name when they load.
  const { territory } = await import('../../shared/territory/territory-app');
  const { importCommunes } = await import('../../shared/territory/import-communes-app');
  const { participationStore: store } = await import('../../shared/participation/participation-app');
  const { makeParticipationUseCases, makeCreateConsultation } =
    await import('../../shared/participation/participation-use-cases');
  const { territoryDirectory } = await import('../../shared/participation/territory-directory');
  const { storedPostalCodes } = await import('../../shared/participation/stored-postal-codes');
  const errors = await import('../../shared/kernel/errors');
  const { INDEXES, parseItem, queryAll } = await import('../../shared/runtime/dynamo');
  const { DomainEventEnvelope } = await import('../../shared/events/domain-event');

  await importCommunes(admin, SIREN);
  // Two communes get a small square boundary, so points can be located in them.
  await territory.setBoundary(admin, SIREN, TOULOUSE, square(1.43, 43.6), 'test');
  await territory.setBoundary(admin, SIREN, COLOMIERS, square(1.33, 43.61), 'test');

  const clock = settableClock(start);
  const deps = { store, clock, territory: territoryDirectory(territory) };

  /** Events written to the outbox and not sent (no queue in these tests): what the audit would get. */
  const pendingEvents = async (type?: string): Promise<DomainEvent[]> => {
    const items = await queryAll({
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'gsi1pk = :pending',
      ExpressionAttributeValues: { ':pending': 'OUTBOX#PENDING' },
    });
    const events = items.map((item) => parseItem(z.object({ event: DomainEventEnvelope }), item).event);
    return type ? events.filter((e) => e.type === type) : events;
  };

  return {
    participation: makeParticipationUseCases(deps),
    createConsultation: makeCreateConsultation({ ...deps, postalCodes: storedPostalCodes(territory) }),
    store,
    clock,
    errors,
    pendingEvents,
  };
};

/** The rule a rejected promise was refused by (RuleViolationError), or its class name. */
export const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    return (error as { rule?: string }).rule ?? (error as Error).constructor.name;
  }
  throw new Error('Expected a refusal, and it was accepted');
};
