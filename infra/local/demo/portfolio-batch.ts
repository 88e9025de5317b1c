/**
 * The demo portfolio's writes, batched: a PortfolioStore that the portfolio's own use cases run
 * against (import, budget lines, milestones, KPIs: same checks, ids, roll-ups and events), which
 * keeps each change in memory — reads see them, conditions are checked against them — and then
 * writes them all at once in transactions of up to 100 items, then their events (outbox), instead
 * of one transaction per change. DynamoDB Local on disk commits a transaction's items together,
 * so ~370 changes become a dozen commits.
 *
 * A record changed several times (a programme's roll-up moves with each of its projects) is
 * written once, as it ends, on condition of what the table held before the batch (absent, or the
 * version first read): a record changed meanwhile makes its transaction fail (ConflictError). The
 * events (outbox) go in once every record is in, so none is announced before what it says is
 * written. For a seed on a fresh table: a first start stopped while writing keeps part of it
 * (remove .local/ to start over).
 */
import { commitWithEvents } from '../../../shared/events/outbox';
import { chunksOf, inParallel } from '../../../shared/kernel/in-parallel';
import type { BudgetLine, Kpi, Milestone, Project } from '../../../shared/portfolio/portfolio';
import type { PortfolioCommit, PortfolioStore, Versioned } from '../../../shared/portfolio/portfolio-ports';
import { portfolioCommitItems } from '../../../shared/portfolio/portfolio-store';
import { ABSENT, retryWhileBusy, type TransactItem } from '../../../shared/runtime/dynamo';

/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_ITEMS = 100;

type Keyed = { version: number };

/** A record changed in the batch: its last state (null once deleted). */
class Overlay<T extends Keyed> {
  private readonly records = new Map<string, T | null>();
  constructor(private readonly read: (key: readonly string[]) => Promise<T | undefined>) {}

  async get(...key: string[]): Promise<T | undefined> {
    const id = key.join('|');
    return this.records.has(id) ? (this.records.get(id) ?? undefined) : this.read(key);
  }
  set(key: readonly string[], value: T | undefined) {
    this.records.set(key.join('|'), value ?? null);
  }
  /** Records of the batch under a key prefix: [last part of the key, record or null]. */
  under(...prefix: string[]): [string, T | null][] {
    const start = `${prefix.join('|')}|`;
    return [...this.records.entries()]
      .filter(([id]) => id.startsWith(start) && !id.slice(start.length).includes('|'))
      .map(([id, value]) => [id.slice(start.length), value]);
  }
}

/** `base`'s records with the batch's changes applied. */
const merged = <T extends { id: string }>(base: readonly T[], changes: [string, T | null][]): T[] => {
  const byId = new Map(base.map((r) => [r.id, r]));
  for (const [id, record] of changes) {
    if (record) byId.set(id, record);
    else byId.delete(id);
  }
  return [...byId.values()];
};

const keyOf = (item: TransactItem): string => {
  const { pk, sk } = (item.Put?.Item ?? item.Delete?.Key) as { pk: string; sk: string };
  return `${pk}\n${sk}`;
};

const conditionOf = (item: TransactItem) => {
  const write = item.Put ?? item.Delete!;
  return {
    ...(write.ConditionExpression ? { ConditionExpression: write.ConditionExpression } : {}),
    ...(write.ExpressionAttributeNames ? { ExpressionAttributeNames: write.ExpressionAttributeNames } : {}),
    ...(write.ExpressionAttributeValues ? { ExpressionAttributeValues: write.ExpressionAttributeValues } : {}),
  };
};

/** The record as it ends, on the condition of its first write (what the table held before the batch). */
const coalesce = (first: TransactItem, last: TransactItem): TransactItem | undefined => {
  const condition = conditionOf(first);
  if (last.Put) return { Put: { TableName: last.Put.TableName, Item: last.Put.Item, ...condition } };
  // Created and deleted within the batch: the table never sees it.
  if (first.Put && condition.ConditionExpression === ABSENT.expression) return undefined;
  return { Delete: { TableName: last.Delete!.TableName, Key: last.Delete!.Key, ...condition } };
};

/** The records `changes` write, each once as it ends (in the order of its last change). */
export const batchRecords = (changes: readonly PortfolioCommit[]): TransactItem[] => {
  const writes = new Map<string, { first: TransactItem; last: TransactItem }>();
  for (const change of changes)
    for (const item of portfolioCommitItems(change)) {
      const key = keyOf(item);
      const first = writes.get(key)?.first ?? item;
      writes.delete(key); // re-inserted: the map keeps the order of last changes
      writes.set(key, { first, last: item });
    }
  return [...writes.values()].map(({ first, last }) => coalesce(first, last)).filter((item) => item !== undefined);
};

const refuse = (name: string) => () => {
  throw new Error(`${name}: not read while the demo portfolio is batched`);
};

/** A store keeping changes in memory over `base`, and `write()` to commit them all. */
export const batchedPortfolioStore = (base: PortfolioStore) => {
  const changes: PortfolioCommit[] = [];
  // The territory's projects as the table holds them, read once (one Query): a read of DynamoDB
  // Local waits behind the disk's commits, and the batch's hundreds of reads would add up.
  const snapshots = new Map<string, Promise<Map<string, Project>>>();
  const snapshot = (siren: string) => {
    let projects = snapshots.get(siren);
    if (!projects) {
      projects = base.allProjects(siren).then((all) => new Map(all.map((p) => [p.id, p])));
      snapshots.set(siren, projects);
    }
    return projects;
  };
  /** A record of a project: none when the project is not in the table (created by the batch). */
  const inTable =
    <T>(read: (siren: string, projectId: string, id: string) => Promise<T | undefined>) =>
    async ([siren, projectId, id]: readonly string[]) =>
      (await snapshot(siren!)).has(projectId!) ? read(siren!, projectId!, id!) : undefined;
  const listInTable =
    <T>(list: (siren: string, projectId: string) => Promise<T[]>) =>
    async (siren: string, projectId: string) =>
      (await snapshot(siren)).has(projectId) ? list(siren, projectId) : [];

  const projects = new Overlay<Project>(async ([siren, id]) => (await snapshot(siren!)).get(id!));
  const lines = new Overlay<BudgetLine>(inTable((siren, projectId, id) => base.getBudgetLine(siren, projectId, id)));
  const milestones = new Overlay<Milestone>(inTable((siren, projectId, id) => base.getMilestone(siren, projectId, id)));
  const kpis = new Overlay<Kpi>(inTable((siren, projectId, id) => base.getKpi(siren, projectId, id)));
  const [baseLines, baseMilestones, baseKpis] = [
    listInTable((siren, projectId) => base.listBudgetLines(siren, projectId)),
    listInTable((siren, projectId) => base.listMilestones(siren, projectId)),
    listInTable((siren, projectId) => base.listKpis(siren, projectId)),
  ];

  /** Still at the version read (or still absent)? */
  const current = async <T extends Keyed>(read: Promise<T | undefined>, { before }: Versioned<T>) =>
    (await read)?.version === before?.version;

  const store: PortfolioStore = {
    getProject: (siren, id) => projects.get(siren, id),
    async getProjects(siren, ids) {
      const found = await Promise.all([...new Set(ids)].map((id) => projects.get(siren, id)));
      return new Map(found.filter((p): p is Project => p !== undefined).map((p) => [p.id, p]));
    },
    allProjects: async (siren) => merged([...(await snapshot(siren)).values()], projects.under(siren)),
    listBudgetLines: async (siren, projectId) =>
      merged(await baseLines(siren, projectId), lines.under(siren, projectId)).sort(
        (a, b) => a.year - b.year || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
      ),
    getBudgetLine: (siren, projectId, id) => lines.get(siren, projectId, id),
    listMilestones: async (siren, projectId) =>
      merged(await baseMilestones(siren, projectId), milestones.under(siren, projectId)).sort(
        (a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id),
      ),
    getMilestone: (siren, projectId, id) => milestones.get(siren, projectId, id),
    listKpis: async (siren, projectId) =>
      merged(await baseKpis(siren, projectId), kpis.under(siren, projectId)).sort((a, b) =>
        a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      ),
    getKpi: (siren, projectId, id) => kpis.get(siren, projectId, id),

    async commit(change) {
      const checks = [
        ...(change.projects ?? []).map((p) => {
          const { territory, id } = (p.after ?? p.before)!;
          return current(projects.get(territory, id), p);
        }),
        ...[
          change.budgetLine && ([lines, change.budgetLine] as const),
          change.milestone && ([milestones, change.milestone] as const),
          change.kpi && ([kpis, change.kpi] as const),
        ]
          .filter((c) => c !== undefined)
          .map(([overlay, v]) => {
            const { territory, projectId, id } = (v.after ?? v.before)!;
            return current((overlay as Overlay<Keyed>).get(territory, projectId, id), v);
          }),
      ];
      if (!(await Promise.all(checks)).every(Boolean)) return 'stale';
      for (const p of change.projects ?? []) {
        const { territory, id } = (p.after ?? p.before)!;
        projects.set([territory, id], p.after);
      }
      const keep = <T extends Keyed & { territory: string; projectId: string; id: string }>(
        overlay: Overlay<T>,
        v: Versioned<T> | undefined,
      ) => {
        if (!v) return;
        const { territory, projectId, id } = (v.after ?? v.before)!;
        overlay.set([territory, projectId, id], v.after);
      };
      keep(lines, change.budgetLine);
      keep(milestones, change.milestone);
      keep(kpis, change.kpi);
      changes.push(change);
      return 'done';
    },

    // Not read by the seeding's use cases: refused rather than answered without the batch.
    listProjects: refuse('listProjects'),
    deleteProjectContents: refuse('deleteProjectContents'),
    kpiHistory: refuse('kpiHistory'),
    deleteKpiHistory: refuse('deleteKpiHistory'),
    listLateMilestones: refuse('listLateMilestones'),
    listDueMilestones: refuse('listDueMilestones'),
    listPendingReminders: refuse('listPendingReminders'),
    claimReminder: refuse('claimReminder'),
    releaseReminder: refuse('releaseReminder'),
    clearReminderPending: refuse('clearReminderPending'),
    listLiveKpis: refuse('listLiveKpis'),
  };

  return {
    store,
    /** Writes every change kept so far, a few transactions in flight; returns how many changes. */
    async write(inFlight = 4): Promise<number> {
      const batch = changes.splice(0);
      // The records first, then the events: none is sent before every record is in.
      // Busy (a transaction met another on an item): nothing written, tried again.
      await inParallel(chunksOf(batchRecords(batch), TRANSACTION_ITEMS), inFlight, (items) =>
        retryWhileBusy(() => commitWithEvents(items, [])),
      );
      const events = batch.flatMap((change) => change.events);
      await inParallel(chunksOf(events, TRANSACTION_ITEMS), inFlight, (chunk) =>
        retryWhileBusy(() => commitWithEvents([], chunk, { dispatchTogether: true })),
      );
      return batch.length;
    },
  };
};
