/**
 * Open311 client applications against DynamoDB Local: a territory admin registers one (its
 * api_key shown once, stored hashed), a POST with the key files a request that agents see came
 * through it, a revoked or wrong key is refused, a territory may require a key; and the zipcode
 * and address a request shows.
 */
import {
  admin,
  agentOf,
  CAPITOLE,
  COLOMIERS,
  COLOMIERS_CENTRE,
  metropolitanAgent,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let open311: ReportsFixture['open311'];
let clients: ReportsFixture['open311Clients'];
let reports: ReportsFixture['reports'];
let territory: ReportsFixture['territory'];
let errors: ReportsFixture['errors'];

beforeAll(async () => {
  ({
    open311,
    open311Clients: clients,
    reports,
    territory,
    errors,
  } = await setUpReports('open311-clients', {
    start: '2026-03-02T08:00:00Z',
  }));
});

const post = (extra: object = {}, jurisdiction = TOULOUSE, point = CAPITOLE) =>
  open311.postServiceRequest(undefined, {
    jurisdiction_id: jurisdiction,
    service_code: 'voirie',
    lat: point.lat,
    long: point.lon,
    attribute: { nature: 'nid-de-poule' },
    email: 'jeanne@example.fr',
    description: 'Nid-de-poule profond',
    ...extra,
  });

const filed = async (id: string) => (await reports.getDetails(metropolitanAgent, SIREN, id)).report;

describe('client applications', () => {
  test('a registered client posts with its key, shown once; agents see which client filed the request', async () => {
    const registered = await clients.registerClient(admin, SIREN, {
      name: 'Appli Citoyenne',
      contact: 'dev@appli.example',
    });
    expect(registered.apiKey).toMatch(new RegExp(`^vo_${registered.id}_[A-Za-z0-9_-]{43}$`));
    expect(registered).toMatchObject({ status: 'active', createdBy: admin.sub, hint: registered.apiKey.slice(-4) });

    const [created] = await post({ api_key: registered.apiKey });
    const report = await filed(created!.service_request_id);
    expect(report).toMatchObject({ channel: 'open311', clientApp: { id: registered.id, name: 'Appli Citoyenne' } });

    // The list shows the client, never its key nor the key's hash.
    const listed = await clients.listClients(admin, SIREN);
    expect(listed.map((c) => c.id)).toContain(registered.id);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(registered.apiKey);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain('hash');
  });

  test('a POST without a key is taken by default, and records no client', async () => {
    expect((await clients.getSettings(admin, SIREN)).allowPostsWithoutKey).toBe(true);
    const [created] = await post();
    expect((await filed(created!.service_request_id)).clientApp).toBeUndefined();
  });

  test('a revoked key, a wrong one or one of nowhere is refused, and files nothing', async () => {
    const { id, apiKey } = await clients.registerClient(admin, SIREN, { name: 'Vieille appli', contact: 'x@y.fr' });
    const revoked = await clients.revokeClient(admin, SIREN, id);
    expect(revoked).toMatchObject({ status: 'revoked', revokedBy: admin.sub });
    // Revoking twice changes nothing.
    expect(await clients.revokeClient(admin, SIREN, id)).toEqual(revoked);
    const before = (await clients.listClients(admin, SIREN)).length;

    await expect(post({ api_key: apiKey })).rejects.toThrow(/revoked/);
    await expect(post({ api_key: apiKey })).rejects.toBeInstanceOf(errors.ForbiddenError);
    // The right id with another secret, a key of another format.
    const forged = `${apiKey.slice(0, -4)}AAAA`;
    await expect(post({ api_key: forged })).rejects.toThrow(/not valid/);
    await expect(post({ api_key: 'any' })).rejects.toBeInstanceOf(errors.ForbiddenError);
    expect((await clients.listClients(admin, SIREN)).length).toBe(before);
  });

  test('only a territory admin registers, lists, revokes and sets; an unknown client is not found', async () => {
    const agent = agentOf(COLOMIERS);
    await expect(clients.registerClient(agent, SIREN, { name: 'X', contact: 'x@y.fr' })).rejects.toBeInstanceOf(
      errors.ForbiddenError,
    );
    await expect(clients.listClients(metropolitanAgent, SIREN)).rejects.toBeInstanceOf(errors.ForbiddenError);
    await expect(clients.setSettings(agent, SIREN, { allowPostsWithoutKey: false })).rejects.toBeInstanceOf(
      errors.ForbiddenError,
    );
    await expect(clients.revokeClient(admin, SIREN, '01JD3Q8M6ZP0R9V4X2B7C5N1TS')).rejects.toBeInstanceOf(
      errors.NotFoundError,
    );
  });

  test('a territory that requires keys refuses a POST without one, and takes one with a valid key', async () => {
    const { apiKey } = await clients.registerClient(admin, SIREN, { name: 'Appli officielle', contact: 'a@b.fr' });
    const set = await clients.setSettings(admin, SIREN, { allowPostsWithoutKey: false });
    expect(set).toMatchObject({ allowPostsWithoutKey: false, updatedBy: admin.sub, version: 1 });
    try {
      await expect(post()).rejects.toThrow(/api_key was not provided/);
      await expect(post({ api_key: '' })).rejects.toBeInstanceOf(errors.ForbiddenError);
      const [created] = await post({ api_key: apiKey });
      expect((await filed(created!.service_request_id)).clientApp?.name).toBe('Appli officielle');
    } finally {
      expect((await clients.setSettings(admin, SIREN, { allowPostsWithoutKey: true })).version).toBe(2);
    }
    await expect(post()).resolves.toHaveLength(1);
  });
});

describe('zipcode and address', () => {
  test("the import keeps each commune's postal codes", async () => {
    const communes = new Map((await territory.listCommunes(SIREN)).map((c) => [c.insee, c]));
    expect(communes.get(COLOMIERS)?.postalCodes).toEqual(['31770']);
    expect(communes.get(TOULOUSE)?.postalCodes).toEqual(['31000', '31100', '31200', '31300', '31400', '31500']);
  });

  test("a request shows the address given and its commune's code, or the one the address names in a city of several", async () => {
    const [inColomiers] = await post({ address_string: 'Place Alex Raymond' }, COLOMIERS, COLOMIERS_CENTRE);
    const [named] = await post({ address_string: '1 place du Capitole, 31000 Toulouse' });
    const [unnamed] = await post({ address_string: 'Place du Capitole' });
    const [none] = await post();
    const shown = async (jurisdiction: string, id: string) => (await open311.getServiceRequest(jurisdiction, id))[0]!;
    expect(await shown(COLOMIERS, inColomiers!.service_request_id)).toMatchObject({
      address: 'Place Alex Raymond',
      zipcode: '31770',
    });
    expect(await shown(SIREN, named!.service_request_id)).toMatchObject({
      address: '1 place du Capitole, 31000 Toulouse',
      zipcode: '31000',
    });
    expect(await shown(TOULOUSE, unnamed!.service_request_id)).toMatchObject({
      address: 'Place du Capitole',
      zipcode: null,
    });
    expect(await shown(TOULOUSE, none!.service_request_id)).toMatchObject({ address: null, zipcode: null });
    // The list says the same.
    const listed = await open311.listServiceRequests({
      jurisdiction_id: SIREN,
      service_request_id: [inColomiers!.service_request_id, named!.service_request_id],
      service_code: [],
      status: [],
    });
    expect(Object.fromEntries(listed.map((r) => [r.service_request_id, r.zipcode]))).toEqual({
      [inColomiers!.service_request_id]: '31770',
      [named!.service_request_id]: '31000',
    });
  });
});
