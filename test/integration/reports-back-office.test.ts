/**
 * What the back office's reports pages add to the reports use cases, against DynamoDB Local: the
 * counts per status of a body's inbox (exact; for a body without counts, a bounded count: "more
 * than cap" beyond it), and an agent's internal note (a new version, kept in the history for agents
 * only, refused to other communes and to a stale form).
 */
import { publicHistory } from '../../shared/reports/report-views';
import {
  agentOf,
  citizen,
  COLOMIERS,
  pothole,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let errors: ReportsFixture['errors'];
let domain: ReportsFixture['domain'];

beforeAll(async () => {
  ({ reports, errors, domain } = await setUpReports('reports-back-office', { start: '2026-05-04T08:00:00Z' }));
});

const toulouseAgent = agentOf(TOULOUSE);
const greenSpace = () =>
  reports.fileReport(citizen('jeanne'), SIREN, { ...pothole(), category: 'espaces-verts', answers: {} });

describe("a body's counts per status", () => {
  test('each status counted, up to the cap; only who may list the body reads them', async () => {
    const filed = [await greenSpace(), await greenSpace(), await greenSpace()];
    await reports.changeStatus(toulouseAgent, SIREN, filed[0]!.id, { to: 'acknowledged', version: 1 });

    const counts = await reports.countForBody(toulouseAgent, SIREN, TOULOUSE);
    expect(counts).toEqual({
      new: { count: 2, more: false },
      acknowledged: { count: 1, more: false },
      in_progress: { count: 0, more: false },
      resolved: { count: 0, more: false },
      rejected: { count: 0, more: false },
      duplicate: { count: 0, more: false },
    });
    // Exact from the body's counts; a body without them (not yet backfilled) is counted up to the cap.
    expect((await reports.countForBody(toulouseAgent, SIREN, TOULOUSE, 1)).new).toEqual({ count: 2, more: false });
    const { dynamo, TABLE_NAME } = await import('../../shared/runtime/dynamo');
    const { countsKey } = await import('../../shared/reports/report-store');
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await dynamo.send(new DeleteCommand({ TableName: TABLE_NAME, Key: countsKey(SIREN, TOULOUSE) }));
    const capped = await reports.countForBody(toulouseAgent, SIREN, TOULOUSE, 1);
    expect(capped.new).toEqual({ count: 1, more: true });
    expect(capped.acknowledged).toEqual({ count: 1, more: false });

    await expect(reports.countForBody(agentOf(COLOMIERS), SIREN, TOULOUSE)).rejects.toBeInstanceOf(
      errors.ForbiddenError,
    );
  });
});

describe("an agent's internal note", () => {
  test('kept in the history for agents, not in the public one; the version moves', async () => {
    const report = await greenSpace();
    const noted = await reports.addNote(toulouseAgent, SIREN, report.id, {
      version: 1,
      internalNote: 'Appeler le jardinier',
    });
    expect(noted).toMatchObject({ status: 'new', version: 2 });
    const { history } = await reports.getDetails(toulouseAgent, SIREN, report.id);
    expect(history.at(-1)).toMatchObject({ from: 'new', to: 'new', internalNote: 'Appeler le jardinier' });
    expect(JSON.stringify(publicHistory(history))).not.toContain('jardinier');

    // A form read before the note is stale; another commune's agent may not write one.
    await expect(
      reports.changeStatus(toulouseAgent, SIREN, report.id, { to: 'acknowledged', version: 1 }),
    ).rejects.toBeInstanceOf(domain.StaleVersionError);
    await expect(
      reports.addNote(agentOf(COLOMIERS), SIREN, report.id, { version: 2, internalNote: 'x' }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
    await expect(
      reports.addNote(toulouseAgent, SIREN, report.id, { version: 2, internalNote: '  ' }),
    ).rejects.toBeInstanceOf(errors.InvalidInputError);
  });
});
