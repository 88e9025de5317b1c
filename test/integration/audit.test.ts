/** The audit log against DynamoDB Local: once per event, newest first, admins only, tenant-bound cursors. */
import type { DomainEvent } from '../../shared/events/domain-event';
import type { Principal } from '../../shared/kernel/principal';
import { useFreshTable } from '../support/integration-table';
import { admin, SIREN } from '../support/territory-fixtures';

let audit: (typeof import('../../shared/audit/audit-app'))['audit'];
let errors: typeof import('../../shared/kernel/errors');
let InvalidCursorError: (typeof import('../../shared/kernel/errors'))['InvalidCursorError'];

const event = (n: number, territory = SIREN): DomainEvent => ({
  id: `01JEVENT${String(n).padStart(4, '0')}`,
  type: 'territory.service-saved',
  occurredAt: new Date(Date.UTC(2026, 10, 24, 12, 0, n)).toISOString(),
  territory,
  actor: { sub: 'admin-1', role: 'admin' },
  subject: `body/${territory}/service/s${n}`,
  data: { before: null, after: { id: `s${n}`, name: `Service ${n}` } },
});

beforeAll(async () => {
  await useFreshTable('audit');
  ({ audit } = await import('../../shared/audit/audit-app'));
  errors = await import('../../shared/kernel/errors');
  ({ InvalidCursorError } = await import('../../shared/kernel/errors'));
});

test('an event delivered three times, twice at once, is recorded once', async () => {
  await Promise.all([audit.record(event(1)), audit.record(event(1))]);
  await audit.record(event(1));
  const page = await audit.list(admin, SIREN, 10);
  expect(page.items).toHaveLength(1);
  expect(page.items[0]).toMatchObject({
    action: 'territory.service-saved',
    actor: { sub: 'admin-1', role: 'admin' },
    before: null,
    after: { id: 's1', name: 'Service 1' },
  });
});

test('entries are listed newest first, page by page with a cursor', async () => {
  for (let n = 2; n <= 5; n++) await audit.record(event(n));
  const first = await audit.list(admin, SIREN, 3);
  const second = await audit.list(admin, SIREN, 3, first.cursor);
  expect([...first.items, ...second.items].map((e) => e.subject)).toEqual(
    [5, 4, 3, 2, 1].map((n) => `body/${SIREN}/service/s${n}`),
  );
});

test("a cursor from one territory's log is refused on another's", async () => {
  await audit.record(event(6, '243300316'));
  const bordeauxAdmin: Principal = { ...admin, territory: '243300316' };
  const { cursor } = await audit.list(admin, SIREN, 1);
  await expect(audit.list(bordeauxAdmin, '243300316', 1, cursor)).rejects.toBeInstanceOf(InvalidCursorError);
});

test('an agent may not read the audit log', async () => {
  const agent: Principal = { ...admin, role: 'agent' };
  await expect(audit.list(agent, SIREN, 10)).rejects.toBeInstanceOf(errors.ForbiddenError);
});

test('the log is narrowed by time range, action family and actor, page by page', async () => {
  const other = (n: number, type: string, sub: string): DomainEvent => ({
    ...event(n, '200054781'),
    type,
    actor: { sub, role: 'admin' },
  });
  const lyon = '200054781';
  const lyonAdmin: Principal = { ...admin, territory: lyon };
  await audit.record(other(10, 'territory.category-saved', 'alice'));
  await audit.record(other(11, 'participation.proposal-hidden', 'alice'));
  await audit.record(other(12, 'territory.service-saved', 'bob'));
  await audit.record(other(13, 'territory.service-saved', 'alice'));
  const subjects = async (filter: Parameters<typeof audit.list>[4], limit = 10) => {
    const found: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.list(lyonAdmin, lyon, limit, cursor, filter);
      found.push(...page.items.map((e) => e.subject.replace(/^.*\/s/, 's')));
      cursor = page.cursor;
    } while (cursor);
    return found;
  };
  expect(await subjects({ action: 'territory.' })).toEqual(['s13', 's12', 's10']);
  expect(await subjects({ actor: 'alice' }, 1)).toEqual(['s13', 's11', 's10']);
  expect(await subjects({ action: 'territory.service', actor: 'alice' })).toEqual(['s13']);
  // Bounds are inclusive, whatever the spelling of the instant (no milliseconds here).
  expect(
    await subjects({ from: '2026-11-24T12:00:11Z', to: new Date(Date.UTC(2026, 10, 24, 12, 0, 12)).toISOString() }),
  ).toEqual(['s12', 's11']);
});
