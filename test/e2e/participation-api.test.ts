/** The participation API's edges over HTTP: who may call what, and bad input answered 4xx, never 500. */
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}/consultations`;
const UNKNOWN = '01JQ8Z3F6R0000000000000000';

const consultation = {
  scope: { level: 'commune', insee: '31555' },
  title: 'Une consultation',
  body: '…',
};

let citizen: string;
let toulouseAgent: string;
let colomiersAgent: string;

beforeAll(async () => {
  [citizen, toulouseAgent, colomiersAgent] = await Promise.all([
    getToken({ role: 'citizen' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31149' }),
  ]);
});

describe('who may call what', () => {
  test('a citizen cannot create a consultation: 403', async () => {
    expect((await fetchJson(T, { token: citizen, json: consultation })).status).toBe(403);
  });

  test("an agent of Colomiers cannot create Toulouse's consultation: 403", async () => {
    expect((await fetchJson(T, { token: colomiersAgent, json: consultation })).status).toBe(403);
  });

  test('supporting without a token: 401', async () => {
    expect((await fetchJson(`${T}/${UNKNOWN}/proposals/${UNKNOWN}/support`, { method: 'PUT' })).status).toBe(401);
  });
});

describe('bad input is a 4xx problem', () => {
  test('an unknown consultation: 404', async () => {
    const response = await fetchJson(`${T}/${UNKNOWN}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  test('an identifier that is not one: 400 naming the parameter', async () => {
    const response = await fetchJson<{ errors: { path: string }[] }>(`${T}/not-an-id/proposals`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e) => e.path)).toContain('path.consultationId');
  });

  test('a date that is not one, a phase that does not exist, a negative budget: 400 naming each field', async () => {
    const response = await fetchJson<{ errors: { path: string }[] }>(T, {
      token: toulouseAgent,
      json: {
        ...consultation,
        schedule: { proposals: 'tomorrow', later: '2026-01-01T00:00:00Z' },
        budget: { amount: -5, method: 'knapsack', maxSelections: 2 },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.schedule.proposals', 'body.schedule', 'body.budget.amount']),
    );
  });

  test('dates going back in time: 422 naming the schedule rule', async () => {
    const response = await fetchJson<{ rule: string }>(T, {
      token: toulouseAgent,
      json: { ...consultation, schedule: { proposals: '2099-02-01T00:00:00Z', closed: '2099-01-01T00:00:00Z' } },
    });
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('schedule-order');
  });

  test('a cursor forged for another list: 400', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'TERRITORY#243300316#PARTICIPATION', sk: 'x' })).toString(
      'base64url',
    );
    expect((await fetchJson(`${T}?cursor=${forged}`)).status).toBe(400);
  });
});
