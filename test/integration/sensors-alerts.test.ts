/**
 * Alert rules against DynamoDB Local: each operator opens an alert when its condition holds, never
 * a second one while it is open, and threshold alerts close when the data is back to normal;
 * FROZEN through the scheduler; agents acknowledge and close; a rule may ask for a report.
 */
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { createScheduler, type Scheduler } from '../../infra/local/scheduler';
import type { Alert } from '../../shared/sensors/alerts';
import { SENSOR_EVENTS } from '../../shared/sensors/sensor-events';
import type { AcceptedObservation, ObservedValue } from '../../shared/sensors/sensors';
import { schedules } from '../../shared/wiring/schedules';
import {
  admin,
  batchOf,
  colomiersAgent,
  recentHour,
  setUpSensors,
  SIREN,
  toulouseAgent,
} from '../support/sensors-fixtures';

type Context = Awaited<ReturnType<typeof setUpSensors>>;
let sensors: Context['sensors'];
let sensorAlerts: Context['sensorAlerts'];
let ingestion: Context['ingestion'];
let errors: Context['errors'];
let outboxEvents: Context['outboxEvents'];
let scheduler: Scheduler;

const TOULOUSE = { lat: 43.6045, lon: 1.4442 };

/** Readings one minute apart, in order, all within the last hours. */
let minute = 0;
const push = async (sensorId: string, property: string, value: ObservedValue) => {
  const reading: AcceptedObservation = {
    sensorId,
    property,
    value,
    observedAt: new Date(recentHour(3) + ++minute * 60_000).toISOString(),
  };
  return ingestion.writeObservations(batchOf([reading]));
};

const alertsOf = async (ruleId: string, state: Alert['state'] = 'open') =>
  (await sensorAlerts.listAlerts(admin, SIREN, state, 100)).items.filter((a) => a.ruleId === ruleId);

beforeAll(async () => {
  ({ sensors, sensorAlerts, ingestion, errors, outboxEvents } = await setUpSensors('sensors-alerts'));
  await sensors.registerPartner(admin, SIREN, { id: 'city', name: 'Ville', kind: 'public-body' });
  const sensor = (
    id: string,
    type: Parameters<typeof sensors.saveSensor>[3]['type'],
    properties: string[],
    location = TOULOUSE,
  ) => sensors.saveSensor(admin, SIREN, id, { type, name: id, partnerId: 'city', location, properties });
  await sensor('air-1', 'AirQualityObserved', ['no2']);
  await sensor('air-2', 'AirQualityObserved', ['no2', 'pm10']);
  await sensor('traffic-1', 'TrafficFlowObserved', ['intensity', 'averageVehicleSpeed']);
  await sensor('weather-1', 'WeatherObserved', ['temperature']);
  await sensor('lamp-1', 'Streetlight', ['status', 'powerState']);
  await sensor('noise-1', 'NoiseLevelObserved', ['LAeq']);
  await sensor('noise-2', 'NoiseLevelObserved', ['LAeq'], { lat: 43.61, lon: 1.3 }); // in Colomiers

  const rule = (id: string, input: Omit<Parameters<typeof sensorAlerts.saveRule>[3], 'name' | 'severity'>) =>
    sensorAlerts.saveRule(admin, SIREN, id, { name: id, severity: 'warning', ...input });
  await rule('no2-gt', { scope: { sensorId: 'air-1' }, property: 'no2', operator: 'GT', threshold: 40 });
  await rule('pm10-gte', { scope: { type: 'AirQualityObserved' }, property: 'pm10', operator: 'GTE', threshold: 50 });
  await rule('intensity-lt', { scope: { sensorId: 'traffic-1' }, property: 'intensity', operator: 'LT', threshold: 5 });
  await rule('speed-lte', {
    scope: { sensorId: 'traffic-1' },
    property: 'averageVehicleSpeed',
    operator: 'LTE',
    threshold: 20,
  });
  await rule('frost-eq', { scope: { sensorId: 'weather-1' }, property: 'temperature', operator: 'EQ', threshold: 0 });
  await rule('lamp-defective', {
    scope: { type: 'Streetlight' },
    property: 'status',
    operator: 'EQ',
    threshold: 'defectiveLamp',
    openReport: { category: 'eclairage-public' },
  });
  await rule('power-change', { scope: { sensorId: 'lamp-1' }, property: 'powerState', operator: 'CHANGE' });
  await rule('noise-silent', { scope: { type: 'NoiseLevelObserved' }, operator: 'FROZEN', silentForSeconds: 600 });

  const declared = schedules.find((s) => s.id === 'detectSilentSensors')!;
  scheduler = createScheduler({ schedules: [declared], loadHandler: createHandlerLoader() });
});

describe.each([
  ['GT', 'no2-gt', 'air-1', 'no2', 40, 40.5],
  ['GTE', 'pm10-gte', 'air-2', 'pm10', 49.9, 50],
  ['LT', 'intensity-lt', 'traffic-1', 'intensity', 5, 4],
  ['LTE', 'speed-lte', 'traffic-1', 'averageVehicleSpeed', 20.1, 20],
  ['EQ', 'frost-eq', 'weather-1', 'temperature', 0.5, 0],
  ['EQ on a status', 'lamp-defective', 'lamp-1', 'status', 'ok', 'defectiveLamp'],
] as const)('%s', (_operator, ruleId, sensorId, property, normal, alarming) => {
  test('a value that does not meet the condition opens nothing', async () => {
    await push(sensorId, property, normal);
    expect(await alertsOf(ruleId)).toEqual([]);
  });

  test('a value that meets it opens one alert, and meeting it again opens no second one', async () => {
    expect((await push(sensorId, property, alarming)).alertsOpened).toBe(1);
    expect((await push(sensorId, property, alarming)).alertsOpened).toBe(0);
    const open = await alertsOf(ruleId);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ sensorId, property, value: alarming, state: 'open', commune: '31555' });
  });

  test('a value back to normal closes it', async () => {
    await push(sensorId, property, normal);
    expect(await alertsOf(ruleId)).toEqual([]);
    expect(await alertsOf(ruleId, 'closed')).toEqual([expect.objectContaining({ closedBy: 'system' })]);
  });
});

describe('CHANGE', () => {
  test('opens when the value differs from the one before, and stays open until an agent closes it', async () => {
    await push('lamp-1', 'powerState', 'on');
    expect(await alertsOf('power-change')).toEqual([]);
    await push('lamp-1', 'powerState', 'off');
    await push('lamp-1', 'powerState', 'on');
    const [alert] = await alertsOf('power-change');
    expect(alert).toMatchObject({ value: 'off', message: 'lamp-1: powerState changed from on to off' });
    expect(await alertsOf('power-change')).toHaveLength(1);
  });
});

describe('FROZEN, through the scheduler', () => {
  test('a sensor silent longer than the rule allows gets an alert; one heard recently, or just registered, does not', async () => {
    await ingestion.writeObservations(
      batchOf([
        {
          sensorId: 'noise-1',
          property: 'LAeq',
          value: 58,
          observedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        },
      ]),
    );
    const run = await scheduler.runNow('detectSilentSensors');
    expect(run?.result).toEqual({ checked: 2, opened: 1 });
    expect(await alertsOf('noise-silent')).toEqual([
      expect.objectContaining({ sensorId: 'noise-1', operator: 'FROZEN' }),
    ]);
  });

  test('running again opens no second alert', async () => {
    expect((await scheduler.runNow('detectSilentSensors'))?.result).toEqual({ checked: 2, opened: 0 });
    expect(await alertsOf('noise-silent')).toHaveLength(1);
  });

  test('data coming back closes it', async () => {
    await ingestion.writeObservations(
      batchOf([
        { sensorId: 'noise-1', property: 'LAeq', value: 61, observedAt: new Date(Date.now() - 1000).toISOString() },
      ]),
    );
    expect(await alertsOf('noise-silent')).toEqual([]);
    expect(await alertsOf('noise-silent', 'closed')).toEqual([expect.objectContaining({ note: 'data resumed' })]);
  });
});

describe('agents handle alerts', () => {
  let alert: Alert;

  beforeAll(async () => {
    await push('air-1', 'no2', 55);
    [alert] = (await alertsOf('no2-gt')) as [Alert];
  });

  test("an agent of another commune may not touch the alert; the sensor's commune agent acknowledges it", async () => {
    await expect(sensorAlerts.acknowledge(colomiersAgent, SIREN, alert.id)).rejects.toBeInstanceOf(
      errors.ForbiddenError,
    );
    const acknowledged = await sensorAlerts.acknowledge(toulouseAgent, SIREN, alert.id, 'crew on its way');
    expect(acknowledged).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'agent-tlse',
      note: 'crew on its way',
    });
    await expect(sensorAlerts.acknowledge(toulouseAgent, SIREN, alert.id)).rejects.toBeInstanceOf(
      errors.RuleViolationError,
    );
  });

  test('an acknowledged alert still blocks a second one for the same condition', async () => {
    await push('air-1', 'no2', 60);
    expect(await alertsOf('no2-gt')).toEqual([]);
    expect(await alertsOf('no2-gt', 'acknowledged')).toHaveLength(1);
  });

  test('once closed by an agent, the same condition opens a new alert', async () => {
    const closed = await sensorAlerts.close(toulouseAgent, SIREN, alert.id, 'sensor cleaned');
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'agent-tlse' });
    await push('air-1', 'no2', 61);
    const [again] = await alertsOf('no2-gt');
    expect(again?.id).not.toBe(alert.id);
  });
});

test('a redelivered batch whose value is already the latest still opens the alert its first delivery died before opening', async () => {
  const { dynamoObservationStore } = await import('../../shared/sensors/observation-store');
  const reading: AcceptedObservation = {
    sensorId: 'traffic-1',
    property: 'intensity',
    value: 2,
    observedAt: new Date(recentHour(3) + ++minute * 60_000).toISOString(),
  };
  // The first delivery wrote the point and the latest value, then its function died.
  await dynamoObservationStore.writePoints(SIREN, [reading]);
  await dynamoObservationStore.advanceLatest(SIREN, [
    { sensorId: 'traffic-1', property: 'intensity', entry: { value: 2, observedAt: reading.observedAt } },
  ]);
  expect(await alertsOf('intensity-lt')).toEqual([]);

  await ingestion.writeObservations(batchOf([reading]));

  expect(await alertsOf('intensity-lt')).toEqual([
    expect.objectContaining({ value: 2, observedAt: reading.observedAt }),
  ]);
});

describe('rules', () => {
  test('a threshold that does not fit the property is refused by a rule', async () => {
    const save = (input: Partial<Parameters<typeof sensorAlerts.saveRule>[3]>) =>
      sensorAlerts.saveRule(admin, SIREN, 'bad', {
        name: 'bad',
        severity: 'info',
        scope: { type: 'Streetlight' },
        operator: 'GT',
        ...input,
      });
    await expect(save({ property: 'status', threshold: 3 })).rejects.toBeInstanceOf(errors.RuleViolationError);
    await expect(save({ property: 'status', operator: 'EQ', threshold: 'broken' })).rejects.toBeInstanceOf(
      errors.RuleViolationError,
    );
    await expect(save({ operator: 'FROZEN', silentForSeconds: 10 })).rejects.toBeInstanceOf(errors.RuleViolationError);
  });

  test('a defective streetlight asks the reports context for a report, through the outbox', async () => {
    const requested = await outboxEvents('sensors.report-requested');
    expect(requested).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          category: 'eclairage-public',
          location: TOULOUSE,
          commune: '31555',
          dedup: { sensorId: 'lamp-1', ruleId: 'lamp-defective', category: 'eclairage-public', radiusMeters: 30 },
        }),
      }),
    ]);
    expect(SENSOR_EVENTS.reportRequested.data.safeParse(requested[0]!.data).success).toBe(true);
  });

  test('each opened alert is announced with the alert as its data', async () => {
    const opened = await outboxEvents('sensors.alert-opened');
    expect(opened.length).toBeGreaterThan(5);
    for (const event of opened) {
      const alert = SENSOR_EVENTS.alertOpened.data.parse(event.data);
      expect(event.subject).toBe(`sensor/${alert.sensorId}/alert/${alert.id}`);
      expect(alert.state).toBe('open');
    }
  });
});
