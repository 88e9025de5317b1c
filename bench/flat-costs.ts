/**
 * Flat costs at scale (bench/run.ts, in a process of its own; prints one JSON line): each list a
 * route serves is timed through the use case the route calls with 1 000, then 100 000 items in the
 * table, all where they would be in life — the reports in one body and one commune (Colomiers, spread
 * over its bounding box), the proposals in one consultation, the points of one sensor — so a ratio
 * near 1 shows that the read is a bounded Query of the page, not a Scan nor a read of everything then
 * filtered; so is the SLA run over every body, which must not read the reports already flagged
 * (the bodies backfilled, as scripts/backfill-sla-watch.ts does). Every command the DynamoDB client
 * sends during one call of each list is counted by a middleware on the client, with the items
 * DynamoDB read (ScannedCount) and returned. A raw GetItem is timed in the same rounds: its own
 * ratio says how much of a list's comes from the store answering slower at that count.
 *
 * The table is filled raw (BatchWriteItem, 8 requests at a time) with the stores' own item
 * functions (`reportItem`, `proposalItem`, `loadHistory`), so the items are shaped as the stores
 * write them, index keys included. One report every 5 minutes: those older than 30 days are closed,
 * the open ones past due already flagged overdue (as the SLA schedule leaves them).
 *
 * Alone: `npx tsx bench/flat-costs.ts` (its own DynamoDB Local and demo data).
 * BENCH_FLAT_COUNTS=1000,100000 to change the counts.
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathToFileURL } from 'node:url';
import { ROUNDS, settleDemo, withBenchPlatform, type TimeFigures, BENCH_BODY, benchReportItem } from './local-platform';
import { inParallel } from '../shared/kernel/in-parallel';
// The platform's modules are imported once the local runtime has set their configuration (below).

/** Under bench/run.ts (its DynamoDB Local given), the JSON line only. */
const STANDALONE = !process.env.DYNAMODB_ENDPOINT;
const COUNTS = (process.env.BENCH_FLAT_COUNTS ?? '1000,100000').split(',').map(Number);
const BODY = BENCH_BODY;
/** One point every 90 s: an hour holds 40 points and a day 24 hourly rollups at every count. */
const POINT_STEP_MS = 90_000;
const BASELINE = 'baseline: GetItem (a commune)';

export interface CommandCount {
  readonly command: string;
  readonly calls: number;
  /** Items DynamoDB read (ScannedCount), or asked for (BatchGet, GetItem). */
  readonly read: number;
  readonly returned: number;
}

export interface ListFigures {
  readonly items: number;
  readonly timing: TimeFigures;
  /** What one call sent to DynamoDB. */
  readonly commands: readonly CommandCount[];
  /** What one call gave back (a page's length). */
  readonly pageLength: number;
}

export interface FlatCostFigures {
  readonly rounds: number;
  readonly lists: readonly { readonly name: string; readonly at: readonly ListFigures[] }[];
}

export const flatCostFigures = (): Promise<FlatCostFigures> =>
  withBenchPlatform('flat-costs', async () => {
    const { DEMO_SIREN: SIREN } = await import('../infra/local/demo/seed');
    const { reports, sla } = await import('../shared/reports/reports-app');
    const { watchBody } = await import('../shared/reports/report-store');
    const { reportRoutes } = await import('../shared/reports/report-routes');
    const { proposalItem } = await import('../shared/participation/contribution-store');
    const { participation } = await import('../shared/participation/participation-app');
    const { participationRoutes } = await import('../shared/participation/participation-routes');
    const { sensors } = await import('../shared/sensors/sensors-app');
    const { loadHistory } = await import('../shared/sensors/observation-store');
    const { territory } = await import('../shared/territory/territory-app');
    const { dynamo, TABLE_NAME } = await import('../shared/runtime/dynamo');
    const { newId } = await import('../shared/kernel/ids');
    // The demo's background writes (sensor history, portfolio) and their events: not while we measure.
    await settleDemo();

    // ——— counting what each call sends ———
    // Only the commands of the call measured: the runtime's schedules and consumers run in this process too.
    const counting = new AsyncLocalStorage<Map<string, { calls: number; read: number; returned: number }>>();
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const counted = counting.getStore();
        if (counted) {
          const name = context.commandName?.replace(/Command$/, '') ?? 'unknown';
          const input = args.input as { Keys?: unknown[]; RequestItems?: Record<string, { Keys?: unknown[] }> };
          const output = result.output as {
            Count?: number;
            ScannedCount?: number;
            Item?: unknown;
            Responses?: Record<string, unknown[]>;
          };
          const asked = Object.values(input.RequestItems ?? {}).reduce((n, r) => n + (r.Keys?.length ?? 0), 0);
          const got = Object.values(output.Responses ?? {}).reduce((n, r) => n + r.length, 0);
          const entry = counted.get(name) ?? { calls: 0, read: 0, returned: 0 };
          entry.calls += 1;
          entry.read += output.ScannedCount ?? (asked || (name === 'GetItem' ? 1 : 0));
          entry.returned += output.Count ?? (got || (output.Item ? 1 : 0));
          counted.set(name, entry);
        }
        return result;
      },
      { step: 'initialize', name: 'benchCommandCount' },
    );
    const commandsOf = async <T>(operation: () => Promise<T>) => {
      const counted = new Map<string, { calls: number; read: number; returned: number }>();
      const result = await counting.run(counted, operation);
      return { result, commands: [...counted].map(([command, c]) => ({ command, ...c })) };
    };

    const batchWrite = async (items: readonly Record<string, unknown>[]) => {
      const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, b) => items.slice(b * 25, b * 25 + 25));
      await inParallel(batches, 8, async (batch) => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
          pending = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof pending;
        }
      });
    };

    // ——— the places the lists read ———
    const admin = { sub: 'bench', role: 'admin', territory: SIREN, issuer: 'bench' } as const;
    const agent = { sub: 'bench-agent', role: 'agent', territory: SIREN, commune: BODY, issuer: 'bench' } as const;
    const colomiers = (await territory.listCommunes(SIREN)).find((c) => c.insee === BODY);
    const [west, south, east, north] = colomiers?.boundary?.bbox ?? [1.28, 43.585, 1.36, 43.625];
    const consultation = (await participation.listConsultations(SIREN, { limit: 50 })).items.find(
      (c) => c.phase === 'proposals',
    );
    if (!consultation) throw new Error('The demo has no consultation open for proposals');
    const sensorId = 'bench-flat-costs';
    const sensor = await sensors.saveSensor(admin, SIREN, sensorId, {
      type: 'AirQualityObserved',
      name: 'Banc d’essai (coûts à l’échelle)',
      partnerId: 'atmo-occitanie',
      location: { lat: (south + north) / 2, lon: (west + east) / 2 },
      properties: ['no2'],
    });

    // Points spread the same way every run.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const now = Date.now();
    const openStatuses = ['new', 'acknowledged', 'in_progress'] as const;
    const closedStatuses = ['resolved', 'rejected'] as const;
    // One report every 5 minutes; as in life, those older than 30 days are closed, and the open ones
    // past due already flagged (else the SLA schedule of this runtime would flag them meanwhile).
    const reportAt = (i: number) => {
      const created = now - 60_000 - i * 300_000;
      const createdAt = new Date(created).toISOString();
      const dueAt = new Date(created + 5 * 86_400_000).toISOString();
      const status = now - created > 30 * 86_400_000 ? closedStatuses[i % 2]! : openStatuses[i % 3]!;
      return benchReportItem(i, {
        location: { lat: south + random() * (north - south), lon: west + random() * (east - west) },
        status,
        createdAt,
        dueAt,
        overdue: dueAt < new Date(now).toISOString(),
      });
    };
    const proposalAt = (i: number) =>
      proposalItem({
        id: newId(),
        territory: SIREN,
        consultationId: consultation.id,
        title: `Proposition de banc d'essai n° ${i}`,
        body: 'Des bancs à l’ombre le long des quais, pour que chacun puisse s’y reposer.',
        authorName: `Habitant ${i % 500}`,
        authorKey: `bench-author-${i % 500}`,
        supportCount: Math.floor(random() * 200),
        commentCount: 0,
        flagCount: 0,
        createdAt: new Date(now - i * 60_000).toISOString(),
        version: 1,
      });
    /** Points from `from` (included) to `to` (excluded) counted back from now; a day's points in one call. */
    const loadPoints = async (from: number, to: number) => {
      const readings = Array.from({ length: to - from }, (_, k) => ({
        sensorId,
        property: 'no2',
        value: Math.round(200 + 300 * random()) / 10,
        observedAt: new Date(now - 1000 - (from + k) * POINT_STEP_MS).toISOString(),
      }));
      const byDay = new Map<string, typeof readings>();
      for (const r of readings) {
        const day = r.observedAt.slice(0, 10);
        if (!byDay.has(day)) byDay.set(day, []);
        byDay.get(day)!.push(r);
      }
      // Days in parallel, each whole in one call (its rollups are computed from its points).
      await inParallel([...byDay.values()], 4, (day) => loadHistory(SIREN, sensor, day));
    };

    // ——— the lists, as their routes call them ———
    const bodyQuery = reportRoutes.listBodyReports.contract.query.parse({});
    const proposalQuery = participationRoutes.listProposals.contract.query.parse({});
    const pointAt = { lat: south + 0.45 * (north - south), lon: west + 0.55 * (east - west) };
    // The map of a report's page (shared/portal/pages/report-page.tsx): its box, 50 reports.
    const box = [pointAt.lon - 0.002, pointAt.lat - 0.0015, pointAt.lon + 0.002, pointAt.lat + 0.0015] as const;
    const hourAgo = new Date(now - 3_600_000);
    const dayAgo = new Date(now - 86_400_000);
    const lists: { name: string; call: () => Promise<{ items: readonly unknown[] }> }[] = [
      // Not a list: how much slower the store itself answers at this count (a bigger table, a busier
      // DynamoDB Local), so a list's ratio can be read against it.
      {
        name: BASELINE,
        call: async () => {
          const { Item } = await dynamo.send(
            new GetCommand({ TableName: TABLE_NAME, Key: { pk: `TERRITORY#${SIREN}`, sk: `COMMUNE#${BODY}` } }),
          );
          return { items: Item ? [Item] : [] };
        },
      },
      { name: 'reports list of a body', call: () => reports.listForBody(agent, SIREN, BODY, bodyQuery) },
      {
        name: 'reports list of a body, one status',
        call: () => reports.listForBody(agent, SIREN, BODY, { ...bodyQuery, status: 'in_progress' }),
      },
      {
        name: 'public reports map (a report page’s box)',
        call: () => reports.listPublic(SIREN, { bbox: box, limit: 50 }),
      },
      {
        name: 'public reports list of a commune',
        call: () => reports.listPublic(SIREN, { commune: BODY, limit: 20 }),
      },
      // The scheduled SLA run over every body: at 1 000 reports none is past due; from 10 000 on, some
      // 7 000 open ones of the body are, all flagged already (the backlog a run must not read again).
      {
        name: 'SLA run (overdue detection, all bodies)',
        call: async () => ({ items: [], ...(await sla.detectOverdue()) }),
      },
      {
        name: 'proposals of a consultation (newest)',
        call: () => participation.listProposals(undefined, SIREN, consultation.id, 'newest', proposalQuery),
      },
      {
        name: 'proposals of a consultation (most supported)',
        call: () => participation.listProposals(undefined, SIREN, consultation.id, 'supported', proposalQuery),
      },
      {
        name: 'proposals of a consultation (random)',
        call: () =>
          participation.listProposals(undefined, SIREN, consultation.id, 'random', { ...proposalQuery, seed: 'bench' }),
      },
      {
        name: 'sensor series (raw, one hour)',
        call: () =>
          sensors.series(SIREN, sensorId, 'no2', { resolution: 'raw', from: hourAgo, to: new Date(now), limit: 200 }),
      },
      {
        name: 'sensor series (hourly, one day)',
        call: () =>
          sensors.series(SIREN, sensorId, 'no2', { resolution: 'hour', from: dayAgo, to: new Date(now), limit: 200 }),
      },
    ];

    const results = lists.map((list) => ({ name: list.name, at: [] as ListFigures[] }));
    let filled = 0;
    for (const count of COUNTS) {
      const started = performance.now();
      const reportItems = await Promise.all(Array.from({ length: count - filled }, (_, k) => reportAt(filled + k)));
      await batchWrite(reportItems);
      await batchWrite(Array.from({ length: count - filled }, (_, k) => proposalAt(filled + k)));
      await loadPoints(filled, count);
      filled = count;
      // Loaded around the store, the reports get their SLA watch items as the backfill gives them.
      for (const body of await territory.listBodies(SIREN)) await watchBody(SIREN, body.id);
      process.stderr.write(
        `flat costs: ${count} items of each list written in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
      // Every list once a round, in turn: a burst of load on this shared machine weighs on all alike.
      const latencies = lists.map(() => [] as number[]);
      for (let round = -20; round < ROUNDS; round++) {
        for (const [i, list] of lists.entries()) {
          const started = performance.now();
          await list.call();
          if (round >= 0) latencies[i]!.push(performance.now() - started);
        }
      }
      for (const [i, list] of lists.entries()) {
        const { result, commands } = await commandsOf(list.call);
        const sorted = latencies[i]!.sort((a, b) => a - b);
        const timing = { medianMs: sorted[Math.floor(ROUNDS / 2)]!, p95Ms: sorted[Math.floor(ROUNDS * 0.95)]! };
        results[i]!.at.push({ items: count, timing, commands, pageLength: result.items.length });
      }
    }
    return { rounds: ROUNDS, lists: results };
  });

const describeCommands = (commands: readonly CommandCount[]) =>
  commands.map((c) => `${c.command} ×${c.calls} (${c.read} read, ${c.returned} returned)`).join(', ');

/** The figures as bench/run.ts prints them. */
export const flatCostLines = (f: FlatCostFigures): string[] => {
  const lines = [
    `flat costs: each list through its use case at ${f.lists[0]?.at.map((a) => a.items.toLocaleString('en')).join(' and ')} items in the table (${f.rounds} rounds, the lists in turn)\n`,
  ];
  for (const list of f.lists) {
    for (const at of list.at) {
      lines.push(
        `${`${list.name} @ ${at.items.toLocaleString('en')}`.padEnd(56)} median ${at.timing.medianMs.toFixed(2)} ms   p95 ${at.timing.p95Ms.toFixed(2)} ms   ${at.pageLength} given   ${describeCommands(at.commands)}`,
      );
    }
  }
  lines.push('');
  const ratioOf = (list: FlatCostFigures['lists'][number]) =>
    list.at.at(-1)!.timing.medianMs / list.at[0]!.timing.medianMs;
  const baseline = f.lists.find((list) => list.name === BASELINE);
  for (const list of f.lists) {
    const [small, large] = [list.at[0]!, list.at.at(-1)!];
    const againstBaseline =
      baseline && list !== baseline ? ` (${(ratioOf(list) / ratioOf(baseline)).toFixed(2)}× GetItem's)` : '';
    lines.push(
      `${list.name}: ${large.items.toLocaleString('en')} / ${small.items.toLocaleString('en')} items: ${ratioOf(list).toFixed(2)}× the median latency${againstBaseline}`,
    );
  }
  return lines;
};

// In a process of its own (bench/run.ts): one JSON line. Alone: the lines too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await flatCostFigures();
  if (STANDALONE) console.log(flatCostLines(figures).join('\n'));
  console.log(JSON.stringify(figures));
  process.exit(0);
}
