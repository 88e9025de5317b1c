/**
 * Hostile requests derived from a route's declaration (shared/wiring): its path parameters, query
 * keys and body fields, each given values a careless or malicious client sends — wrong types,
 * numbers DynamoDB cannot store, huge and deeply nested values, lone surrogates and bad UTF-8,
 * path traversal, tampered cursors, wrong media types. Generated with fast-check from a fixed seed,
 * so a failing case is the same on every run.
 */
import fc from 'fast-check';
import type { ZodType } from 'zod';
import type { RouteDeclaration } from '../../shared/wiring/types';

export type FuzzKind = 'path' | 'query' | 'body' | 'raw-body' | 'auth';

export interface FuzzCase {
  readonly kind: FuzzKind;
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** What was changed, for the failure message. */
  readonly what: string;
}

/** The keys of a zod object, through optional/pipe/refine wrappers; none for a record or a scalar. */
export const objectKeys = (schema: ZodType | undefined): string[] => {
  let def = (schema as { def?: Record<string, unknown> } | undefined)?.def;
  for (let depth = 0; def && def.type !== 'object' && depth < 6; depth++) {
    const inner = (def.in ?? def.innerType ?? def.schema) as { def?: Record<string, unknown> } | undefined;
    def = inner?.def;
  }
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
};

/** Path segments, already percent-encoded as a client would put them on the wire. */
const HOSTILE_SEGMENTS = [
  '..%2F..%2Fetc%2Fpasswd',
  '..%2f',
  '%2e%2e',
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate in UTF-8: not valid UTF-8
  '%FF%FE',
  '%E0%A4%A', // cut in the middle of a sequence
  'x'.repeat(1500),
  '-0',
  '1e308',
  '9007199254740993',
  '%20',
  '%3Cscript%3E',
  'TERRITORY%23243100518',
];

/** Query values, before URL encoding (encoded by the case builder). */
const HOSTILE_TEXT = [
  '1e308',
  '1e-200',
  '-0',
  '9007199254740993',
  'NaN',
  'Infinity',
  '0x10',
  '0b1',
  ' ',
  '',
  '-1',
  '1.5',
  '99999999999999999999999999',
  'x'.repeat(3000),
  '\u0000',
  '../../etc/passwd',
  '2026-13-45',
  '9999-12-31T23:59:59Z',
  '1e-200,1e-200,1e308,1e308',
  '{"$ne":null}',
  'é€😀',
];

/** Query strings whose encoding itself is wrong (sent raw). */
const RAW_QUERY = ['%ZZ', '%E0%A4%A', '%ED%A0%80', '%FF', '%00'];

/** A JSON value written raw into the body text (numbers JSON.stringify cannot write). */
const raw = (text: string) => `§RAW:${text}§`;
const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
const nestedObject = (depth: number): unknown => (depth === 0 ? 'x' : { a: nestedObject(depth - 1) });

const HOSTILE_JSON: readonly unknown[] = [
  raw('1e308'),
  raw('1e-200'),
  raw('-0'),
  raw('9007199254740993'),
  raw('1e400'),
  'NaN',
  '1e308',
  null,
  true,
  -1,
  0,
  [],
  {},
  '',
  'x'.repeat(20_000),
  '\udfff\ud800',
  '\u0000',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  nested(300),
  nestedObject(300),
  { lat: raw('1e-200'), lon: raw('1e308') },
  { type: 'Point', coordinates: [raw('1e308'), raw('-0')] },
  [raw('9007199254740993'), '\ud800', null],
  Array.from({ length: 2000 }, (_, i) => i),
];

/** JSON text with the raw numbers in place. */
const jsonText = (value: unknown): string => JSON.stringify(value).replace(/"§RAW:([^§]+)§"/g, '$1');

/** Bodies that are not what a JSON route reads. */
const RAW_BODIES: readonly { what: string; contentType?: string; body: Buffer }[] = [
  { what: 'invalid JSON', contentType: 'application/json', body: Buffer.from('{"a":') },
  {
    what: 'bad UTF-8',
    contentType: 'application/json',
    body: Buffer.concat([
      Buffer.from('{"description":"'),
      Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]),
  },
  {
    what: 'nesting 5000 deep',
    contentType: 'application/json',
    body: Buffer.from('['.repeat(5000) + ']'.repeat(5000)),
  },
  { what: 'JSON as text/plain', contentType: 'text/plain', body: Buffer.from('{"a":1}') },
  { what: 'multipart', contentType: 'multipart/form-data; boundary=x', body: Buffer.from('--x\r\n\r\n--x--') },
  { what: 'no content type', body: Buffer.from('{"a":1}') },
  { what: 'a JSON array', contentType: 'application/json', body: Buffer.from('[1,2,3]') },
  { what: 'a JSON string', contentType: 'application/json', body: Buffer.from('"\\ud800"') },
  { what: 'JSON null', contentType: 'application/json', body: Buffer.from('null') },
  { what: 'over 256 KB', contentType: 'application/json', body: Buffer.from(`{"a":"${'x'.repeat(300_000)}"}`) },
  { what: 'empty', contentType: 'application/json', body: Buffer.alloc(0) },
  {
    what: '__proto__',
    contentType: 'application/json',
    body: Buffer.from('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'),
  },
];

const BAD_AUTHORIZATIONS = [
  'Bearer ',
  'Bearer x.y.z',
  `Bearer ${'A'.repeat(8000)}`,
  'Basic YWRtaW46YWRtaW4=',
  'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.',
  'ApiKey \u00ff',
];

export interface RouteTarget {
  /** Values for the route's path parameters (a real id where the demo data has one). */
  readonly params: Readonly<Record<string, string>>;
  /** Bearer token sent with every case (but the `auth` ones). */
  readonly token?: string;
  /** Cursors handed out by a list, tampered with for `cursor` query keys. */
  readonly cursors: readonly string[];
}

const pathOf = (route: RouteDeclaration, params: Readonly<Record<string, string>>): string =>
  route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => params[name] ?? 'fuzz-x');

/** Ways to break a real cursor: flip a character, cut it, extend it, double it, or swap its alphabet. */
const tamperedCursor = (cursors: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...(cursors.length > 0 ? cursors : ['eyJwayI6IngifQ'])), fc.nat(), fc.nat(5))
    .map(([cursor, at, how]) => {
      const i = at % Math.max(cursor.length, 1);
      switch (how) {
        case 0:
          return cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
        case 1:
          return cursor.slice(0, Math.floor(cursor.length / 2));
        case 2:
          return `${cursor}AAAA`;
        case 3:
          return cursor + cursor;
        case 4:
          return Buffer.from(JSON.stringify({ pk: 'TERRITORY#243100518', sk: 'x'.repeat(1400) })).toString('base64url');
        default:
          return cursor.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/'));
      }
    });

/** Seeded, bounded hostile cases for one route: `perKind` of each kind that applies to it. */
export const fuzzCases = (route: RouteDeclaration, target: RouteTarget, seed: number, perKind: number): FuzzCase[] => {
  const paramNames = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!);
  const queryKeys = [...objectKeys(route.contract.query), 'cursor', 'limit', 'unknown'];
  const bodyKeys = objectKeys(route.contract.body);
  const auth: Record<string, string> = target.token ? { authorization: `Bearer ${target.token}` } : {};
  const form = route.bodyFormat === 'form';
  const basePath = pathOf(route, target.params);
  const withBody = route.method !== 'GET' && route.method !== 'HEAD';
  const validEmptyBody = (): Pick<FuzzCase, 'headers' | 'body'> =>
    withBody
      ? {
          headers: { ...auth, 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
          body: Buffer.from(form ? '' : '{}'),
        }
      : { headers: auth };

  const arbitraries: fc.Arbitrary<FuzzCase>[] = [];
  if (paramNames.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...paramNames), fc.constantFrom(...HOSTILE_SEGMENTS)).map(([name, segment]) => ({
        kind: 'path' as const,
        method: route.method,
        url: pathOf(route, { ...target.params, [name]: segment }),
        ...validEmptyBody(),
        what: `path parameter ${name} = ${segment.slice(0, 60)}`,
      })),
    );
  }
  if (route.contract.query || route.method === 'GET') {
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT).map((text) => encodeURIComponent(text)) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY) },
    );
    const pair = fc
      .constantFrom(...queryKeys)
      .chain((key) =>
        key === 'cursor'
          ? tamperedCursor(target.cursors).map((cursor) => [key, encodeURIComponent(cursor)] as const)
          : value.map((v) => [key, v] as const),
      );
    arbitraries.push(
      fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => ({
        kind: 'query' as const,
        method: route.method,
        url: `${basePath}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}`,
        ...validEmptyBody(),
        what: `query ${pairs.map(([k, v]) => `${k}=${v.slice(0, 80)}`).join('&')}`,
      })),
    );
  }
  if (route.contract.body) {
    const keys = bodyKeys.length > 0 ? bodyKeys : ['a', 'title', 'description'];
    const fields = fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: Math.min(keys.length, 4) });
    arbitraries.push(
      fc
        .tuple(fields, fc.array(fc.constantFrom(...HOSTILE_JSON), { minLength: 4, maxLength: 4 }))
        .map(([names, values]) => {
          const object = Object.fromEntries(names.map((name, i) => [name, values[i % values.length]]));
          const body = form
            ? new URLSearchParams(
                names.map((name, i) => [
                  name,
                  typeof values[i] === 'string' ? (values[i] as string) : jsonText(values[i]),
                ]),
              ).toString()
            : jsonText(object);
          return {
            kind: 'body' as const,
            method: route.method,
            url: basePath,
            headers: { ...auth, 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
            body: Buffer.from(body),
            what: `body ${body.slice(0, 160)}`,
          };
        }),
      fc.constantFrom(...RAW_BODIES).map((raw) => ({
        kind: 'raw-body' as const,
        method: route.method,
        url: basePath,
        headers: { ...auth, ...(raw.contentType ? { 'content-type': raw.contentType } : {}) },
        body: raw.body,
        what: `body: ${raw.what}`,
      })),
    );
  }
  // One bad Authorization header a route is enough: the same code checks it for every route.
  const authCase = fc.constantFrom(...BAD_AUTHORIZATIONS).map((authorization) => ({
    kind: 'auth' as const,
    method: route.method,
    url: basePath,
    ...validEmptyBody(),
    headers: { ...validEmptyBody().headers, authorization },
    what: `authorization ${authorization.slice(0, 40)}`,
  }));
  return [
    ...arbitraries.flatMap((arbitrary, i) => fc.sample(arbitrary, { seed: seed + i, numRuns: perKind })),
    ...fc.sample(authCase, { seed: seed + arbitraries.length, numRuns: 1 }),
  ];
};
