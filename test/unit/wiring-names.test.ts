/**
 * One name per entry point: a route's declaration key, its id (the OpenAPI operationId) and its
 * handler file (the kebab-case of the id) are the same word, so grepping one finds the others.
 */
import { consumerDeclarations } from '../../shared/wiring/consumers';
import { routesByContext, schedules } from '../../shared/wiring';

const kebab = (id: string) => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
/** Open311 declares its fixed documents once per format (`….xml`); the XML twin shares the JSON one's handler. */
const handlerNameOf = (id: string) => kebab(id.replace(/Xml$/, ''));
const fileOf = (handler: string) => handler.split('/').pop()!.replace(/\.ts$/, '');

const routeNames = Object.entries(routesByContext).flatMap(([context, group]) =>
  Object.entries(group).map(([key, route]) => ({ context, key, id: route.id, file: fileOf(route.handler) })),
);

describe('entry point names', () => {
  it.each(routeNames.map((n) => [`${n.context}.${n.key}`, n] as const))(
    'route %s: key = id = file name',
    (_, { key, id, file }) => {
      expect({ key: id, file }).toEqual({ key, file: handlerNameOf(key) });
    },
  );

  it.each(Object.entries(consumerDeclarations))('consumer %s: key = id = file name', (key, consumer) => {
    expect({ id: consumer.id, file: fileOf(consumer.handler) }).toEqual({ id: key, file: kebab(key) });
  });

  it.each(schedules.map((s) => [s.id, s] as const))('schedule %s: file name = id', (id, schedule) => {
    expect(fileOf(schedule.handler)).toBe(kebab(id));
  });
});
