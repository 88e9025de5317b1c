/**
 * What the open-data tests share: the DCAT-AP 3.0.1 validator (the official SHACL shapes vendored
 * in test/fixtures/dcat-ap-3.0.1, run by rdf-validate-shacl on graphs read with jsonld and n3), a
 * Table Schema check of a CSV (parsed by csv-parse, an RFC 4180 parser of its own), an in-memory
 * open-data bucket, and `setUpOpenData(label)`: a fresh table with the reports' territory and the
 * open-data use cases on it, with a clock the test sets.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import rdf from '@zazuko/env-node';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { PublishedFiles } from '../../shared/opendata/opendata-ports';

// ---------------------------------------------------------------------------------------------
// DCAT-AP 3.0.1

const shapesFile = (name: string) =>
  readFileSync(new URL(`../fixtures/dcat-ap-3.0.1/${name}`, import.meta.url), 'utf8');

let validator: SHACLValidator | undefined;
const shapes = () =>
  (validator ??= new SHACLValidator(
    rdf.dataset([
      ...new Parser().parse(shapesFile('dcat-ap-SHACL.ttl')),
      ...new Parser().parse(shapesFile('ranges.ttl')),
    ]),
    { factory: rdf },
  ));

export interface ShaclViolation {
  readonly focus: string;
  readonly path?: string;
  readonly constraint: string;
  readonly message: string;
}

const SH = 'http://www.w3.org/ns/shacl#';

/** Validates RDF quads against the DCAT-AP 3.0.1 shapes (and their ranges). */
export const validateDcatAp = async (quads: readonly Quad[]) => {
  const report = await shapes().validate(rdf.dataset([...quads]));
  const violations: ShaclViolation[] = report.results.map((r) => ({
    focus: r.focusNode?.value ?? '',
    ...(r.path ? { path: r.path.value } : {}),
    constraint: r.sourceConstraintComponent?.value.replace(SH, 'sh:') ?? '',
    message: r.message.map((m) => m.value).join('; '),
  }));
  return { conforms: report.conforms, violations };
};

/** JSON-LD → quads, with no document loader: a remote @context would fail here, as on data.gouv.fr. */
export const jsonLdQuads = async (document: object): Promise<Quad[]> => {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
    documentLoader: (url: string) => Promise.reject(new Error(`remote context ${url} refused`)),
  })) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads);
};

export const turtleQuads = (turtle: string): Quad[] => new Parser({ format: 'Turtle' }).parse(turtle);

// ---------------------------------------------------------------------------------------------
// CSV and Table Schema

interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly constraints?: { readonly required?: boolean; readonly enum?: readonly string[]; readonly pattern?: string };
  readonly trueValues?: readonly string[];
  readonly falseValues?: readonly string[];
}
export interface SchemaDocument {
  readonly fields: readonly SchemaField[];
  readonly missingValues: readonly string[];
}

const VALID: Readonly<Record<string, (cell: string, field: SchemaField) => boolean>> = {
  string: () => true,
  integer: (cell) => /^-?\d+$/.test(cell),
  number: (cell) => /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell),
  boolean: (cell, field) => [...(field.trueValues ?? []), ...(field.falseValues ?? [])].includes(cell),
  datetime: (cell) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(cell) && !Number.isNaN(Date.parse(cell)),
  date: (cell) => /^\d{4}-\d{2}-\d{2}$/.test(cell),
};

/**
 * Parses a CSV as RFC 4180 and checks it against its Table Schema: the header is the fields in
 * order, every record has every column, each cell is of its field's type, required cells are
 * present, enums and patterns hold. Returns the records and what is wrong.
 */
export const checkCsv = (csv: string, schema: SchemaDocument) => {
  const rows = parseCsv(csv, { bom: false, relax_column_count: true }) as string[][];
  const problems: string[] = [];
  const [header = [], ...records] = rows;
  const names = schema.fields.map((f) => f.name);
  if (JSON.stringify(header) !== JSON.stringify(names))
    problems.push(`header ${header.join(',')} ≠ ${names.join(',')}`);
  if (!csv.endsWith('\r\n')) problems.push('the file does not end with CRLF');
  records.forEach((record, i) => {
    if (record.length !== names.length) problems.push(`record ${i + 1} has ${record.length} cells`);
    schema.fields.forEach((field, j) => {
      const cell = record[j] ?? '';
      if (schema.missingValues.includes(cell)) {
        if (field.constraints?.required) problems.push(`record ${i + 1}: ${field.name} is required`);
        return;
      }
      if (!VALID[field.type]!(cell, field))
        problems.push(`record ${i + 1}: ${field.name}=${cell} is not a ${field.type}`);
      if (field.constraints?.enum && !field.constraints.enum.includes(cell)) {
        problems.push(`record ${i + 1}: ${field.name}=${cell} is not among ${field.constraints.enum.join(', ')}`);
      }
      if (field.constraints?.pattern && !new RegExp(field.constraints.pattern).test(cell)) {
        problems.push(`record ${i + 1}: ${field.name}=${cell} does not match ${field.constraints.pattern}`);
      }
    });
  });
  const objects = records.map((record) => Object.fromEntries(names.map((name, j) => [name, record[j] ?? ''])));
  return { records: objects, problems };
};

// ---------------------------------------------------------------------------------------------
// An open-data bucket in memory

export interface StoredFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** The PublishedFiles port in memory; notes the largest chunk it was handed (streaming shows there). */
export const memoryFiles = () => {
  const files = new Map<string, StoredFile>();
  let largestChunk = 0;
  const port: PublishedFiles = {
    async write(key, body, headers) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) {
        largestChunk = Math.max(largestChunk, chunk.byteLength);
        chunks.push(Buffer.from(chunk));
      }
      files.set(key, { bytes: Buffer.concat(chunks), ...headers });
    },
    async copy(from, to, headers) {
      const source = files.get(from);
      if (!source) throw new Error(`no file ${from}`);
      files.set(to, { bytes: source.bytes, ...headers });
    },
  };
  return { port, files, largestChunk: () => largestChunk };
};

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------
// The open-data use cases on a fresh table

/**
 * A fresh table with the reports' territory (setUpReports), and the open-data use cases on it:
 * the real stores and sources, an in-memory bucket, a queue that notes what it was sent.
 */
export const setUpOpenData = async (label: string, options: { readonly start?: string } = {}) => {
  const { setUpReports } = await import('./reports-fixtures');
  const reportsFixture = await setUpReports(label, options);
  const { makeExportUseCases } = await import('../../shared/opendata/export-use-cases');
  const { makeCatalogUseCases } = await import('../../shared/opendata/catalog-use-cases');
  const { dynamoOpenDataStore: store } = await import('../../shared/opendata/opendata-store');
  const { sources } = await import('../../shared/opendata/opendata-app');
  const bucket = memoryFiles();
  const queued: { territory: string; exportId: string }[] = [];
  const exportsFor = (clock: { now(): Date }) =>
    makeExportUseCases({
      store,
      files: bucket.port,
      queue: { send: async (messages) => void queued.push(...messages) },
      sources,
      clock,
    });
  const catalogFor = (clock: { now(): Date }, filesBaseUrl = 'https://open-data.example') =>
    makeCatalogUseCases({ store, territory: sources.territory, clock, filesBaseUrl: () => filesBaseUrl });
  return {
    ...reportsFixture,
    store,
    sources,
    bucket,
    queued,
    exports: exportsFor(reportsFixture.clock),
    catalog: catalogFor(reportsFixture.clock),
    exportsFor,
    catalogFor,
  };
};

export type OpenDataFixture = Awaited<ReturnType<typeof setUpOpenData>>;

// ---------------------------------------------------------------------------------------------
// A restart: a second local runtime on the end-to-end table

/** The table the run's local runtime uses (test/support/global-setup.ts). */
export const E2E_TABLE = 'ville-ouverte-e2e';

/**
 * Starts another local runtime (`infra/local/start.ts`, a process of its own, no demo data) on the
 * same DynamoDB table as the run's runtime, on another port: a restart, or another deployment of the
 * same territory. Resolves with its URL once GET /health answers 200, and a way to stop it.
 */
export const startAnotherRuntime = async (): Promise<{ url: string; stop(): Promise<void> }> => {
  const { spawn } = await import('node:child_process');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { freePort } = await import('../../infra/local/free-port');
  const { stopChild } = await import('../../infra/local/child-process');
  const { projectRoot } = await import('../../infra/project-root');
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'ville-ouverte-restart-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      TABLE_NAME: E2E_TABLE,
      LOCAL_SEED: 'false',
      LOCAL_CHECK_ANSWERS: '',
    },
  });
  const url = `http://localhost:${port}`;
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const status = await fetch(`${url}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`The second runtime did not start on port ${port}`);
};
