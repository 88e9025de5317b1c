/**
 * The pieces of the exports that need no table: RFC 4180 CSV, Table Schema, rows by allow-list
 * (no personal field gets through), and the streaming pieces (byte chunks, size and SHA-256 on the
 * way, one source read once for several files at the pace of the slowest).
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { csvField, csvHeader, csvLine, csvRecord, tableSchemaDocument } from '../../shared/opendata/csv';
import { reportFeature, reportRow } from '../../shared/opendata/opendata-rows';
import { fanOut, featureCollection, jsonArray, measured, utf8Chunks } from '../../shared/opendata/streams';
import { REPORTS_SCHEMA } from '../../shared/opendata/table-schemas';
import type { Report } from '../../shared/reports/report';

async function* from<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}
const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};
const text = async (chunks: AsyncIterable<Uint8Array>) =>
  Buffer.concat((await collect(chunks)).map((c) => Buffer.from(c))).toString('utf8');

describe('CSV (RFC 4180)', () => {
  it('quotes a field only when it holds a comma, a double quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('il a dit "non"')).toBe('"il a dit ""non"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField('retour\r')).toBe('"retour\r"');
    expect(csvField('Évry-Courcouronnes ; ½')).toBe('Évry-Courcouronnes ; ½');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField(43.6045)).toBe('43.6045');
  });

  it('ends every record with CRLF and reads back as written with another parser', () => {
    const awkward = ['a,b', 'il a dit "non"', 'deux\r\nlignes', '', 'été'];
    const written = csvLine(['x', 'y', 'z', 'w', 'v']) + csvLine(awkward);
    expect(written.endsWith('\r\n')).toBe(true);
    expect(parse(written)).toEqual([['x', 'y', 'z', 'w', 'v'], awkward]);
  });

  it('writes the columns in the schema’s order, and the schema as Table Schema', () => {
    expect(csvHeader(REPORTS_SCHEMA)).toBe(
      'id,category,commune_insee,commune_name,status,overdue,filed_at,acknowledged_at,resolved_at,latitude,longitude,description\r\n',
    );
    const document = tableSchemaDocument(REPORTS_SCHEMA);
    expect(document).toMatchObject({ primaryKey: 'id', missingValues: [''] });
    expect(document.fields.find((f) => f.name === 'overdue')).toMatchObject({
      type: 'boolean',
      trueValues: ['true'],
      falseValues: ['false'],
    });
    expect(document.fields.find((f) => f.name === 'filed_at')).toMatchObject({ type: 'datetime', format: 'default' });
  });
});

describe('rows by allow-list', () => {
  const report: Report = {
    id: '01JD3Q8M6ZP0R9V4X2B7C5N1TS',
    territory: '243100518',
    category: 'voirie',
    commune: '31555',
    bodyId: '243100518',
    bodyKind: 'territory',
    service: 'voirie',
    location: { lat: 43.6045, lon: 1.4442 },
    address: '12 rue de la Paix',
    description: 'Nid-de-poule, "profond", devant le n° 12',
    answers: {},
    photos: ['photos/x.jpg'],
    status: 'acknowledged',
    channel: 'phone',
    reporterSub: 'sub-of-the-citizen',
    contact: { email: 'jeanne.dupont@example.fr', firstName: 'Jeanne', lastName: 'Dupont', phone: '+33 6 12 34 56 78' },
    filedBy: 'agent-who-took-the-call',
    supportCount: 2,
    createdAt: '2026-11-02T08:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    acknowledgedAt: '2026-11-02T09:00:00.000Z',
    overdue: false,
    escalatedAt: '2026-11-03T09:00:00.000Z',
    version: 2,
  };

  it('publishes a report’s public fields and none of its personal data', () => {
    const row = reportRow(report, 'Toulouse');
    expect(row).toEqual({
      id: report.id,
      category: 'voirie',
      commune_insee: '31555',
      commune_name: 'Toulouse',
      status: 'acknowledged',
      overdue: false,
      filed_at: '2026-11-02T08:00:00.000Z',
      acknowledged_at: '2026-11-02T09:00:00.000Z',
      resolved_at: undefined,
      latitude: 43.6045,
      longitude: 1.4442,
      description: 'Nid-de-poule, "profond", devant le n° 12',
    });
    const published = csvRecord(REPORTS_SCHEMA, row) + JSON.stringify(reportFeature(report, 'Toulouse'));
    for (const secret of [
      'jeanne',
      'Jeanne',
      'Dupont',
      '12 34 56 78',
      'sub-of-the-citizen',
      'agent-who-took-the-call',
      'photos/x.jpg',
    ]) {
      expect(published).not.toContain(secret);
    }
  });

  it('writes a report as a GeoJSON Point feature, longitude first', () => {
    expect(reportFeature(report, 'Toulouse')).toMatchObject({
      type: 'Feature',
      id: report.id,
      geometry: { type: 'Point', coordinates: [1.4442, 43.6045] },
      properties: { status: 'acknowledged', resolved_at: null, commune_name: 'Toulouse' },
    });
  });
});

describe('streaming', () => {
  it('batches text into UTF-8 chunks, and measures size and SHA-256 on the way', async () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `ligne ${i} — été\r\n`);
    const bytes = measured(utf8Chunks(from(pieces), 1024));
    const chunks = await collect(bytes.body);
    expect(chunks.length).toBeGreaterThan(10);
    // About 1024 characters per chunk: bounded, whatever the number of pieces.
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(3 * 1024);
    const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
    expect(all.toString('utf8')).toBe(pieces.join(''));
    expect(bytes.result()).toEqual({ byteSize: all.length, sha256: createHash('sha256').update(all).digest('hex') });
  });

  it('writes JSON arrays and FeatureCollections as their items come', async () => {
    expect(JSON.parse(await text(utf8Chunks(jsonArray(from([[1, 2], [], [3]])))))).toEqual([1, 2, 3]);
    expect(JSON.parse(await text(utf8Chunks(jsonArray(from([])))))).toEqual([]);
    expect(JSON.parse(await text(utf8Chunks(featureCollection(from([[{ type: 'Feature' }]])))))).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature' }],
    });
  });

  it('feeds several sinks from one read, never more than `capacity` pages ahead of the slowest', async () => {
    let produced = 0;
    let slowConsumed = 0;
    let widestGap = 0;
    async function* source() {
      for (let i = 0; i < 50; i++) {
        produced++;
        widestGap = Math.max(widestGap, produced - slowConsumed);
        yield [i];
      }
    }
    const fast = async (items: AsyncIterable<number[]>) => (await collect(items)).flat();
    const slow = async (items: AsyncIterable<number[]>) => {
      const seen: number[] = [];
      for await (const page of items) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(...page);
        slowConsumed++;
      }
      return seen;
    };
    const [a, b] = await fanOut(source(), [fast, slow], 2);
    const all = Array.from({ length: 50 }, (_, i) => i);
    expect(a).toEqual(all);
    expect(b).toEqual(all);
    expect(widestGap).toBeLessThanOrEqual(4);
  });

  it('fails every sink and itself when one sink fails, and when the source fails', async () => {
    let otherSawError = false;
    const failing = async (items: AsyncIterable<number[]>) => {
      for await (const page of items) if (page[0] === 3) throw new Error('upload refused');
    };
    const other = async (items: AsyncIterable<number[]>) => {
      try {
        await collect(items);
      } catch {
        otherSawError = true;
        throw new Error('abandoned');
      }
    };
    async function* endless() {
      for (let i = 0; ; i++) yield [i];
    }
    await expect(fanOut(endless(), [failing, other])).rejects.toThrow('upload refused');
    expect(otherSawError).toBe(true);

    async function* broken() {
      yield [1];
      throw new Error('query failed');
    }
    await expect(fanOut(broken(), [collect, collect])).rejects.toThrow('query failed');
  });
});
