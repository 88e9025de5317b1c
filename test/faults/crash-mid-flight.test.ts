/**
 * The runtime is killed (SIGKILL: no shutdown, no flush) while reports, observation batches and
 * ballots are in flight, then restarted on the same data. Clients do what real ones do: retry what
 * got no answer (reports with the same Idempotency-Key; a ballot is a PUT, the same one again).
 * Afterwards every accepted report is stored exactly once, every observation counted once in the
 * rollups (durable queue, idempotent consumer), and every citizen's ballot counted once (the
 * consultation's ballot count and the votes of each project in the results).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { faultToken, startFaultRuntime, type FaultRuntime } from '../support/fault-runtime';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const REPORTS = 200;
const SENSORS = 5;
const PER_SENSOR = 1000;
const BATCH = 250;
const VOTERS = 50;
/** Each client's requests answered before the kill: 4 × 15 reports, 2 × 3 batches, 2 × 8 ballots. */
const BEFORE_KILL = { reports: 15, batches: 3, ballots: 8 };

let dir: string;
let port: number;
let runtime: FaultRuntime;
let admin: string;
let apiKey: string;
let agent: string;
let consultation: string;
let voters: string[];
const projects: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
/** What voter i selects: within the budget (50 000) and the two selections allowed. */
const CHOICES = [['A'], ['B'], ['C'], ['A', 'B'], ['A', 'C'], ['B', 'C']] as const;
const choice = (i: number) => CHOICES[i % CHOICES.length]!;
const table = `fault-crash-${randomUUID().slice(0, 8)}`;
const run = Date.now().toString(36);
const sensorIds = Array.from({ length: SENSORS }, (_, i) => `crash-${run}-${i}`);
const start = Date.now() - (PER_SENSOR / 4 + 60) * 60_000;

const start_ = (restart = false) =>
  startFaultRuntime({
    dataDir: join(dir, 'runtime'),
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: table,
    port,
    logName: restart ? 'fault-crash-runtime-restarted' : 'fault-crash-runtime',
  });

/** A JSON call; a network error (the runtime is down) comes back as status 0. */
const call = async (path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  } catch {
    return { status: 0, body: {} };
  }
};

const expectOk = async (path: string, init: Parameters<typeof call>[1]) => {
  const answer = await call(path, { ...init, headers: { authorization: `Bearer ${admin}`, ...init?.headers } });
  if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/**
 * Retries what got no answer (the runtime down), a 503 (starting, store unavailable) or a 409 for a
 * key still in progress (the killed request's claim, until its lock lapses: IDEMPOTENCY_LOCK_SECONDS, 8 s here), as a
 * client with backoff would; any other answer is final.
 */
const untilAnswered = async (send: () => ReturnType<typeof call>) => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await send();
    const inProgress = answer.status === 409 && /still in progress/.test(String(answer.body.detail));
    if (answer.status !== 0 && answer.status !== 503 && !inProgress) return answer;
    if (Date.now() > deadline) throw new Error(`no answer within 60 s (last ${answer.status})`);
    await new Promise((resolve) => setTimeout(resolve, inProgress ? 1000 : 100));
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ville-ouverte-fault-crash-'));
  port = await freePort();
  runtime = await start_();
  admin = await faultToken(runtime.baseUrl, { role: 'admin', territory: SIREN });
  // A bare territory: one commune with a boundary, one service, one category; a partner and its sensors.
  await expectOk(`${T}/import`, { method: 'POST' });
  await expectOk(`${T}/communes/31555/boundary`, {
    method: 'PUT',
    json: {
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1.35, 43.55],
            [1.5, 43.55],
            [1.5, 43.68],
            [1.35, 43.68],
            [1.35, 43.55],
          ],
        ],
      },
    },
  });
  await expectOk(`${T}/bodies/${SIREN}/services/voirie`, { method: 'PUT', json: { name: 'Voirie' } });
  await expectOk(`${T}/categories/voirie`, {
    method: 'PUT',
    json: { name: 'Voirie', competence: { level: 'territory', service: 'voirie' } },
  });
  await expectOk(`${T}/sensor-partners`, { json: { id: 'crash', name: 'Crash test gateway', kind: 'startup' } });
  apiKey = (await expectOk(`${T}/sensor-partners/crash/api-keys`, { json: { label: 'crash' } })).key as string;
  // A participatory budget of Toulouse in its vote phase, three projects, and 50 residents.
  agent = await faultToken(runtime.baseUrl, { role: 'agent', territory: SIREN, commune: '31555' });
  const created = await expectOk(`${T}/consultations`, {
    headers: { authorization: `Bearer ${agent}` },
    json: {
      scope: { level: 'commune', insee: '31555' },
      title: `Budget participatif (${run})`,
      body: '50 000 € pour vos idées.',
      schedule: { proposals: new Date().toISOString() },
      eligibility: { residents: 'scope', minimumAge: 16 },
      budget: { amount: 50_000, method: 'knapsack', minSelections: 1, maxSelections: 2 },
    },
  });
  consultation = `${T}/consultations/${created.id as string}`;
  for (const [key, cost] of [
    ['A', 20_000],
    ['B', 15_000],
    ['C', 25_000],
  ] as const) {
    const project = await expectOk(`${consultation}/projects`, {
      headers: { authorization: `Bearer ${agent}` },
      json: { title: `Projet ${key}`, description: `Le projet ${key}.`, cost },
    });
    projects[key] = project.id as string;
  }
  await expectOk(`${consultation}/phase`, {
    headers: { authorization: `Bearer ${agent}` },
    json: { phase: 'voting', reason: 'Vote' },
  });
  voters = await Promise.all(
    Array.from({ length: VOTERS }, (_, i) =>
      faultToken(runtime.baseUrl, {
        role: 'citizen',
        sub: `crash-voter-${run}-${i}`,
        birthdate: '1990-07-14',
        residenceInsee: '31555',
      }),
    ),
  );
  for (const [i, id] of sensorIds.entries()) {
    await expectOk(`${T}/sensors/${id}`, {
      method: 'PUT',
      json: {
        type: 'AirQualityObserved',
        name: `Crash ${i}`,
        partnerId: 'crash',
        location: { lat: 43.58 + i * 0.002, lon: 1.42 + i * 0.002 },
        properties: ['no2'],
      },
    });
  }
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
}, 30_000);

const reportBody = (i: number) => ({
  category: 'voirie',
  location: { lat: 43.6 + (i % 50) * 0.0005, lon: 1.44 + Math.floor(i / 50) * 0.0005 },
  description: `Nid-de-poule n° ${i}`,
  contact: { email: `crash-${i}@example.fr` },
});

const tenths = (sensor: number, minute: number) => ((sensor * 7919 + minute * 104729) % 1500) + 50;
const batches = Array.from({ length: (SENSORS * PER_SENSOR) / BATCH }, (_, b) =>
  Array.from({ length: BATCH }, (_, j) => {
    const n = b * BATCH + j;
    const [sensor, minute] = [n % SENSORS, Math.floor(n / SENSORS)];
    return {
      sensorId: sensorIds[sensor]!,
      property: 'no2',
      value: tenths(sensor, minute) / 10,
      unit: 'GQ',
      // Four a minute: 1 000 points per sensor within the last few hours.
      observedAt: new Date(start + minute * 15_000).toISOString(),
    };
  }),
);

it('a SIGKILL mid-flight loses no accepted report, observation or ballot and stores none twice', async () => {
  const keys = Array.from({ length: REPORTS }, () => randomUUID());
  const reportIds: string[] = [];
  let answered = 0;
  let batchesAnswered = 0;
  let ballotsAnswered = 0;
  let killed: Promise<void> | undefined;
  let atKill = { reports: 0, batches: 0, ballots: 0 };
  // Each of the eight clients waits here once, past its share; when all are there they send their next
  // request at once and the runtime is killed while those are in flight.
  const CLIENTS = 8;
  let arrived = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const arrive = async () => {
    if (++arrived === CLIENTS) {
      release();
      setTimeout(() => {
        atKill = { reports: answered, batches: batchesAnswered, ballots: ballotsAnswered };
        killed = (async () => {
          runtime.child.kill('SIGKILL');
          await new Promise((resolve) => runtime.child.once('exit', resolve));
          runtime = await start_(true);
        })();
      }, 50);
    }
    await gate;
  };

  const fileReports = async (from: number) => {
    for (let i = from, n = 0; i < REPORTS; i += 4, n++) {
      if (n === BEFORE_KILL.reports) await arrive();
      const answer = await untilAnswered(() =>
        call(`${T}/reports`, { json: reportBody(i), headers: { 'idempotency-key': keys[i]! } }),
      );
      expect(answer.status).toBe(201);
      reportIds[i] = answer.body.id as string;
      answered++;
    }
  };
  const sendObservations = async (from: number) => {
    for (let b = from, n = 0; b < batches.length; b += 2, n++) {
      if (n === BEFORE_KILL.batches) await arrive();
      const answer = await untilAnswered(() =>
        call(`${T}/observations`, { json: { observations: batches[b] }, headers: { 'x-api-key': apiKey } }),
      );
      expect(answer.status).toBe(202);
      batchesAnswered++;
    }
  };
  const ballot = (i: number) => ({ projectIds: choice(i).map((key) => projects[key]) });
  const castBallots = async (from: number) => {
    for (let i = from, n = 0; i < VOTERS; i += 2, n++) {
      if (n === BEFORE_KILL.ballots) await arrive();
      const answer = await untilAnswered(() =>
        call(`${consultation}/ballot`, {
          method: 'PUT',
          json: ballot(i),
          headers: { authorization: `Bearer ${voters[i]!}` },
        }),
      );
      expect(answer.status).toBe(200);
      ballotsAnswered++;
    }
  };
  await Promise.all([0, 1, 2, 3].map(fileReports).concat([0, 1].map(sendObservations)).concat([0, 1].map(castBallots)));
  await killed;
  // Killed while the three streams were sending: some of each answered before, the rest after.
  expect(atKill.reports).toBeLessThan(REPORTS);
  expect(atKill.batches).toBeLessThan(batches.length);
  expect(atKill.ballots).toBeLessThan(VOTERS);
  expect({ reports: answered, batches: batchesAnswered, ballots: ballotsAnswered }).toEqual({
    reports: REPORTS,
    batches: batches.length,
    ballots: VOTERS,
  });

  // Each key answers the one report it made, again.
  const replays = await Promise.all(
    keys
      .slice(0, 20)
      .map((key, i) => call(`${T}/reports`, { json: reportBody(i), headers: { 'idempotency-key': key } })),
  );
  expect(replays.map((r) => r.body.id)).toEqual(reportIds.slice(0, 20));
  expect(new Set(reportIds).size).toBe(REPORTS);

  // The store holds exactly those reports: none lost, none filed twice by a retry.
  const stored: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await expectOk(
      `${T}/bodies/${SIREN}/reports?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {},
    );
    stored.push(...(page.items as { id: string }[]).map((r) => r.id));
    cursor = page.cursor as string | undefined;
  } while (cursor);
  expect(stored.sort()).toEqual([...reportIds].sort());

  // Every observation counted once in the hourly rollups, once the queue has drained.
  const range = `from=${new Date(start - 3_600_000).toISOString()}&to=${new Date().toISOString()}`;
  const counted = async () => {
    let total = 0;
    for (const id of sensorIds) {
      const rollups = await call(`${T}/sensors/${id}/series?property=no2&resolution=hour&limit=1000&${range}`);
      total += ((rollups.body.items ?? []) as { count: number }[]).reduce((sum, r) => sum + r.count, 0);
    }
    return total;
  };
  let total = 0;
  for (let attempt = 0; attempt < 150; attempt++) {
    const depth = (await call('/_local/queues')).body['sensor-observations'] as { visible: number; inFlight: number };
    total = await counted();
    if (depth.visible === 0 && depth.inFlight === 0 && total >= SENSORS * PER_SENSOR) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(total).toBe(SENSORS * PER_SENSOR);
  expect(((await call('/_local/queues')).body['sensor-observations'] as { dlq: number }).dlq).toBe(0);

  // Every citizen's ballot counted once: the count, each one's own ballot, and the votes once closed.
  expect(((await call(consultation)).body.counts as { ballots: number }).ballots).toBe(VOTERS);
  const own = await Promise.all(
    voters.map((token) => call(`${consultation}/ballot`, { headers: { authorization: `Bearer ${token}` } })),
  );
  expect(own.map((b) => [...(b.body.projectIds as string[])].sort())).toEqual(
    voters.map((_, i) => [...ballot(i).projectIds].sort()),
  );
  await expectOk(`${consultation}/phase`, {
    headers: { authorization: `Bearer ${agent}` },
    json: { phase: 'closed', reason: 'Fin du vote' },
  });
  await expectOk('/_local/schedules/advanceConsultationPhases/run', { method: 'POST' });
  const results = await expectOk(`${consultation}/results`, {});
  const votes = (key: 'A' | 'B' | 'C') =>
    Array.from({ length: VOTERS }, (_, i) => i).filter((i) => (choice(i) as readonly string[]).includes(key)).length;
  expect(results.ballots).toBe(VOTERS);
  expect(
    Object.fromEntries((results.projects as { projectId: string; votes: number }[]).map((p) => [p.projectId, p.votes])),
  ).toEqual({ [projects.A]: votes('A'), [projects.B]: votes('B'), [projects.C]: votes('C') });
  expect(await runtime.violations()).toBe('');
}, 120_000);
