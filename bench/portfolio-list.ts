/**
 * The portfolio list at 1 000 projects (bench/run.ts): the demo territory's portfolio is filled up
 * to 1 000 projects through the CSV import, then a page of the public list (the use case and the
 * views the route answers) is measured against a raw Query of the same index partition, page by
 * page through the whole list too. Both read the same items; the difference is parsing each item
 * with its record schema and building its view.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../shared/kernel/principal';

interface Figures {
  readonly opsPerSecond: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}
type Measure = (rounds: number, operation: (i: number) => Promise<unknown>) => Promise<Figures>;

export const PORTFOLIO_SIZE = 1000;
export const PAGE_SIZE = 50;

/** Fills the portfolio up to PORTFOLIO_SIZE projects; returns how long the import took. */
const fill = async (siren: string, admin: Principal): Promise<{ imported: number; ms: number }> => {
  const { portfolioExchange } = await import('../shared/portfolio/portfolio-exchange-app');
  const { formatCsv } = await import('../shared/portfolio/csv');
  const { DOMAINS, PHASES } = await import('../shared/portfolio/portfolio');
  const existing = (await portfolioExchange.exportCsv(siren)).split('\r\n').length - 2;
  const missing = PORTFOLIO_SIZE - existing;
  const communes = ['31555', '31149', '31069', '31044', '31557', '31157'];
  const rows = Array.from({ length: missing }, (_, i) => [
    `Projet de banc d'essai n° ${String(i + 1).padStart(4, '0')}`,
    DOMAINS[i % DOMAINS.length]!,
    PHASES[i % PHASES.length]!,
    JSON.stringify([communes[i % communes.length], communes[(i + 1) % communes.length]]),
    String(i % 101),
  ]);
  const started = performance.now();
  const outcome = await portfolioExchange.importProjects(
    admin,
    siren,
    formatCsv([['nom', 'domain', 'portfolioPhase', 'communes', 'progress'], ...rows]),
  );
  if (!outcome.ok) throw new Error(`bench projects refused: ${JSON.stringify(outcome.rows.slice(0, 3))}`);
  return { imported: outcome.created, ms: performance.now() - started };
};

export const portfolioListFigures = async (siren: string, admin: Principal, rounds: number, measure: Measure) => {
  const { portfolio } = await import('../shared/portfolio/portfolio-app');
  const { summaryView } = await import('../shared/portfolio/portfolio-schemas');
  const { indexPk } = await import('../shared/portfolio/portfolio-keys');
  const { dynamo, TABLE_NAME } = await import('../shared/runtime/dynamo');
  const filled = await fill(siren, admin);

  const rawPage = (limit: number, start?: Record<string, unknown>) =>
    dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPk(siren, 'all') },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
  const listPage = async (limit: number, cursor?: string) => {
    const page = await portfolio.listProjects(siren, {}, { limit, cursor });
    return { items: page.items.map(summaryView), cursor: page.cursor };
  };

  const rawFirst = await measure(rounds, () => rawPage(PAGE_SIZE));
  const listFirst = await measure(rounds, () => listPage(PAGE_SIZE));
  const wholeRounds = Math.max(10, Math.floor(rounds / 20));
  let rawCount = 0;
  const rawWhole = await measure(wholeRounds, async () => {
    let start: Record<string, unknown> | undefined;
    rawCount = 0;
    do {
      const page = await rawPage(100, start);
      rawCount += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
  });
  let listCount = 0;
  const listWhole = await measure(wholeRounds, async () => {
    let cursor: string | undefined;
    listCount = 0;
    do {
      const page = await listPage(100, cursor);
      listCount += page.items.length;
      cursor = page.cursor;
    } while (cursor);
  });
  if (rawCount !== listCount || listCount < PORTFOLIO_SIZE)
    throw new Error(`the list read ${listCount} projects, the raw Query ${rawCount}`);
  return { filled, projects: listCount, rawFirst, listFirst, rawWhole, listWhole, wholeRounds };
};
