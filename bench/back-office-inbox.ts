/**
 * The back office's inbox with 5 000 reports in one body (bench/run.ts, in a process of its own:
 * the local runtime sets the configuration the platform's modules read when imported). Prints one
 * JSON line.
 *
 * 5 000 reports of Colomiers' body are written raw (the store's own item shape, index keys
 * included); then a Colomiers agent's inbox page (`GET /agents/signalements`, newest first, and
 * filtered on a status) is timed against the JSON list call it wraps
 * (`GET /territories/{siren}/bodies/31149/reports`, same filter, same page size), both handlers
 * invoked in this process with the event the local gateway would build. The page adds the session,
 * the territory's bodies, categories and communes, the counts per status (one GetItem of the body's
 * counts, which the raw writes went around: counted again first, as the backfill does) and the
 * rendering; both read one index page of the list. Then the page once more without the counts item
 * (a body not yet backfilled: one COUNT query per status, capped at 1 000), the baseline of the
 * counts.
 *
 * Alone: `npx tsx bench/back-office-inbox.ts` (its own DynamoDB Local and demo data).
 */
import { BatchWriteCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { pathToFileURL } from 'node:url';
import {
  localGets,
  ROUNDS,
  time,
  withBenchPlatform,
  type TimeFigures,
  BENCH_BODY,
  benchReportItem,
} from './local-platform';
// The platform's modules are imported once the local runtime has set their configuration (below).

export const INBOX_REPORTS = 5000;
const BODY = BENCH_BODY;

export interface InboxFigures {
  readonly rounds: number;
  readonly reports: number;
  readonly pageSize: number;
  readonly newest: { readonly page: TimeFigures; readonly json: TimeFigures };
  readonly filtered: { readonly page: TimeFigures; readonly json: TimeFigures };
  /** The page of a body without counts item: the capped COUNT queries. */
  readonly uncounted: TimeFigures;
}

/** GET requests answered 200, as the local gateway makes them: the body. */
const invoker = async () => {
  const { get } = await localGets();
  return async (pathAndQuery: string, headers: readonly string[]) => {
    const answer = await get(pathAndQuery, headers);
    if (answer.statusCode !== 200) throw new Error(`GET ${pathAndQuery} answered ${answer.statusCode}`);
    return answer.body.toString('utf8');
  };
};

export const inboxFigures = (): Promise<InboxFigures> =>
  withBenchPlatform('inbox', async (platform) => {
    const { DEMO_SIREN: SIREN } = await import('../infra/local/demo/seed');
    const { dynamo, TABLE_NAME } = await import('../shared/runtime/dynamo');
    const { INBOX_PAGE_SIZE } = await import('../shared/portal/back-office-reports-app');
    const { sessions } = await import('../shared/portal/portal-app');
    const { newSession } = await import('../shared/portal/session');
    const { sessionCookieName } = await import('../shared/portal/cookies');

    // 5 000 reports of one body, over the last 200 days, in every status; raw, 25 per request.
    const now = Date.now();
    const statuses = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected'] as const;
    const items = await Promise.all(
      Array.from({ length: INBOX_REPORTS }, (_, i) => {
        const createdAt = new Date(now - (INBOX_REPORTS - i) * 3_456_000).toISOString();
        const status = statuses[i % statuses.length]!;
        const dueAt = new Date(Date.parse(createdAt) + 5 * 86_400_000).toISOString();
        return benchReportItem(i, {
          location: { lat: 43.605 + (i % 50) * 0.0002, lon: 1.32 + (i % 40) * 0.0003 },
          status,
          createdAt,
          dueAt,
          // An open one past due already flagged, as the SLA schedule would have: not while measuring.
          overdue:
            (status === 'new' || status === 'acknowledged' || status === 'in_progress') &&
            dueAt < new Date(now).toISOString(),
        });
      }),
    );
    for (let b = 0; b < items.length; b += 25) {
      let pending = items.slice(b, b + 25).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
        pending = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof pending;
      }
    }

    // Written around the store, the reports are not in the body's counts (created by the demo
    // seed): counted again, as scripts/backfill-report-counts.ts --recount would.
    const { countsKey, recountBody } = await import('../shared/reports/report-store');
    const counted = await recountBody(SIREN, BODY, { recount: true, indexLagMs: 0 });
    if (counted === 'kept') throw new Error('The recount kept the counts');

    const agent = { role: 'agent', territory: SIREN, commune: BODY } as const;
    const minted = await fetch(`${platform.url}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(agent),
    });
    const { access_token: token } = (await minted.json()) as { access_token: string };
    const sealed = await (await sessions()).sealSession(newSession({ ...agent, sub: 'bench-agent', issuer: 'bench' }));
    const cookie = ['cookie', `${sessionCookieName({ secure: false })}=${sealed}`, 'accept', 'text/html'];
    const bearer = ['authorization', `Bearer ${token}`, 'accept', 'application/json'];

    const invoke = await invoker();
    const json = `/territories/${SIREN}/bodies/${BODY}/reports?limit=${INBOX_PAGE_SIZE}`;
    const jsonFiltered = `${json}&status=in_progress`;
    const page = '/agents/signalements';
    const pageFiltered = `${page}?statut=in_progress`;
    // Both list the same reports: the page's first row is the JSON list's first item.
    const first = (JSON.parse(await invoke(json, bearer)) as { items: { id: string }[] }).items[0]!.id;
    const html = await invoke(page, cookie);
    if (!html.includes(`data-report="${first}"`)) {
      throw new Error('The inbox page does not list what the JSON list gives first');
    }
    // The counts shown are the body's exact counts (over 1 000 in progress, no "plus de").
    if (!html.includes(counted.in_progress.toLocaleString('fr-FR')) || html.includes('plus de')) {
      throw new Error(`The inbox page does not show the body's ${counted.in_progress} reports in progress`);
    }
    const figures = {
      newest: { json: await time(() => invoke(json, bearer)), page: await time(() => invoke(page, cookie)) },
      filtered: {
        json: await time(() => invoke(jsonFiltered, bearer)),
        page: await time(() => invoke(pageFiltered, cookie)),
      },
    };
    // A body not yet backfilled: no counts item, the page counts from the index (capped).
    await dynamo.send(new DeleteCommand({ TableName: TABLE_NAME, Key: countsKey(SIREN, BODY) }));
    if (!(await invoke(page, cookie)).includes('plus de')) throw new Error('The page without counts is not capped');
    const uncounted = await time(() => invoke(page, cookie));
    await recountBody(SIREN, BODY, { indexLagMs: 0 });
    return { rounds: ROUNDS, reports: INBOX_REPORTS, pageSize: INBOX_PAGE_SIZE, ...figures, uncounted };
  });

/** The figures as bench/run.ts prints them. */
export const inboxLines = (f: InboxFigures): string[] => {
  const timing = (name: string, t: TimeFigures) =>
    `${name.padEnd(52)} median ${t.medianMs.toFixed(2)} ms   p95 ${t.p95Ms.toFixed(2)} ms`;
  const ratio = (pair: InboxFigures['newest']) => `${(pair.page.medianMs / pair.json.medianMs).toFixed(2)}×`;
  return [
    `back office: the inbox of a body holding ${f.reports.toLocaleString('en')} reports, ${f.pageSize} a page (${f.rounds} rounds each)\n`,
    timing('baseline: GET …/bodies/{id}/reports', f.newest.json),
    timing('inbox page (GET /agents/signalements)', f.newest.page),
    timing('baseline: GET …/bodies/{id}/reports?status=in_progress', f.filtered.json),
    timing('inbox page (GET /agents/signalements?statut=in_progress)', f.filtered.page),
    timing('inbox page, body not yet backfilled (COUNT queries)', f.uncounted),
    `\ninbox page / JSON list: ${ratio(f.newest)} the median latency; filtered on a status: ${ratio(f.filtered)}`,
    `inbox page, counts item / COUNT queries: ${(f.newest.page.medianMs / f.uncounted.medianMs).toFixed(2)}× the median latency`,
  ];
};

// In a process of its own (bench/run.ts): one JSON line. Alone: the lines too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await inboxFigures();
  if (!process.env.BENCH_TABLE_NAME) console.log(inboxLines(figures).join('\n'));
  console.log(JSON.stringify(figures));
  process.exit(0);
}
