/**
 * The territory context against DynamoDB Local: import, boundaries, locate, competence, and the
 * optimistic locking that keeps the audit's before → after exact.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cellSize } from '../../shared/geo/geohash';
import { CELL_PRECISION, cellGroupsOf, cellOf, groupOf } from '../../shared/territory/cell-index';
import { boundingBox } from '../../shared/territory/geometry';
import { describeWithSharedData, realCommuneBoundaries } from '../support/shared-data';
import type { Principal } from '../../shared/kernel/principal';
import { useFreshTable } from '../support/integration-table';
import { admin, boxPolygon, SIREN, square } from '../support/territory-fixtures';

let territory: (typeof import('../../shared/territory/territory-app'))['territory'];
let importCommunes: (typeof import('../../shared/territory/import-communes-app'))['importCommunes'];
let store: (typeof import('../../shared/territory/territory-store'))['dynamoTerritoryStore'];
let errors: typeof import('../../shared/kernel/errors');
let runtime: typeof import('../../shared/runtime/dynamo');

beforeAll(async () => {
  await useFreshTable('territory');
  ({ territory } = await import('../../shared/territory/territory-app'));
  ({ importCommunes } = await import('../../shared/territory/import-communes-app'));
  ({ dynamoTerritoryStore: store } = await import('../../shared/territory/territory-store'));
  errors = await import('../../shared/kernel/errors');
  runtime = await import('../../shared/runtime/dynamo');
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
    const save = (boundary: ReturnType<typeof square>, id: string) =>
      store.saveBoundary(next, boundary, commune.boundary!.version, event(id), cellGroupsOf(boundary));
    const results = await Promise.allSettled([save(square(1.58, 43.56), 'e1'), save(square(1.59, 43.56), 'e2')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(errors.ConflictError) });
  });
});

// Far from Toulouse (these communes get their real boundaries below): the cell index on its own.
describe('the cell index locate reads', () => {
  const inseesIn = async (lat: number, lon: number) =>
    (await store.cellEntries(SIREN, groupOf(cellOf(lat, lon)))).map((e) => e.commune.insee);

  /** Stores a boundary as it was before the index: the boundary and its summary, no cells. */
  const storeAsBeforeTheIndex = async (insee: string, boundary: ReturnType<typeof square>) => {
    const table = runtime.TABLE_NAME;
    await runtime.dynamo.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: `TERRITORY#${SIREN}`,
          sk: `BOUNDARY#${insee}`,
          insee,
          geometry: JSON.stringify(boundary),
          version: 1,
        },
      }),
    );
    const [west, south, east, north] = boundingBox(boundary);
    const summary = {
      source: 'old',
      bbox: [west, south, east, north],
      vertices: 5,
      sha256: 'x',
      version: 1,
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    await runtime.dynamo.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `TERRITORY#${SIREN}`, sk: `COMMUNE#${insee}` },
        UpdateExpression: 'SET boundary = :b',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':b': summary },
      }),
    );
  };

  /** Events written and not sent (this test has no queue: every event stays pending). */
  const outboxSize = async () =>
    (
      await runtime.queryAll({
        IndexName: runtime.INDEXES.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX#PENDING' },
      })
    ).length;

  test('two boundaries set at once, sharing cells, are both in the index', async () => {
    // Two squares side by side, their common edge through the middle of a column of cells.
    const { lon: w } = cellSize(CELL_PRECISION);
    const middle = (Math.floor((2.5 + 180) / w) + 0.5) * w - 180;
    await Promise.all([
      territory.setBoundary(admin, SIREN, '31022', boxPolygon(middle - 0.02, 44.5, middle, 44.52), 'test'),
      territory.setBoundary(admin, SIREN, '31032', boxPolygon(middle, 44.5, middle + 0.02, 44.52), 'test'),
    ]);
    expect(await inseesIn(44.51, middle)).toEqual(['31022', '31032']);
    expect((await territory.locate(SIREN, 44.51, middle - w / 4)).insee).toBe('31022');
    expect((await territory.locate(SIREN, 44.51, middle + w / 4)).insee).toBe('31032');
    expect((await territory.locate(SIREN, 44.501, middle - 0.015)).insee).toBe('31022');
  });

  test('a boundary replaced leaves nothing of the old one in the index', async () => {
    await territory.setBoundary(admin, SIREN, '31044', square(2.8, 44.6, 0.03), 'test');
    expect((await territory.locate(SIREN, 44.615, 2.815)).name).toBe('Balma');
    await territory.setBoundary(admin, SIREN, '31044', square(2.9, 44.6, 0.03), 'test');
    await expect(territory.locate(SIREN, 44.615, 2.815)).rejects.toBeInstanceOf(errors.NotFoundError);
    expect(await inseesIn(44.615, 2.815)).toEqual([]);
    expect((await territory.locate(SIREN, 44.615, 2.915)).boundary?.version).toBe(2);
  });

  test('a boundary too large for the index, and one set before the index existed, are still located', async () => {
    // Indexed first, then replaced by one spanning more cells than a transaction holds.
    await territory.setBoundary(admin, SIREN, '31056', square(3.5, 44.0, 0.02), 'test');
    await territory.setBoundary(admin, SIREN, '31056', square(3.5, 44.0, 0.5), 'test');
    expect(await inseesIn(44.01, 3.51)).toEqual([]);
    expect((await territory.locate(SIREN, 44.4, 3.9)).insee).toBe('31056');
    const legacy = square(4.5, 44.0, 0.02);
    await storeAsBeforeTheIndex('31069', legacy);
    expect((await territory.locate(SIREN, 44.01, 4.51)).insee).toBe('31069');
    // Set again, it enters the index.
    await territory.setBoundary(admin, SIREN, '31069', legacy, 'test', 1);
    expect(await inseesIn(44.01, 4.51)).toEqual(['31069']);
    expect((await territory.locate(SIREN, 44.01, 4.51)).boundary?.version).toBe(2);
  });

  test('the backfill puts a boundary stored before the index into it, as it is, once', async () => {
    const legacy = square(6.5, 44.0, 0.02);
    await storeAsBeforeTheIndex('31116', legacy);
    expect(await inseesIn(44.01, 6.51)).toEqual([]);
    await territory.setBoundary(admin, SIREN, '31149', square(8.5, 44.0, 0.5), 'test');
    const outbox = await outboxSize();

    const { indexed, left } = await territory.indexBoundariesSetBeforeTheIndex(SIREN);
    expect(indexed).toEqual(['31116']);
    // One too large for the index stays out of it.
    expect(left).toContain('31149');
    expect(await inseesIn(44.01, 6.51)).toEqual(['31116']);
    const located = await territory.locate(SIREN, 44.01, 6.51);
    expect(located).toMatchObject({ insee: '31116', boundary: { version: 1, source: 'old' } });
    // Nothing a user sees changed: no new version, no event for the audit.
    expect(await outboxSize()).toBe(outbox);
    expect(await territory.indexBoundariesSetBeforeTheIndex(SIREN)).toEqual({ indexed: [], left });
  });

  test('the backfill leaves a boundary set again since it was read: its own write indexed it', async () => {
    await storeAsBeforeTheIndex('31091', square(7.5, 44.0, 0.02));
    const [read] = (await store.listUnindexedBoundaries(SIREN))!.filter((b) => b.insee === '31091');
    const stale = (await store.getVersionedBoundaries(SIREN, ['31091'])).get('31091')!;
    await territory.setBoundary(admin, SIREN, '31091', square(7.6, 44.0, 0.02), 'test', 1);
    expect(await store.indexBoundary(SIREN, '31091', read!.version, cellGroupsOf(stale.boundary)!)).toBe(false);
    // The new boundary is in the index, the old one's cells are not.
    expect(await inseesIn(44.01, 7.61)).toEqual(['31091']);
    expect(await inseesIn(44.01, 7.51)).toEqual([]);
  });

  test('a commune renamed by an import is located under its new name: the index copies it', async () => {
    await territory.setBoundary(admin, SIREN, '31088', square(5.5, 44.0, 0.02), 'test');
    const { commune } = await territory.getCommune(SIREN, '31088');
    const communes = await store.listCommunes(SIREN);
    const renamed = communes.map((c) => (c.insee === '31088' ? { ...c, name: 'Nouveau nom', population: 1 } : c));
    const event = {
      id: 'rename',
      type: 'territory.communes-imported',
      occurredAt: new Date().toISOString(),
      territory: SIREN,
      subject: 's',
      data: {},
    };
    await store.saveImport((await store.getTerritory(SIREN))!, renamed, event);
    expect(await territory.locate(SIREN, 44.01, 5.51)).toMatchObject({ name: 'Nouveau nom', population: 1 });
    // The etalab import puts its name back, in the index too.
    await importCommunes(admin, SIREN);
    expect(await territory.locate(SIREN, 44.01, 5.51)).toMatchObject({
      name: commune.name,
      population: commune.population,
    });
  });

  test('a point of a territory that does not exist is not found', async () => {
    await expect(territory.locate('999999999', 44.01, 5.51)).rejects.toThrow(/No territory/);
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

  test('on a grid of cell corners over the territory, the cell index answers as point in polygon: the first commune, by INSEE code, whose boundary holds the point', async () => {
    // Corners of cells: the points where a cell's edges, and often a commune's, meet.
    const size = cellSize(CELL_PRECISION);
    const byCode = [...features].sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
    const [first, last] = [Math.ceil((1.25 + 180) / size.lon), Math.floor((1.65 + 180) / size.lon)];
    const [bottom, top] = [Math.ceil((43.5 + 90) / size.lat), Math.floor((43.76 + 90) / size.lat)];
    const differ: string[] = [];
    let inside = 0;
    for (let column = first; column <= last; column += 2) {
      for (let row = bottom; row <= top; row += 2) {
        const [lon, lat] = [column * size.lon - 180, row * size.lat - 90];
        const expected = byCode.find((f) => booleanPointInPolygon([lon, lat], f.geometry as never))?.properties.code;
        const found = await territory.locate(SIREN, lat, lon).then(
          (c) => c.insee,
          () => undefined,
        );
        if (found !== expected) differ.push(`(${lat}, ${lon}): ${found} instead of ${expected}`);
        if (expected) inside++;
      }
    }
    expect(differ).toEqual([]);
    expect(inside).toBeGreaterThan(150);
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
