/**
 * The territory context against DynamoDB Local: import, boundaries, locate, competence, and the
 * optimistic locking that keeps the audit's before → after exact.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describeWithSharedData, realCommuneBoundaries } from '../support/shared-data';
import type { Principal } from '../../shared/kernel/principal';
import { useFreshTable } from '../support/integration-table';
import { admin, SIREN, square } from '../support/territory-fixtures';

let territory: (typeof import('../../shared/territory/territory-app'))['territory'];
let importCommunes: (typeof import('../../shared/territory/import-communes-app'))['importCommunes'];
let store: (typeof import('../../shared/territory/territory-store'))['dynamoTerritoryStore'];
let errors: typeof import('../../shared/kernel/errors');

beforeAll(async () => {
  await useFreshTable('territory');
  ({ territory } = await import('../../shared/territory/territory-app'));
  ({ importCommunes } = await import('../../shared/territory/import-communes-app'));
  ({ dynamoTerritoryStore: store } = await import('../../shared/territory/territory-store'));
  errors = await import('../../shared/kernel/errors');
  await importCommunes(admin, SIREN);
});

describe('importing a territory from the etalab data', () => {
  test('Toulouse Métropole arrives with its 37 communes and a body for each plus the metropolis', async () => {
    const communes = await territory.listCommunes(SIREN);
    expect(communes).toHaveLength(37);
    expect(communes.find((c) => c.insee === '31555')?.name).toBe('Toulouse');
    const bodies = await territory.listBodies(SIREN);
    expect(bodies).toHaveLength(38);
    expect(bodies.find((b) => b.id === SIREN)).toMatchObject({ kind: 'territory', name: 'Toulouse Métropole' });
  });

  test('importing again keeps a boundary already set', async () => {
    await territory.setBoundary(admin, SIREN, '31003', square(1.58, 43.56), 'test');
    const again = await importCommunes(admin, SIREN);
    expect(again).toMatchObject({ created: 0, updated: 37 });
    expect((await territory.getCommune(SIREN, '31003')).commune.boundary?.source).toBe('test');
  });

  test('a SIREN that is no EPCI is refused by a rule, and nothing is created', async () => {
    const other: Principal = { ...admin, territory: '123456789' };
    await expect(importCommunes(other, '123456789')).rejects.toBeInstanceOf(errors.RuleViolationError);
    expect(await store.getTerritory('123456789')).toBeUndefined();
  });

  test('an admin of another territory may not import this one', async () => {
    const bordeaux: Principal = { ...admin, territory: '243300316' };
    await expect(importCommunes(bordeaux, SIREN)).rejects.toBeInstanceOf(errors.ForbiddenError);
  });
});

describe('boundaries and locate', () => {
  test('a point outside every commune is not found', async () => {
    await expect(territory.locate(SIREN, 48.8566, 2.3522)).rejects.toBeInstanceOf(errors.NotFoundError);
  });

  test('two admins saving the same boundary version: one wins, the other gets a conflict', async () => {
    const { commune } = await territory.getCommune(SIREN, '31003');
    const next = { ...commune, boundary: { ...commune.boundary!, version: commune.boundary!.version + 1 } };
    const event = (id: string) => ({
      id,
      type: 'territory.boundary-set',
      occurredAt: new Date().toISOString(),
      territory: SIREN,
      subject: 's',
      data: {},
    });
    const results = await Promise.allSettled([
      store.saveBoundary(next, square(1.58, 43.56), commune.boundary!.version, event('e1')),
      store.saveBoundary(next, square(1.59, 43.56), commune.boundary!.version, event('e2')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(errors.ConflictError) });
  });
});

describeWithSharedData('the real IGN boundaries go in as they are, and locate agrees with them', () => {
  const features = realCommuneBoundaries();

  beforeAll(async () => {
    for (const feature of features) {
      await territory.setBoundary(admin, SIREN, feature.properties.code, feature.geometry, 'IGN Admin Express');
    }
  });

  test('each stored geometry is exactly the one sent', async () => {
    for (const feature of features) {
      const { boundary } = await territory.getCommune(SIREN, feature.properties.code);
      expect(boundary).toEqual(feature.geometry);
    }
  });

  test('the Place du Capitole is in Toulouse', async () => {
    expect((await territory.locate(SIREN, 43.6045, 1.4442)).insee).toBe('31555');
  });

  test('on 150 points spread over the territory, locate answers the commune whose real boundary contains the point', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const [west, south, east, north] = [1.25, 43.5, 1.65, 43.76];
    let inside = 0;
    for (let i = 0; i < 150; i++) {
      const [lon, lat] = [west + random() * (east - west), south + random() * (north - south)];
      const expected = features
        .filter((f) => booleanPointInPolygon([lon, lat], f.geometry as never))
        .map((f) => f.properties.code);
      const found = await territory.locate(SIREN, lat, lon).then(
        (c) => c.insee,
        () => undefined,
      );
      if (expected.length === 0) expect(found).toBeUndefined();
      else expect(expected).toContain(found);
      if (found) inside++;
    }
    // The sample box is wider than the territory: some points must fall outside it, many inside.
    expect(inside).toBeGreaterThan(50);
    expect(inside).toBeLessThan(150);
  });
});

describe('services and the competence table', () => {
  test('a category handled by the metropolis is resolved to it, and an override hands one commune to itself', async () => {
    await territory.saveService(admin, SIREN, SIREN, { id: 'proprete', name: 'Propreté' });
    await territory.saveCategory(admin, SIREN, {
      code: 'proprete',
      name: 'Propreté',
      competence: { level: 'territory', service: 'proprete' },
    });
    await territory.saveOverride(admin, SIREN, 'proprete', '31149', { level: 'commune' });
    expect(await territory.resolveCompetence(SIREN, 'proprete', '31555')).toMatchObject({
      bodyId: SIREN,
      service: 'proprete',
    });
    expect(await territory.resolveCompetence(SIREN, 'proprete', '31149')).toMatchObject({
      bodyId: '31149',
      overridden: true,
    });
  });

  test('a write carrying the version its caller read is refused once someone changed the record meanwhile', async () => {
    // The back office's forms send the version they showed (0: none existed).
    const saved = await territory.saveOverride(admin, SIREN, 'proprete', '31003', { level: 'commune' }, 0);
    await expect(
      territory.saveOverride(admin, SIREN, 'proprete', '31003', { level: 'territory' }, 0),
    ).rejects.toBeInstanceOf(errors.ConflictError);
    await territory.saveOverride(admin, SIREN, 'proprete', '31003', { level: 'territory' }, saved.version);
    await expect(territory.deleteOverride(admin, SIREN, 'proprete', '31003', saved.version)).rejects.toBeInstanceOf(
      errors.ConflictError,
    );
    await territory.deleteOverride(admin, SIREN, 'proprete', '31003', saved.version + 1);
    expect(await territory.resolveCompetence(SIREN, 'proprete', '31003')).toMatchObject({ overridden: false });
  });

  test('a category naming a service the metropolis lacks is refused by a rule', async () => {
    await expect(
      territory.saveCategory(admin, SIREN, {
        code: 'voirie',
        name: 'Voirie',
        competence: { level: 'territory', service: 'nope' },
      }),
    ).rejects.toMatchObject({ rule: 'competence-service-exists' });
  });

  test('a Toulouse agent manages the services of Toulouse but not those of Colomiers', async () => {
    const agent: Principal = { sub: 'agent-1', role: 'agent', territory: SIREN, commune: '31555', issuer: 'test' };
    await expect(
      territory.saveService(agent, SIREN, '31555', { id: 'espaces-verts', name: 'Espaces verts' }),
    ).resolves.toMatchObject({ version: 1 });
    await expect(
      territory.saveService(agent, SIREN, '31149', { id: 'espaces-verts', name: 'Espaces verts' }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
  });
});
