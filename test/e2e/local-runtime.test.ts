/** The local runtime as `npm start` runs it, over HTTP. */
import { eventually } from '../support/eventually';
import { auditLog, fetchJson, getToken } from '../support/http';

describe('the local runtime', () => {
  it('answers GET /health through the declared route once everything is up', async () => {
    const response = await fetchJson<{ status: string }>('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it("answers an undeclared route with API Gateway's 404 (a GET is the portal's page introuvable)", async () => {
    const response = await fetchJson('/no/such/route', { method: 'POST', json: {} });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'Not Found' });
  });

  it('issues a token for a role and a territory', async () => {
    const token = await getToken({ role: 'agent', territory: '243100518', commune: '31555' });

    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ role: 'agent', territory: '243100518', commune: '31555', aud: 'ville-ouverte' });
  });

  it('reports the depth of every declared consumer queue', async () => {
    const response = await fetchJson<Record<string, unknown>>('/_local/queues');

    expect(response.status).toBe(200);
    expect(response.body.audit).toEqual({
      visible: expect.any(Number),
      inFlight: expect.any(Number),
      dlq: expect.any(Number),
    });
  });

  it('fires a declared schedule now and answers when it is done', async () => {
    const response = await fetchJson('/_local/schedules/relayOutbox/run', { method: 'POST' });

    expect(response.status).toBe(200);
  });

  it('carries an administrative change through its queue to the audit log', async () => {
    const siren = '243100518';
    const token = await getToken({ role: 'admin', territory: siren });

    const imported = await fetchJson(`/territories/${siren}/import`, { method: 'POST', token });
    expect(imported.status).toBe(200);

    // The handler dispatches its events to the audit queue (production SQS adapter → local endpoint);
    // the audit consumer's poller delivers them and the entries appear.
    const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    const entries = await eventually(
      () => auditLog(siren, token),
      (items) => items.some((e) => e.action === 'territory.communes-imported' && e.actor?.sub === sub),
    );
    expect(entries.filter((e) => e.actor?.sub === sub)).toHaveLength(1);
  });
});
