/**
 * The portfolio in the open data, against DynamoDB Local: the export run writes the projects as a
 * CSV with the portfolio's own export columns (so it imports back) matching its Table Schema, and
 * as an OC4IDS project package that validates against the OC4IDS 0.9.5 schema; the catalogue lists
 * both files (the JSON conforming to OC4IDS) and still conforms to DCAT-AP 3.0.1; no person is in
 * them (the agents who entered the projects, their e-mail).
 */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { Principal } from '../../shared/kernel/principal';
import { ids, latestKey, OC4IDS_STANDARD, schemaKey } from '../../shared/opendata/opendata';
import { parseCsv } from '../../shared/portfolio/csv';
import { CSV_COLUMNS } from '../../shared/portfolio/portfolio-csv';
import {
  checkCsv,
  jsonLdQuads,
  setUpOpenData,
  validateDcatAp,
  type OpenDataFixture,
} from '../support/opendata-fixtures';
import { admin, COLOMIERS, SIREN, TOULOUSE } from '../support/reports-fixtures';

let fixture: OpenDataFixture;
let portfolio: (typeof import('../../shared/portfolio/portfolio-app'))['portfolio'];
let portfolioExchange: (typeof import('../../shared/portfolio/portfolio-exchange-app'))['portfolioExchange'];

/** The agent who enters the projects: neither their id nor their address may be published. */
const agent: Principal = {
  sub: 'agent-portefeuille-5150',
  role: 'agent',
  territory: SIREN,
  issuer: 'test',
  email: 'josiane.portefeuille@example.fr',
};

const text = (key: string) => fixture.bucket.files.get(key)!.bytes.toString('utf8');

const oc4idsFile = (name: string) => new URL(`../fixtures/oc4ids-0.9.5/${name}`, import.meta.url);
const oc4idsValidator = () => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(['codelist', 'openCodelist', 'versionId']);
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(oc4idsFile('project-schema.json'), 'utf8')) as object);
};

let projectIds: string[] = [];

beforeAll(async () => {
  fixture = await setUpOpenData('opendata-portfolio', { start: '2026-11-02T08:00:00Z' });
  ({ portfolio } = await import('../../shared/portfolio/portfolio-app'));
  ({ portfolioExchange } = await import('../../shared/portfolio/portfolio-exchange-app'));
  const base = {
    description: 'Un projet de la métropole',
    domain: 'mobility' as const,
    communes: [TOULOUSE],
    lead: { bodyId: SIREN },
    partners: [],
    phase: 'operation' as const,
    status: 'on-track' as const,
    links: { consultations: [], proposals: [] },
  };
  const axis = await portfolio.createProject(agent, SIREN, { ...base, kind: 'axis', title: 'Mobilités, "durables"' });
  const project = await portfolio.createProject(agent, SIREN, {
    ...base,
    kind: 'project',
    title: 'Capteurs de places libres',
    parentId: axis.id,
    communes: [TOULOUSE, COLOMIERS],
    progress: 40,
    startDate: '2026-01-01',
    location: { type: 'point', lat: 43.6045, lon: 1.4442 },
    partners: [
      {
        name: 'ParkSense',
        siren: '123456789',
        role: 'start-up en expérimentation',
        experimentation: { startDate: '2026-03-01', outcome: 'concluant' },
      },
    ],
  });
  await portfolio.saveBudgetLine(agent, SIREN, project.id, undefined, {
    year: 2026,
    kind: 'investment',
    planned: 125_000_050,
    committed: 0,
    spent: 33_333_333,
    funder: 'Toulouse Métropole',
  });
  await portfolio.saveMilestone(agent, SIREN, project.id, undefined, {
    title: 'Capteurs posés',
    dueDate: '2026-10-01',
    state: 'met',
    metOn: '2026-09-28',
  });
  projectIds = [axis.id, project.id];
  const queued = await fixture.exports.requestExport(admin, SIREN);
  fixture.clock.set('2026-11-02T09:00:00Z');
  await fixture.exports.runExport({ territory: SIREN, exportId: queued.id });
});

describe('the portfolio in the open data', () => {
  it('writes the projects as a CSV with the portfolio export’s columns and rows, matching its Table Schema', async () => {
    const csv = text(latestKey(SIREN, 'portfolio-projects', 'csv'));
    const { records, problems } = checkCsv(csv, JSON.parse(text(schemaKey(SIREN, 'portfolio-projects'))));
    expect(problems).toEqual([]);
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    // The same cells as the portfolio's own CSV export, parents first.
    expect(parseCsv(csv)).toEqual(parseCsv(await portfolioExchange.exportCsv(SIREN)));
    expect(records.map((r) => r.id)).toEqual(projectIds);
    expect(records[1]).toMatchObject({
      nom: 'Capteurs de places libres',
      programme: 'Mobilités, "durables"',
      budgetPrevisionnel: '1250000.50',
      communes: JSON.stringify([TOULOUSE, COLOMIERS]),
      progress: '40',
    });
    expect(JSON.parse(records[1]!.partners!)).toEqual([
      expect.objectContaining({ name: 'ParkSense', siren: '123456789' }),
    ]);
  });

  it('writes the projects as an OC4IDS package whose every project validates against the 0.9.5 schema', async () => {
    const file = fixture.bucket.files.get(latestKey(SIREN, 'portfolio-projects', 'json'))!;
    expect(file.contentType).toBe('application/json; charset=utf-8');
    const published = JSON.parse(file.bytes.toString('utf8'));
    const fromApi = await portfolioExchange.exportOc4ids(SIREN);
    expect({ ...published, publishedDate: 'x' }).toEqual({ ...fromApi, publishedDate: 'x' });
    expect(published.publishedDate).toBe('2026-11-02T09:00:00.000Z');
    expect(published.projects).toHaveLength(2);
    const validate = oc4idsValidator();
    for (const project of published.projects) {
      expect({ id: project.id, valid: validate(project), errors: validate.errors ?? null }).toEqual({
        id: project.id,
        valid: true,
        errors: null,
      });
    }
    expect(published.projects[1].budget.amount).toEqual({ amount: 1250000.5, currency: 'EUR' });
  });

  it('publishes no person: neither the agent’s id nor their address', () => {
    for (const format of ['csv', 'json'] as const) {
      const content = text(latestKey(SIREN, 'portfolio-projects', format));
      expect(content).not.toContain(agent.sub);
      expect(content).not.toContain(agent.email);
      expect(content).not.toContain('josiane');
    }
  });

  it('is in the catalogue with both files, the JSON conforming to OC4IDS, and the catalogue to DCAT-AP 3.0.1', async () => {
    const document = await fixture.catalog.jsonLd(SIREN, {
      page: 1,
      pageSize: 50,
      apiBaseUrl: 'https://api.example',
      pageUrl: (n) => `https://api.example/territories/${SIREN}/catalog.jsonld?page=${n}`,
    });
    expect((await validateDcatAp(await jsonLdQuads(document))).violations).toEqual([]);
    const node = (id: string) => document['@graph'].find((n) => n['@id'] === id)!;
    const dataset = node(ids.dataset(SIREN, 'portfolio-projects'));
    expect(dataset['dcat:distribution']).toHaveLength(2);
    const json = node(ids.distribution(SIREN, 'portfolio-projects', 'json'));
    expect(json['dct:conformsTo']).toEqual([{ '@id': OC4IDS_STANDARD.iri }]);
    const csv = node(ids.distribution(SIREN, 'portfolio-projects', 'csv'));
    expect(csv['dct:conformsTo']).toEqual([
      { '@id': `https://open-data.example/${schemaKey(SIREN, 'portfolio-projects')}` },
    ]);
  });
});
