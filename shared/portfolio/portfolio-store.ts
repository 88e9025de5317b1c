/**
 * DynamoDB adapter of the portfolio (keys: portfolio-keys.ts).
 *
 * Access patterns
 * pk = TERRITORY#<siren>#PORTFOLIO
 * - a project                              GetItem  sk = PROJECT#<id> (strongly consistent)
 * - every project (exports, imports)       Query    sk begins_with PROJECT#
 * - projects by domain / phase / status    Query    gsi1 / gsi2 / gsi3, by title; other criteria filter
 * - children of a project, the top level   Query    gsi4 …#CHILDREN#<parentId | ROOT>
 * - all projects, by title                 Query    gsi5 …#ALL
 * pk = TERRITORY#<siren>#PORTFOLIO#COMMUNE#<insee>
 * - projects concerning a commune          Query    by title, then BatchGet of the page's projects
 * pk = TERRITORY#<siren>#PROJECT#<id>
 * - its budget lines, milestones, KPIs     Query    sk begins_with BUDGET# / MILESTONE# / KPI#
 * - a KPI's values by day                  Query    sk begins_with KPIPOINT#<kpiId>#
 * - the one mail of a missed milestone     Put      sk = REMINDER#<milestoneId>#<dueDate> if absent
 * gsi1pk = TERRITORY#<siren>#PORTFOLIO#LATE-MILESTONES   missed milestones, oldest due first
 * gsi6pk = PORTFOLIO#MILESTONE-DUE (sparse, every territory)   scheduled milestones by due date
 * gsi7pk = PORTFOLIO#REMINDER-PENDING (sparse)                  missed milestones not yet mailed
 * gsi6pk = PORTFOLIO#LIVE-KPIS (sparse)                         live KPIs, for the daily computation
 *
 * Writes: one change is one transaction (`commit`) of the records it touches and its events
 * (outbox), each record conditioned on the version read (or on being absent): the roll-up of a
 * parent is written with its child, so no change computed from a stale read can land. A failed
 * condition or a busy item is `stale` and the use case reads again.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithEvents } from '../events/outbox';
import { ConflictError } from '../kernel/errors';
import {
  ABSENT,
  atVersion,
  batchDeleteAll,
  batchGetAll,
  conditionFields,
  deleteItem,
  dynamo,
  getItem,
  INDEXES,
  isBusy,
  type Item,
  parseItem,
  putItem,
  queryAll,
  QueryFilter,
  queryPage,
  TABLE_NAME,
  type TransactItem,
} from '../runtime/dynamo';
import {
  BudgetLineRecord,
  KpiPointRecord,
  KpiRecord,
  MilestoneRecord,
  ProjectRecord,
  sortKeyOf,
  type Kpi,
  type Milestone,
  type Project,
} from './portfolio';
import {
  BUDGET_PREFIX,
  budgetLineKey,
  communePk,
  indexPk,
  KPI_PREFIX,
  kpiKey,
  kpiPointKey,
  kpiPointPrefix,
  LIVE_KPIS_PK,
  lateMilestonesPk,
  MILESTONE_DUE_PK,
  MILESTONE_PREFIX,
  milestoneKey,
  portfolioPk,
  PROJECT_PREFIX,
  projectKey,
  projectPk,
  reminderKey,
  REMINDER_PENDING_PK,
  ROOT,
  type ProjectIndex,
} from './portfolio-keys';
import type {
  KpiRef,
  MilestoneRef,
  PortfolioCommit,
  PortfolioStore,
  ProjectFilter,
  Versioned,
} from './portfolio-ports';
import * as z from 'zod';

// ----- items -----

const projectItem = (p: Project): Item => {
  const sortKey = sortKeyOf(p);
  return {
    ...projectKey(p.territory, p.id),
    entity: 'project',
    ...p,
    gsi1pk: indexPk(p.territory, 'domain', p.domain),
    gsi1sk: sortKey,
    gsi2pk: indexPk(p.territory, 'phase', p.phase),
    gsi2sk: sortKey,
    gsi3pk: indexPk(p.territory, 'status', p.status),
    gsi3sk: sortKey,
    gsi4pk: indexPk(p.territory, 'children', p.parentId ?? ROOT),
    gsi4sk: sortKey,
    gsi5pk: indexPk(p.territory, 'all'),
    gsi5sk: sortKey,
  };
};

/** What a commune's list keeps of a project: enough to filter it, the rest is read by BatchGet. */
const CommuneEntry = z.object({ projectId: z.string(), domain: z.string(), phase: z.string(), status: z.string() });
const communeEntryOf = (p: Project, insee: string): Item => ({
  pk: communePk(p.territory, insee),
  sk: sortKeyOf(p),
  entity: 'project-commune',
  projectId: p.id,
  domain: p.domain,
  phase: p.phase,
  status: p.status,
});

/** The commune list's entries a project change adds, rewrites and removes (never two writes on one key). */
const communeWrites = ({ before, after }: Versioned<Project>): TransactItem[] => {
  const entries = (p: Project | undefined) =>
    new Map((p?.communes ?? []).map((insee) => [`${insee}|${sortKeyOf(p!)}`, communeEntryOf(p!, insee)]));
  const [old, next] = [entries(before), entries(after)];
  const summaryChanged =
    before !== undefined &&
    after !== undefined &&
    (before.domain !== after.domain || before.phase !== after.phase || before.status !== after.status);
  return [
    ...[...old.entries()].filter(([key]) => !next.has(key)).map(([, item]) => deleteItem({ pk: item.pk, sk: item.sk })),
    ...[...next.entries()].filter(([key]) => summaryChanged || !old.has(key)).map(([, item]) => putItem(item)),
  ];
};

const milestoneItem = (m: Milestone): Item => ({
  ...milestoneKey(m.territory, m.projectId, m.id),
  entity: 'milestone',
  ...m,
  ...(m.state === 'scheduled'
    ? { gsi6pk: MILESTONE_DUE_PK, gsi6sk: `${m.dueDate}#${m.territory}#${m.projectId}#${m.id}` }
    : {}),
  ...(m.state === 'missed'
    ? { gsi1pk: lateMilestonesPk(m.territory), gsi1sk: `${m.dueDate}#${m.projectId}#${m.id}` }
    : {}),
  ...(m.reminderPending
    ? {
        gsi7pk: REMINDER_PENDING_PK,
        gsi7sk: `${m.missedAt ?? m.updatedAt}#${m.territory}#${m.projectId}#${m.id}`,
      }
    : {}),
});

const isLive = (k: Kpi) => k.source.kind !== 'manual';
const kpiItem = (k: Kpi): Item => ({
  ...kpiKey(k.territory, k.projectId, k.id),
  entity: 'kpi',
  ...k,
  ...(isLive(k) ? { gsi6pk: LIVE_KPIS_PK, gsi6sk: `${k.territory}#${k.projectId}#${k.id}` } : {}),
});

/** Put when there is an `after`, Delete otherwise; conditioned on the version read (or absence). */
const versionedWrite = <T extends { version: number }>(
  { before, after }: Versioned<T>,
  itemOf: (t: T) => Item,
): TransactItem | undefined => {
  if (after) return putItem(itemOf(after), atVersion(before?.version));
  if (!before) return undefined;
  const { pk, sk } = itemOf(before) as { pk: string; sk: string };
  return deleteItem({ pk, sk }, atVersion(before.version));
};

/** The records a change writes, as transaction items (its events apart: the outbox adds them). */
export const portfolioCommitItems = (change: PortfolioCommit): TransactItem[] => {
  const items: TransactItem[] = [];
  for (const project of change.projects ?? []) {
    items.push(versionedWrite(project, projectItem)!, ...communeWrites(project));
  }
  if (change.budgetLine)
    items.push(
      versionedWrite(change.budgetLine, (l) => ({
        ...budgetLineKey(l.territory, l.projectId, l.id),
        entity: 'budget-line',
        ...l,
      }))!,
    );
  if (change.milestone) items.push(versionedWrite(change.milestone, milestoneItem)!);
  if (change.kpi) items.push(versionedWrite(change.kpi, kpiItem)!);
  if (change.kpiPoint) {
    const { projectId, point } = change.kpiPoint;
    const territory = change.kpi?.after?.territory ?? change.kpi?.before?.territory;
    if (!territory) throw new Error('A KPI value is written with its KPI');
    items.push(
      putItem({ ...kpiPointKey(territory, projectId, point.kpiId, point.date), entity: 'kpi-point', ...point }),
    );
  }
  return items;
};

// ----- reads -----

const partitionItems = (pk: string, prefix: string) =>
  queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });

const INDEX_OF: Readonly<Record<Exclude<ProjectIndex, 'all' | 'children'>, string>> = {
  domain: INDEXES.gsi1,
  phase: INDEXES.gsi2,
  status: INDEXES.gsi3,
};

/** The criteria an index does not select, as a filter on the items it reads. */
const filterOf = (filter: ProjectFilter, keyed: keyof ProjectFilter | undefined): QueryFilter => {
  const result = new QueryFilter();
  for (const name of ['domain', 'phase', 'status'] as const) {
    const value = filter[name];
    if (value !== undefined && name !== keyed)
      result.add(`#${name} = :${name}`, { [`#${name}`]: name }, { [`:${name}`]: value });
  }
  if (filter.commune !== undefined && keyed !== 'commune')
    result.add('contains(communes, :commune)', {}, { ':commune': filter.commune });
  if (filter.parentId !== undefined && keyed !== 'parentId') {
    if (filter.parentId === 'root') result.add('attribute_not_exists(parentId)', {}, {});
    else result.add('parentId = :parentId', {}, { ':parentId': filter.parentId });
  }
  return result;
};

const refOf = (gsiSk: unknown): { territory: string; projectId: string; id: string } => {
  const parts = String(gsiSk).split('#');
  return { territory: parts.at(-3)!, projectId: parts.at(-2)!, id: parts.at(-1)! };
};

export const dynamoPortfolioStore: PortfolioStore = {
  getProject: (siren, id) => getItem(ProjectRecord, projectKey(siren, id), { consistent: true }),

  async getProjects(siren, ids) {
    const items = await batchGetAll([...new Set(ids)].map((id) => projectKey(siren, id)));
    return new Map(items.map((item) => parseItem(ProjectRecord, item)).map((p) => [p.id, p]));
  },

  async listProjects(siren, filter, { limit, cursor }) {
    if (filter.commune !== undefined) {
      // The commune's entries carry domain, phase and status; a parent is checked on the projects read.
      const entryFilter = filterOf({ ...filter, parentId: undefined }, 'commune');
      const page = await queryPage({
        partition: communePk(siren, filter.commune),
        filter: entryFilter,
        limit,
        cursor,
      });
      const ids = page.items.map((item) => parseItem(CommuneEntry, item).projectId);
      const projects = await dynamoPortfolioStore.getProjects(siren, ids);
      const items = ids
        .map((id) => projects.get(id))
        .filter((p): p is Project => p !== undefined)
        .filter(
          (p) =>
            filter.parentId === undefined ||
            (filter.parentId === 'root' ? !p.parentId : p.parentId === filter.parentId),
        );
      return page.cursor ? { items, cursor: page.cursor } : { items };
    }
    const [index, partition, keyed] =
      filter.parentId !== undefined
        ? ([
            INDEXES.gsi4,
            indexPk(siren, 'children', filter.parentId === 'root' ? ROOT : filter.parentId),
            'parentId',
          ] as const)
        : filter.status !== undefined
          ? ([INDEX_OF.status, indexPk(siren, 'status', filter.status), 'status'] as const)
          : filter.phase !== undefined
            ? ([INDEX_OF.phase, indexPk(siren, 'phase', filter.phase), 'phase'] as const)
            : filter.domain !== undefined
              ? ([INDEX_OF.domain, indexPk(siren, 'domain', filter.domain), 'domain'] as const)
              : ([INDEXES.gsi5, indexPk(siren, 'all'), undefined] as const);
    const page = await queryPage({ index, partition, filter: filterOf(filter, keyed), limit, cursor });
    return { ...page, items: page.items.map((item) => parseItem(ProjectRecord, item)) };
  },

  async allProjects(siren) {
    return (await partitionItems(portfolioPk(siren), PROJECT_PREFIX)).map((item) => parseItem(ProjectRecord, item));
  },

  async commit(change) {
    try {
      await commitWithEvents(portfolioCommitItems(change), change.events);
      return 'done';
    } catch (error) {
      if (error instanceof ConflictError || isBusy(error)) return 'stale';
      throw error;
    }
  },

  async deleteProjectContents(siren, projectId) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': projectPk(siren, projectId) },
      ProjectionExpression: 'pk, sk',
    });
    // The claims of sent mails stay: they expire with nothing to point at.
    await batchDeleteAll(
      items.filter((item) => !String(item.sk).startsWith('REMINDER#')) as { pk: string; sk: string }[],
    );
  },

  async listBudgetLines(siren, projectId) {
    return (await partitionItems(projectPk(siren, projectId), BUDGET_PREFIX))
      .map((item) => parseItem(BudgetLineRecord, item))
      .sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  },
  getBudgetLine: (siren, projectId, id) =>
    getItem(BudgetLineRecord, budgetLineKey(siren, projectId, id), { consistent: true }),

  async listMilestones(siren, projectId) {
    return (await partitionItems(projectPk(siren, projectId), MILESTONE_PREFIX))
      .map((item) => parseItem(MilestoneRecord, item))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  },
  getMilestone: (siren, projectId, id) =>
    getItem(MilestoneRecord, milestoneKey(siren, projectId, id), { consistent: true }),

  async listKpis(siren, projectId) {
    return (await partitionItems(projectPk(siren, projectId), KPI_PREFIX)).map((item) => parseItem(KpiRecord, item));
  },
  getKpi: (siren, projectId, id) => getItem(KpiRecord, kpiKey(siren, projectId, id), { consistent: true }),

  async kpiHistory(siren, projectId, kpiId, { limit, cursor, descending }) {
    const page = await queryPage({
      partition: projectPk(siren, projectId),
      sortKey: { beginsWith: kpiPointPrefix(kpiId) },
      order: descending ? 'descending' : 'ascending',
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => parseItem(KpiPointRecord, item)) };
  },

  async deleteKpiHistory(siren, projectId, kpiId) {
    const items = await partitionItems(projectPk(siren, projectId), kpiPointPrefix(kpiId));
    await batchDeleteAll(items as { pk: string; sk: string }[]);
  },

  async listLateMilestones(siren, { limit, cursor }) {
    const page = await queryPage({ index: INDEXES.gsi1, partition: lateMilestonesPk(siren), limit, cursor });
    return { ...page, items: page.items.map((item) => parseItem(MilestoneRecord, item)) };
  },

  async listDueMilestones(day, limit) {
    const { items } = await queryPage({
      index: INDEXES.gsi6,
      partition: MILESTONE_DUE_PK,
      sortKey: { to: `${day}#` },
      limit,
    });
    return items
      .filter((item) => String(item.gsi6sk) < `${day}#`)
      .map((item): MilestoneRef => {
        const { territory, projectId, id } = refOf(item.gsi6sk);
        return { territory, projectId, milestoneId: id };
      });
  },

  async listPendingReminders(limit) {
    const { items } = await queryPage({ index: INDEXES.gsi7, partition: REMINDER_PENDING_PK, limit });
    return items.map((item): MilestoneRef => {
      const { territory, projectId, id } = refOf(item.gsi7sk);
      return { territory, projectId, milestoneId: id };
    });
  },

  async claimReminder(m) {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { ...reminderKey(m.territory, m.projectId, m.id, m.dueDate), entity: 'reminder-claim' },
          ...conditionFields(ABSENT),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async releaseReminder(m) {
    await dynamo.send(
      new DeleteCommand({ TableName: TABLE_NAME, Key: reminderKey(m.territory, m.projectId, m.id, m.dueDate) }),
    );
  },

  async clearReminderPending(m) {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: milestoneKey(m.territory, m.projectId, m.id),
          UpdateExpression: 'REMOVE reminderPending, gsi7pk, gsi7sk',
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      // Deleted meanwhile: nothing is pending any more.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  async listLiveKpis({ limit, cursor }) {
    const page = await queryPage({ index: INDEXES.gsi6, partition: LIVE_KPIS_PK, limit, cursor });
    return {
      ...page,
      items: page.items.map((item): KpiRef => {
        const [territory, projectId, kpiId] = String(item.gsi6sk).split('#') as [string, string, string];
        return { territory, projectId, kpiId };
      }),
    };
  },
};
