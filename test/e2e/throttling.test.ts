/**
 * Floods: every route has a throttle class (shared/wiring/throttle.ts) that the local gateway
 * enforces per client address, as API Gateway does per route in AWS. The rest of the suite calls
 * from 127.0.0.1, which the test run exempts (test/support/global-setup.ts); this test calls from
 * another loopback address, so it meets the limits a citizen would.
 */
import { request } from 'node:http';
import { baseUrl } from '../support/http';

const SIREN = '243100518';
const CLIENT = '127.0.0.2';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request sent from CLIENT (a loopback address of its own: Linux routes all of 127/8 here). */
const send = (method: string, path: string, json?: unknown): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl());
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress: CLIENT,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });

describe('a burst of anonymous reports from one address', () => {
  it('is cut at the public-write burst: 429 with Retry-After and a problem, nothing reaching the handler', async () => {
    // Thirty at once, as in the probe of issue 14; empty bodies, so those let through store nothing.
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => send('POST', `/territories/${SIREN}/reports`, {})),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    const through = answers.filter((answer) => answer.status !== 429);
    expect(through.length).toBeGreaterThan(0);
    expect(through.every((answer) => answer.status === 400)).toBe(true);
    expect(refused.length).toBeGreaterThanOrEqual(10);

    const [first] = refused;
    expect(Number(first!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(first!.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(first!.body)).toMatchObject({
      type: 'urn:ville-ouverte:problem:too-many-requests',
      status: 429,
      instance: `/territories/${SIREN}/reports`,
    });

    // Reading is another class: the same address still reads the reports.
    expect((await send('GET', '/health')).status).toBe(200);
  });
});
