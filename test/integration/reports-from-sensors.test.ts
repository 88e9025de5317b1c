/**
 * A sensor alert asking for a report (a streetlight out), against DynamoDB Local: filed once with
 * channel `sensor`, however often the request comes, and not at all when a citizen's open report of
 * the category is already there.
 */
import { newId } from '../../shared/kernel/ids';
import {
  CAPITOLE,
  citizen,
  north,
  pothole,
  setUpReports,
  SIREN,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let store: ReportsFixture['store'];

const request = (alertId: string, location = CAPITOLE) => ({
  alertId,
  category: 'voirie',
  location,
  description: 'Capteur de chaussée : affaissement détecté',
  radiusMeters: 30,
});

beforeAll(async () => {
  ({ reports, store } = await setUpReports('reports-sensors'));
});

test('an alert files one report, channel sensor, under its own id, even delivered three times, twice at once', async () => {
  const alertId = newId();
  const place = north(CAPITOLE, 400);
  const outcomes = await Promise.all([
    reports.fileFromSensor(SIREN, request(alertId, place)),
    reports.fileFromSensor(SIREN, request(alertId, place)),
  ]);
  outcomes.push(await reports.fileFromSensor(SIREN, request(alertId, place)));

  expect(outcomes.filter((o) => o.filed)).toHaveLength(1);
  expect(outcomes.every((o) => o.reportId === alertId)).toBe(true);
  expect(await store.get(SIREN, alertId)).toMatchObject({ channel: 'sensor', category: 'voirie', status: 'new' });
});

test("a citizen's open report of the category within the radius is kept, and no other is filed", async () => {
  const place = north(CAPITOLE, 800);
  const citizens = await reports.fileReport(citizen('c-9'), SIREN, pothole(place));
  const alertId = newId();

  const outcome = await reports.fileFromSensor(SIREN, request(alertId, north(place, 10)));

  expect(outcome).toEqual({ filed: false, reportId: citizens.id });
  expect(await store.get(SIREN, alertId)).toBeUndefined();
});
