/**
 * Lists of alerts against DynamoDB Local: a commune agent's pages hold its commune's alerts only,
 * and full ones, however many newer alerts other communes have; an alert moves between the lists
 * of its state as it is acknowledged and closed.
 */
import type { Alert } from '../../shared/sensors/alerts';
import {
  admin,
  COLOMIERS,
  colomiersAgent,
  metropolitanAgent,
  setUpSensors,
  SIREN,
  TOULOUSE,
  toulouseAgent,
} from '../support/sensors-fixtures';

type Context = Awaited<ReturnType<typeof setUpSensors>>;
let sensorAlerts: Context['sensorAlerts'];

const COLOMIERS_SENSORS = 5;
const TOULOUSE_SENSORS = 30;
const T0 = Date.now() - 6 * 3_600_000;

/** Every page of a list, in order. */
const allPages = async (list: (cursor?: string) => Promise<{ items: readonly Alert[]; cursor?: string }>) => {
  const pages: (readonly Alert[])[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor);
  return pages;
};

beforeAll(async () => {
  const context = await setUpSensors('sensors-alert-lists');
  const { sensors, clock } = context;
  sensorAlerts = context.sensorAlerts;
  clock.set(T0);
  await sensors.registerPartner(admin, SIREN, { id: 'city', name: 'Ville', kind: 'public-body' });
  // Weather stations in Colomiers, noise sensors in Toulouse; none ever sends anything.
  for (let i = 0; i < COLOMIERS_SENSORS; i++)
    await sensors.saveSensor(admin, SIREN, `weather-${i}`, {
      type: 'WeatherObserved',
      name: `Colomiers ${i}`,
      partnerId: 'city',
      location: { lat: 43.6 + i * 0.001, lon: 1.3 },
      properties: ['temperature'],
    });
  for (let i = 0; i < TOULOUSE_SENSORS; i++)
    await sensors.saveSensor(admin, SIREN, `noise-${i}`, {
      type: 'NoiseLevelObserved',
      name: `Toulouse ${i}`,
      partnerId: 'city',
      location: { lat: 43.6 + i * 0.001, lon: 1.44 },
      properties: ['LAeq'],
    });
  const frozen = (id: string, type: 'WeatherObserved' | 'NoiseLevelObserved', silentForSeconds: number) =>
    sensorAlerts.saveRule(admin, SIREN, id, {
      name: id,
      severity: 'info',
      scope: { type },
      operator: 'FROZEN',
      silentForSeconds,
    });
  await frozen('weather-silent', 'WeatherObserved', 600);
  await frozen('noise-silent', 'NoiseLevelObserved', 3600);

  // Colomiers' alerts open first; Toulouse's, more numerous, an hour later: they come first, newest first.
  clock.set(T0 + 20 * 60_000);
  expect(await sensorAlerts.detectSilentSensors()).toEqual({
    checked: TOULOUSE_SENSORS + COLOMIERS_SENSORS,
    opened: 5,
  });
  clock.set(T0 + 2 * 3_600_000);
  expect(await sensorAlerts.detectSilentSensors()).toEqual({
    checked: TOULOUSE_SENSORS + COLOMIERS_SENSORS,
    opened: 30,
  });
  clock.release();
});

test("a commune agent's first page is full of its commune's alerts, though many newer ones are other communes'", async () => {
  const first = await sensorAlerts.listAlerts(colomiersAgent, SIREN, 'open', 3);
  expect(first.items).toHaveLength(3);
  expect(first.items.every((alert) => alert.commune === COLOMIERS)).toBe(true);
  expect(first.cursor).toBeDefined();
  const second = await sensorAlerts.listAlerts(colomiersAgent, SIREN, 'open', 3, first.cursor);
  expect(second.items).toHaveLength(2);
  expect(second.items.every((alert) => alert.commune === COLOMIERS)).toBe(true);
  expect(new Set([...first.items, ...second.items].map((alert) => alert.sensorId)).size).toBe(COLOMIERS_SENSORS);
});

test("each commune agent pages through exactly its commune's alerts, newest first; a metropolitan agent through all", async () => {
  const listOf = (principal: typeof admin) =>
    allPages((cursor) => sensorAlerts.listAlerts(principal, SIREN, 'open', 7, cursor));
  const toulouse = (await listOf(toulouseAgent)).flat();
  expect(toulouse).toHaveLength(TOULOUSE_SENSORS);
  expect(toulouse.every((alert) => alert.commune === TOULOUSE)).toBe(true);
  const everyone = (await listOf(metropolitanAgent)).flat();
  expect(everyone).toHaveLength(TOULOUSE_SENSORS + COLOMIERS_SENSORS);
  expect(everyone.map((alert) => alert.openedAt)).toEqual(
    everyone
      .map((alert) => alert.openedAt)
      .sort()
      .reverse(),
  );
  expect(everyone.slice(-COLOMIERS_SENSORS).every((alert) => alert.commune === COLOMIERS)).toBe(true);
});

test("a cursor of one commune's list is refused for another's", async () => {
  const { cursor } = await sensorAlerts.listAlerts(colomiersAgent, SIREN, 'open', 2);
  await expect(sensorAlerts.listAlerts(toulouseAgent, SIREN, 'open', 2, cursor)).rejects.toThrow(
    'The cursor is not one this API returned for this list',
  );
});

test("an alert moves from its commune's open list to its acknowledged list, then to its closed list", async () => {
  const [alert] = (await sensorAlerts.listAlerts(colomiersAgent, SIREN, 'open', 1)).items;
  await sensorAlerts.acknowledge(colomiersAgent, SIREN, alert!.id, 'on it');
  const ids = async (state: Alert['state']) =>
    (await allPages((cursor) => sensorAlerts.listAlerts(colomiersAgent, SIREN, state, 10, cursor)))
      .flat()
      .map((a) => a.id);
  expect(await ids('open')).not.toContain(alert!.id);
  expect(await ids('acknowledged')).toEqual([alert!.id]);
  await sensorAlerts.close(colomiersAgent, SIREN, alert!.id);
  expect(await ids('acknowledged')).toEqual([]);
  expect(await ids('closed')).toEqual([alert!.id]);
  expect((await sensorAlerts.listAlerts(toulouseAgent, SIREN, 'closed', 10)).items).toEqual([]);
});
