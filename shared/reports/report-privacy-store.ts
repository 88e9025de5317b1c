/**
 * DynamoDB adapter of what the privacy context asks of reports: forget the people of a report —
 * one citizen who asked for erasure, or everyone once the report has been closed for the
 * territory's retention delay. The report stays (its place, category, photos, public history and
 * counts are in the public interest); contact data and identity links go.
 *
 * Access patterns (keys: report-store.ts)
 * - closed reports, oldest first, closed before a day   Query pk = T#REPORTS#CLOSED, sk < <cutoff>
 * - forget people of a report                           GetItem REPORT; Query HISTORY# / SUPPORT# /
 *                                                       FOLLOWER#; Update REPORT REMOVE contact,
 *                                                       reporterSub; Update HISTORY REMOVE actor
 *                                                       (citizens'); Delete SUPPORT / FOLLOWER
 * Each write is idempotent (a REMOVE of what is gone, a Delete of what is absent), so a crash midway
 * is finished by the next run. The FOLLOWER item goes last: it is what leads an erasure back here
 * (the citizen index, gsi1), so a report is never left half-done and unfindable.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, getItem, queryPage, TABLE_NAME, type Item } from '../runtime/dynamo';
import { followerKey, ReportRecord } from './report';
import { CLOSING_STATUSES, closedReportsPk, queryPrefix, reportPk } from './report-store';

/** Whose personal data to remove: one citizen's (by subject), or everyone's (retention). */
export type Whom = { readonly sub: string } | 'everyone';

/** What was removed from one report: counts only, never the data. */
export type ForgottenInReport = Readonly<
  Record<'reportContacts' | 'reportFollowers' | 'reportSupports' | 'reportHistoryActors', number>
>;

export interface ClosedReport {
  readonly reportId: string;
  readonly closedAt: string;
}

const remove = (key: Item, attributes: readonly string[], condition?: string) =>
  dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: key,
      UpdateExpression: `REMOVE ${attributes.map((_, i) => `#a${i}`).join(', ')}`,
      ConditionExpression: condition ?? 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
    }),
  );

/** Deletes an item; 1 when there was one, else 0. */
const deleteKey = async (key: Item): Promise<number> => {
  const { Attributes } = await dynamo.send(
    new DeleteCommand({ TableName: TABLE_NAME, Key: key, ReturnValues: 'ALL_OLD' }),
  );
  return Attributes ? 1 : 0;
};

const concerns = (whom: Whom, sub: unknown) => (whom === 'everyone' ? true : sub === whom.sub);

export const dynamoReportPrivacyStore = {
  async forgetPeople(siren: string, reportId: string, whom: Whom): Promise<ForgottenInReport> {
    const pk = reportPk(siren, reportId);
    const report = await getItem(ReportRecord, { pk, sk: 'REPORT' }, { consistent: true });
    let contacts = 0;
    if (report && (report.contact || report.reporterSub) && concerns(whom, report.reporterSub)) {
      await remove({ pk, sk: 'REPORT' }, ['contact', 'reporterSub']);
      contacts = 1;
    }
    const history = (await queryPrefix(siren, reportId, 'HISTORY#')).filter((item) => {
      const actor = item.actor as { sub?: string; role?: string } | undefined;
      // Agents' acts stay attributed (their accountability); a citizen's (a reopening) is forgotten.
      return actor?.role === 'citizen' && concerns(whom, actor.sub);
    });
    for (const item of history) await remove({ pk, sk: item.sk }, ['actor']);
    // Everyone: every item under the prefix; one citizen: their own key (a prefix would also match longer subjects).
    const forget = async (prefix: string, ownSk: (sub: string) => string) => {
      if (whom !== 'everyone') return deleteKey({ pk, sk: ownSk(whom.sub) });
      const items = await queryPrefix(siren, reportId, prefix);
      for (const item of items) await deleteKey({ pk, sk: item.sk });
      return items.length;
    };
    const supports = await forget('SUPPORT#', (sub) => `SUPPORT#${sub}`);
    const followers = await forget('FOLLOWER#', (sub) => `FOLLOWER#${followerKey({ sub })}`);
    return {
      reportContacts: contacts,
      reportFollowers: followers,
      reportSupports: supports,
      reportHistoryActors: history.length,
    };
  },

  /** The oldest closed reports closed before `cutoff` (an instant), by pages; each leaves the list once handled. */
  async listClosedBefore(siren: string, cutoff: string, limit: number): Promise<ClosedReport[]> {
    const page = await queryPage({
      partition: closedReportsPk(siren),
      sortKey: { to: cutoff },
      order: 'ascending',
      limit,
      consistent: true,
    });
    return page.items.map((item) => ({ reportId: String(item.reportId), closedAt: String(item.closedAt) }));
  },

  /** Whether the report is still closed since `closedAt` (not reopened and closed again later). */
  async isClosedSince(siren: string, reportId: string, closedAt: string): Promise<boolean> {
    const report = await getItem(ReportRecord, { pk: reportPk(siren, reportId), sk: 'REPORT' }, { consistent: true });
    if (!report || !CLOSING_STATUSES.includes(report.status)) return false;
    const since = report.status === 'resolved' ? report.resolvedAt : report.closedAt;
    return since !== undefined && since <= closedAt;
  },

  removeFromClosedList: (siren: string, entry: ClosedReport) =>
    deleteKey({ pk: closedReportsPk(siren), sk: `${entry.closedAt}#${entry.reportId}` }).then(() => undefined),
};
export type ReportPrivacyStore = typeof dynamoReportPrivacyStore;
