/**
 * What the HTTP stack costs (bench/run.ts, in a process of its own; prints one JSON line). Three
 * routes — a public GET (a commune's reports), an authenticated GET (a body's reports, bearer
 * token) and a POST with a body schema (a citizen's proposal) — are each called three ways, in
 * turn within every round so the machine's load weighs on all alike:
 * - the use case the route's handler calls, with the input the stack would give it;
 * - the route's Lambda handler (the middy stack: correlation id, headers, CORS, problem+json,
 *   size limit, token check, zod validation, then the handler and its JSON answer), called in this
 *   process with the API Gateway event the local gateway builds (infra/local/api-gateway-event.ts);
 * - real HTTP through the local gateway (keep-alive connection), which adds the gateway's routing,
 *   event building, the handler loader's log scope, and the HTTP round trip.
 * The stack's cost is handler − use case (p50); the gateway's own is gateway − handler.
 *
 * Alone: `npx tsx bench/http-overhead.ts` (its own DynamoDB Local and demo data).
 */
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ROUNDS, settleDemo, withBenchPlatform } from './local-platform';
// The platform's modules are imported once the local runtime has set their configuration (below).

const STANDALONE = !process.env.DYNAMODB_ENDPOINT;
const SIREN = '243100518';

export interface Percentiles {
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface RouteOverhead {
  readonly name: string;
  readonly useCase: Percentiles;
  readonly handler: Percentiles;
  readonly gateway: Percentiles;
}

export interface HttpOverheadFigures {
  readonly rounds: number;
  readonly routes: readonly RouteOverhead[];
}

interface Way {
  /** Untimed: what the call needs (an event, a context). */
  readonly prepare: () => unknown;
  readonly run: (prepared: never) => Promise<unknown>;
}

/** Each way once per round, in turn; p50 and p95 of each. */
const timeInTurn = async (ways: Readonly<Record<'useCase' | 'handler' | 'gateway', Way>>) => {
  const names = Object.keys(ways) as (keyof typeof ways)[];
  const latencies = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<keyof typeof ways, number[]>;
  for (let round = -20; round < ROUNDS; round++) {
    for (const name of names) {
      const prepared = ways[name].prepare() as never;
      const started = performance.now();
      await ways[name].run(prepared);
      if (round >= 0) latencies[name].push(performance.now() - started);
    }
  }
  const percentiles = (values: number[]): Percentiles => {
    values.sort((a, b) => a - b);
    return { p50Ms: values[Math.floor(values.length / 2)]!, p95Ms: values[Math.floor(values.length * 0.95)]! };
  };
  return {
    useCase: percentiles(latencies.useCase),
    handler: percentiles(latencies.handler),
    gateway: percentiles(latencies.gateway),
  };
};

export const httpOverheadFigures = (): Promise<HttpOverheadFigures> =>
  withBenchPlatform('http-overhead', async (platform) => {
    const { buildApiGatewayEvent } = await import('../infra/local/api-gateway-event');
    const { createLambdaContext } = await import('../infra/local/lambda-context');
    const { compileTemplate } = await import('../infra/local/route-matcher');
    const { verifyAuthorization } = await import('../shared/runtime/auth');
    const { reports } = await import('../shared/reports/reports-app');
    const { reportRoutes } = await import('../shared/reports/report-routes');
    const { participation } = await import('../shared/participation/participation-app');
    const { participationRoutes } = await import('../shared/participation/participation-routes');
    // The demo's background writes (sensor history, portfolio) and their events: not while we measure.
    await settleDemo();
    const listPublic = (await import('../functions/reports/list-public-reports')).handler;
    const listBody = (await import('../functions/reports/list-body-reports')).handler;
    const submitProposal = (await import('../functions/participation/submit-proposal')).handler;

    const tokenFor = async (claims: Record<string, string>) => {
      const minted = await fetch(`${platform.url}/_local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(claims),
      });
      return ((await minted.json()) as { access_token: string }).access_token;
    };
    const agentToken = await tokenFor({ role: 'agent', territory: SIREN, sub: 'bench-agent' });
    const citizenToken = await tokenFor({ role: 'citizen', sub: 'bench-citizen', residenceInsee: '31555' });
    const agent = (await verifyAuthorization(`Bearer ${agentToken}`))!;
    const citizen = (await verifyAuthorization(`Bearer ${citizenToken}`))!;
    const consultation = (await participation.listConsultations(SIREN, { limit: 50 })).items.find(
      (c) => c.phase === 'proposals' && c.scopeInsees.includes('31555'),
    );
    if (!consultation) throw new Error('The demo has no consultation of Toulouse open for proposals');

    /** A call of a route three ways; every answer must have the status expected. */
    const route = (declared: {
      readonly id: string;
      readonly method: string;
      readonly path: string;
      readonly pathAndQuery: string;
      readonly headers: readonly string[];
      readonly body?: unknown;
      readonly status: number;
      readonly handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode?: number }>;
      readonly useCase: () => Promise<unknown>;
    }): Readonly<Record<'useCase' | 'handler' | 'gateway', Way>> => {
      const [rawPath = '/', rawQueryString = ''] = declared.pathAndQuery.split('?');
      const pathParameters = compileTemplate(declared.path).match(rawPath);
      if (!pathParameters) throw new Error(`${rawPath} is not ${declared.path}`);
      const body = declared.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(declared.body));
      const rawHeaders = [
        'host',
        'localhost',
        ...declared.headers,
        ...(declared.body === undefined ? [] : ['content-type', 'application/json']),
      ];
      const expect = (status: number | undefined, way: string) => {
        if (status !== declared.status) throw new Error(`${declared.id} ${way} answered ${status}`);
      };
      return {
        useCase: { prepare: () => undefined, run: () => declared.useCase() },
        handler: {
          prepare: () => ({
            event: buildApiGatewayEvent(
              {
                method: declared.method,
                rawPath,
                rawQueryString,
                rawHeaders,
                body,
                sourceIp: '127.0.0.1',
                protocol: 'HTTP/1.1',
              },
              { routeKey: `${declared.method} ${declared.path}`, pathParameters },
            ),
            context: createLambdaContext(declared.id, 10_000),
          }),
          run: async ({ event, context }: { event: APIGatewayProxyEventV2; context: Context }) =>
            expect((await declared.handler(event, context)).statusCode, 'handler'),
        },
        gateway: {
          prepare: () => undefined,
          run: async () => {
            const headers: Record<string, string> = {};
            for (let i = 2; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!] = rawHeaders[i + 1]!;
            const answer = await fetch(`${platform.url}${declared.pathAndQuery}`, {
              method: declared.method,
              headers,
              ...(declared.body === undefined ? {} : { body }),
            });
            await answer.arrayBuffer();
            expect(answer.status, 'gateway');
          },
        },
      };
    };

    const bodyQuery = reportRoutes.listBodyReports.contract.query.parse({ limit: '20' });
    const proposal = {
      title: 'Des bancs à l’ombre le long des quais',
      body: 'Pour que chacun puisse s’y reposer en été, à l’abri du soleil.',
      displayName: 'Banc d’essai',
    };
    const measured = [
      {
        name: 'public GET (a commune’s reports)',
        ways: route({
          id: 'listPublicReports',
          method: 'GET',
          path: reportRoutes.listPublicReports.path,
          pathAndQuery: `/territories/${SIREN}/reports?commune=31555&limit=20`,
          headers: ['accept', 'application/json'],
          status: 200,
          handler: listPublic,
          useCase: () => reports.listPublic(SIREN, { commune: '31555', limit: 20 }),
        }),
      },
      {
        name: 'authenticated GET (a body’s reports)',
        ways: route({
          id: 'listBodyReports',
          method: 'GET',
          path: reportRoutes.listBodyReports.path,
          pathAndQuery: `/territories/${SIREN}/bodies/31555/reports?limit=20`,
          headers: ['accept', 'application/json', 'authorization', `Bearer ${agentToken}`],
          status: 200,
          handler: listBody,
          useCase: () => reports.listForBody(agent, SIREN, '31555', bodyQuery),
        }),
      },
      {
        name: 'POST with a body schema (a proposal)',
        ways: route({
          id: 'submitProposal',
          method: 'POST',
          path: participationRoutes.submitProposal.path,
          pathAndQuery: `/territories/${SIREN}/consultations/${consultation.id}/proposals`,
          headers: ['accept', 'application/json', 'authorization', `Bearer ${citizenToken}`],
          body: proposal,
          status: 201,
          handler: submitProposal,
          useCase: () => participation.submitProposal(citizen, SIREN, consultation.id, proposal),
        }),
      },
    ];
    const routes: RouteOverhead[] = [];
    for (const { name, ways } of measured) routes.push({ name, ...(await timeInTurn(ways)) });
    return { rounds: ROUNDS, routes };
  });

/** The figures as bench/run.ts prints them. */
export const httpOverheadLines = (f: HttpOverheadFigures): string[] => {
  const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(9);
  const lines = [
    `HTTP stack: each route through its use case, its Lambda handler (middy stack) and the local gateway (${f.rounds} rounds each, in turn)\n`,
    `${''.padEnd(40)} ${'use case'.padStart(9)} ${'handler'.padStart(9)} ${'gateway'.padStart(9)}   p50 (p95 below)`,
  ];
  for (const r of f.routes) {
    lines.push(`${r.name.padEnd(40)} ${ms(r.useCase.p50Ms)} ${ms(r.handler.p50Ms)} ${ms(r.gateway.p50Ms)}`);
    lines.push(`${''.padEnd(40)} ${ms(r.useCase.p95Ms)} ${ms(r.handler.p95Ms)} ${ms(r.gateway.p95Ms)}`);
  }
  lines.push('');
  for (const r of f.routes) {
    lines.push(
      `${r.name}: handler − use case ${(r.handler.p50Ms - r.useCase.p50Ms).toFixed(2)} ms p50 ` +
        `(${(r.handler.p50Ms / r.useCase.p50Ms).toFixed(2)}× the median latency); ` +
        `gateway − handler ${(r.gateway.p50Ms - r.handler.p50Ms).toFixed(2)} ms`,
    );
  }
  return lines;
};

// In a process of its own (bench/run.ts): one JSON line. Alone: the lines too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await httpOverheadFigures();
  if (STANDALONE) console.log(httpOverheadLines(figures).join('\n'));
  console.log(JSON.stringify(figures));
  process.exit(0);
}
