/**
 * The portfolio's pages over HTTP (no browser): the public list with its filters (an empty choice
 * is "all", a wrong one a French 400 page), a project's figures (the rolled-up progress, the budget
 * chart and its table, the KPI's trend and its table, the partner in experimentation), what is
 * late; the agents' forms — a change of progress that rolls up to the parent, a refusal next to its
 * field, a stale version said in words, a budget line, a milestone marked met, a KPI value; and no
 * edit link nor edit page (403 in words) for a citizen or for a commune's agent on the
 * metropolis's project. The browser suite (test/browser/portal-portfolio) shows the same pages.
 */
import { HttpVisitor, formTokenIn } from '../browser/http-visitor';
import { fetchJson } from '../support/http';
import { createPortfolioPageData, projectOf, SIREN, type PortfolioPageData } from '../support/portal-portfolio-data';

let data: PortfolioPageData;
const project = (id: string) => `/portefeuille/projets/${id}`;
/** The text of a page without its tags, spaces made plain (French numbers use narrow no-break spaces). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  data = await createPortfolioPageData('e2e');
}, 60_000);

const agent = async () => {
  const visitor = new HttpVisitor();
  await visitor.signIn({ role: 'agent', territory: SIREN });
  return visitor;
};

describe('the public portfolio pages', () => {
  it('lists the projects, filtered by domain, with their progress and budget', async () => {
    const visitor = new HttpVisitor();
    const all = await visitor.get('/portefeuille');
    expect(all.status).toBe(200);
    expect(all.text).toContain('<h1>Projets du territoire</h1>');
    const filtered = await visitor.get('/portefeuille?domaine=silver-economy&commune=&phase=&statut=');
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain(`href="${project(data.seniors.id)}"`);
    expect(filtered.text).toContain('<option value="silver-economy" selected>');
    // Every row is of the domain chosen.
    const domains = [...filtered.text.matchAll(/<\/th><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(domains.length).toBeGreaterThan(0);
    expect(new Set(domains)).toEqual(new Set(['Silver économie']));
    const row = textOf(filtered.text.split(`href="${project(data.seniors.id)}"`)[1]!.split('</tr>')[0]!);
    expect(row).toContain('40 %');
    expect(row).toContain('1 000 000,50 €');
    expect(row).toContain('25 %');
    const wrong = await visitor.get('/portefeuille?domaine=astrologie');
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('shows a project: progress rolled up, budget chart and table, KPI trend and table, partners', async () => {
    const visitor = new HttpVisitor();
    const axis = await visitor.get(project(data.axis.id));
    expect(axis.status).toBe(200);
    expect(textOf(axis.text)).toContain('70 %');
    expect(axis.text).toContain('value="70"');
    expect(axis.text).toContain('Moyenne pondérée de l’avancement de 2 sous-projets.');
    expect(axis.text).toContain('&lt;script>alert(1)&lt;/script>');
    expect(axis.text).not.toContain('<script>alert(1)');
    expect(axis.text).not.toContain('/modifier');

    const page = await visitor.get(project(data.seniors.id));
    const text = textOf(page.text);
    expect(page.status).toBe(200);
    expect(text).toContain('250 000,25 € dépensés sur 1 000 000,50 € prévus (25 %)');
    expect(page.text).toContain('id="graphique-budget-titre"');
    expect(page.text).toContain('href="#tableau-budget"');
    expect(page.text).toContain('id="tableau-budget"');
    expect(page.text).toContain('id="tableau-indicateur-1"');
    expect(text).toContain('260 personnes');
    expect(text).toContain('500 personnes');
    expect(text).toContain('SeniorTech SAS');
    expect(text).toContain('Expérimentation du 1 mars 2026 au 30 septembre 2026');
    expect(text).toContain(`Tablettes distribuées ${data.run}`);
    expect(page.text).not.toMatch(/@example|Marquer atteint|\/modifier/);
  });

  it('lists what is late: the missed milestone and its project', async () => {
    const late = await new HttpVisitor().get('/portefeuille/en-retard');
    expect(late.status).toBe(200);
    const row = late.text.split(`Tablettes distribuées ${data.run}`)[1]!.split('</tr>')[0]!;
    expect(row).toContain(`href="${project(data.seniors.id)}"`);
    expect(textOf(row)).toContain('15 janvier 2019');
  });

  it('answers an unknown project with the French 404 page', async () => {
    const missing = await new HttpVisitor().get(project('01J0000000000000000000000Z'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe("the agents' forms", () => {
  it('changes a project’s progress, and its parent rolls up', async () => {
    const visitor = await agent();
    const page = await visitor.get(project(data.sensors.id));
    expect(page.text).toContain(`href="${project(data.sensors.id)}/modifier"`);
    const sent = await visitor.submit(`${project(data.sensors.id)}/modifier`, `${project(data.sensors.id)}/modifier`, {
      title: data.sensors.title,
      phase: 'operation',
      status: 'on-track',
      progress: '100',
      weight: '0,75',
      version: String((await projectOf(data.sensors.id)).version),
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${project(data.sensors.id)}?avis=projet`);
    expect((await visitor.get(sent.location!)).text).toContain('Le projet est enregistré.');
    // 0.25 × 40 + 0.75 × 100
    expect((await projectOf(data.axis.id)).progress).toBe(85);
    expect(textOf((await visitor.get(project(data.axis.id))).text)).toContain('85 %');
  });

  it('shows a refusal next to its field, in French', async () => {
    const visitor = await agent();
    const path = `${project(data.seniors.id)}/modifier`;
    const refused = await visitor.submit(path, path, {
      title: data.seniors.title,
      phase: 'operation',
      status: 'on-track',
      progress: '150',
      version: String((await projectOf(data.seniors.id)).version),
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<title>Erreur :/);
    expect(refused.text).toMatch(/id="champ-progress-erreur"[^>]*>.*Avancement \(%\)/);
    expect(refused.text).toContain('aria-invalid="true"');
    const dates = await visitor.submit(path, path, {
      title: data.seniors.title,
      phase: 'operation',
      status: 'on-track',
      startDate: '2027-01-01',
      endDate: '2026-01-01',
      version: String((await projectOf(data.seniors.id)).version),
    });
    expect(dates.status).toBe(422);
    expect(dates.text).toMatch(/id="champ-endDate-erreur"[^>]*>.*La fin prévue ne peut pas précéder le début\./);
  });

  it('says so when the project changed meanwhile, and shows its current version', async () => {
    const visitor = await agent();
    const path = `${project(data.seniors.id)}/modifier`;
    const form = await visitor.get(path);
    const token = formTokenIn(form.text, path)!;
    const version = /name="version" value="(\d+)"/.exec(form.text)![1]!;
    // Someone else changes it through the API.
    const current = await fetchJson<Record<string, unknown>>(
      `/territories/${SIREN}/portfolio/projects/${data.seniors.id}`,
    );
    const changed = await fetchJson(`/territories/${SIREN}/portfolio/projects/${data.seniors.id}`, {
      method: 'PUT',
      token: data.adminToken,
      json: {
        title: data.seniors.title,
        domain: 'silver-economy',
        lead: { bodyId: SIREN },
        communes: current.body.communes,
        partners: current.body.partners,
        phase: 'operation',
        status: 'late',
        progress: 40,
        weight: 0.25,
        parentId: data.axis.id,
        version: Number(version),
      },
    });
    expect(changed.status).toBe(200);
    const stale = await visitor.post(path, {
      _csrf: token,
      title: `${data.seniors.title} (mine)`,
      phase: 'operation',
      status: 'on-track',
      progress: '45',
      version,
    });
    expect(stale.status).toBe(422);
    expect(stale.text).toContain('Quelqu’un a modifié cet élément depuis que vous avez ouvert le formulaire.');
    expect(stale.text).toContain(`name="version" value="${Number(version) + 1}"`);
    expect(stale.text).toMatch(/<option value="late" selected>/);
    expect((await projectOf(data.seniors.id)).title).toBe(data.seniors.title);
  });

  it('adds a budget line, marks a milestone met, enters a KPI value', async () => {
    const visitor = await agent();
    const budget = `${project(data.sensors.id)}/budget`;
    const line = await visitor.submit(budget, budget, {
      year: '2027',
      kind: 'operating',
      planned: '12 345,67',
      funder: 'Région Occitanie',
    });
    expect(line.status).toBe(303);
    const sensorsPage = textOf((await visitor.get(project(data.sensors.id))).text);
    expect(sensorsPage).toContain('0,00 € dépensés sur 12 345,67 € prévus (0 %)');
    // The axis sums its children's lines.
    expect(textOf((await visitor.get(project(data.axis.id))).text)).toContain('sur 1 012 346,17 € prévus');

    const badAmount = await visitor.submit(budget, budget, {
      year: '2027',
      kind: 'operating',
      planned: '12,345',
      funder: 'X Y',
    });
    expect(badAmount.status).toBe(400);
    expect(badAmount.text).toContain('id="champ-planned-erreur"');

    const milestones = `${project(data.seniors.id)}/jalons`;
    const met = await visitor.submit(project(data.seniors.id), milestones, {
      atteint: '1',
      milestoneId: data.scheduledId,
      version: '1',
    });
    expect(met.status).toBe(303);
    expect(met.location).toBe(`${project(data.seniors.id)}?avis=jalon-atteint`);
    const milestone = (
      await fetchJson<{ items: { id: string; state: string }[] }>(
        `/territories/${SIREN}/portfolio/projects/${data.seniors.id}/milestones`,
      )
    ).body.items.find((m) => m.id === data.scheduledId)!;
    expect(milestone.state).toBe('met');

    const kpi = `${project(data.seniors.id)}/indicateurs/${data.kpiId}`;
    expect((await visitor.get(project(data.seniors.id))).text).toContain(`href="${kpi}"`);
    const value = await visitor.submit(kpi, kpi, { date: '2026-11-15', value: '301,5' });
    expect(value.status).toBe(303);
    expect(textOf((await visitor.get(project(data.seniors.id))).text)).toContain('301,5 personnes');
  });

  it('says so when a budget line changed meanwhile', async () => {
    const visitor = await agent();
    const lines = `/territories/${SIREN}/portfolio/projects/${data.seniors.id}/budget-lines`;
    const line = (await fetchJson<{ items: { id: string; version: number }[] }>(lines)).body.items[0]!;
    const path = `${project(data.seniors.id)}/budget?ligne=${line.id}`;
    const form = await visitor.get(path);
    expect(form.text).toContain(`name="version" value="${line.version}"`);
    const token = formTokenIn(form.text, `${project(data.seniors.id)}/budget`)!;
    const changed = await fetchJson(`${lines}/${line.id}`, {
      method: 'PUT',
      token: data.adminToken,
      json: {
        year: 2026,
        kind: 'investment',
        planned: '1000000.50',
        spent: '300000',
        funder: 'Toulouse Métropole',
        version: line.version,
      },
    });
    expect(changed.status).toBe(200);
    const stale = await visitor.post(`${project(data.seniors.id)}/budget`, {
      _csrf: token,
      lineId: line.id,
      version: String(line.version),
      year: '2026',
      kind: 'investment',
      planned: '5',
      funder: 'Toulouse Métropole',
    });
    expect(stale.status).toBe(422);
    expect(stale.text).toContain('Quelqu’un a modifié cet élément');
    expect(stale.text).toContain(`name="version" value="${line.version + 1}"`);
    expect(stale.text).toContain('value="300000"');
  });
});

describe('who sees no edit link, and gets a 403 page', () => {
  it('a citizen', async () => {
    const visitor = new HttpVisitor();
    await visitor.signIn({ role: 'citizen' });
    const page = await visitor.get(project(data.seniors.id));
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/\/modifier|\/budget"|\/jalons|Marquer atteint|\/indicateurs\//);
    const edit = await visitor.get(`${project(data.seniors.id)}/modifier`);
    expect(edit.status).toBe(403);
    expect(edit.headers.get('content-type')).toMatch(/^text\/html/);
    expect(edit.text).toContain('lang="fr"');
    expect((await visitor.get(`${project(data.seniors.id)}/budget`)).status).toBe(403);
  });

  it("a commune's agent, on a project of the metropolis", async () => {
    const visitor = new HttpVisitor();
    await visitor.signIn({ role: 'agent', territory: SIREN, commune: '31149' });
    const page = await visitor.get(project(data.seniors.id));
    expect(page.text).not.toContain('/modifier');
    expect((await visitor.get(`${project(data.seniors.id)}/modifier`)).status).toBe(403);
    // Even with a token of another form, the server refuses the change.
    const token = formTokenIn((await visitor.get('/')).text, '/deconnexion')!;
    expect(
      (await visitor.post(`${project(data.seniors.id)}/modifier`, { _csrf: token, title: 'x', version: '1' })).status,
    ).toBe(403);
  });

  it('an anonymous visitor is sent to sign in', async () => {
    const edit = await new HttpVisitor().get(`${project(data.seniors.id)}/modifier`);
    expect(edit.status).toBe(303);
    expect(edit.location).toMatch(/^\/connexion\?retour=/);
  });
});
