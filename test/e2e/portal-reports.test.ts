/**
 * The report pages over HTTP (no browser): the form in two steps, refused fields answered next to
 * them in French (400) and business rules (422), the nearby open reports offered once before
 * filing, POST → 303 → confirmation, a report's public page without personal data or internal
 * notes, "moi aussi" (signed in; anonymous visitors are sent to sign in), a commune's filtered list
 * paged by cursor, and "mes signalements" for a signed-in citizen only.
 */
import { randomUUID } from 'node:crypto';
import { formTokenIn, HttpVisitor } from '../browser/http-visitor';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const TOULOUSE = '31555';
/** A spot of Toulouse no other test reports at (Jardin des Plantes). */
const SPOT = { lat: 43.5935, lon: 1.4516 };

const reportIdOf = (location: string | undefined) => /^\/signaler\/merci\/([0-9A-Z]{26})$/.exec(location ?? '')?.[1];

const pothole = (extra: Record<string, string> = {}) => ({
  category: 'voirie',
  'answer-nature': 'nid-de-poule',
  description: 'Nid-de-poule devant le portail du jardin',
  email: `e2e-pages-${randomUUID()}@example.fr`,
  ...extra,
});

/** Files a report through the form and sends it even if nearby ones are offered: the report's id. */
const fileThroughForm = async (visitor: HttpVisitor, fields: Record<string, string>) => {
  let answer = await visitor.submit('/signaler?categorie=voirie', '/signaler', fields);
  if (answer.status === 200)
    answer = await visitor.submit('/signaler?categorie=voirie', '/signaler', { ...fields, etape: 'envoyer' });
  expect(answer.status).toBe(303);
  const id = reportIdOf(answer.location);
  expect(id).toBeDefined();
  return id!;
};

describe('reporting a problem', () => {
  it('starts with the categories, then shows the chosen one’s questions and the form', async () => {
    const visitor = new HttpVisitor();

    const first = await visitor.get('/signaler');
    const second = await visitor.get('/signaler?categorie=voirie');

    expect(first.status).toBe(200);
    expect(first.text).toContain('Étape 1 sur 2');
    expect(first.text).toContain('value="voirie"');
    expect(second.status).toBe(200);
    expect(second.text).toContain('Nature du problème');
    expect(second.text).toContain('name="answer-nature"');
    for (const field of ['commune', 'address', 'lat', 'lon', 'description', 'email']) {
      expect(second.text).toContain(`name="${field}"`);
    }
    expect(second.text).toContain('L’ajout de photos nécessite JavaScript');
  });

  it('shows an unknown category as an error of the first step', async () => {
    const page = await new HttpVisitor().get('/signaler?categorie=inconnue');

    expect(page.status).toBe(200);
    expect(page.text).toContain('Choisissez un type de problème dans la liste.');
    expect(page.text).toContain('<title>Erreur : Signaler un problème');
  });

  it('answers a form with missing fields with 400 and a French message next to each', async () => {
    const visitor = new HttpVisitor();

    const refused = await visitor.submit('/signaler?categorie=voirie', '/signaler', { category: 'voirie' });

    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<title>Erreur : Signaler un problème : Voirie');
    expect(refused.text).toContain('Renseignez le champ « Nature du problème ».');
    expect(refused.text).toContain('Renseignez le champ « Description du problème ».');
    expect(refused.text).toContain('Renseignez le champ « Adresse électronique ».');
    expect(refused.text).toContain(
      'Choisissez la commune, ou cliquez sur la carte, ou donnez les coordonnées du lieu.',
    );
    expect(refused.text).toMatch(/id="champ-description"[^>]*aria-invalid="true"/);
  });

  it('answers a point outside the territory with 422, saying so next to the coordinates', async () => {
    const refused = await new HttpVisitor().submit(
      '/signaler?categorie=voirie',
      '/signaler',
      pothole({ lat: '48,8566', lon: '2,3522' }),
    );

    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Le lieu indiqué est hors du territoire de la métropole.');
    expect(refused.text).toContain('value="48,8566"');
  });

  it('refuses coordinates in another commune than the one chosen', async () => {
    const refused = await new HttpVisitor().submit(
      '/signaler?categorie=voirie',
      '/signaler',
      pothole({ commune: '31069', lat: String(SPOT.lat), lon: String(SPOT.lon) }),
    );

    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Les coordonnées indiquées sont à Toulouse');
  });

  it('files with a commune and an address only: 303 to the confirmation, the report inside that commune', async () => {
    const visitor = new HttpVisitor();

    const id = await fileThroughForm(visitor, pothole({ commune: '31069', address: '3 avenue du Parc, Blagnac' }));
    const confirmation = await visitor.get(`/signaler/merci/${id}`);
    const api = await fetchJson<{ commune: string; address: string; answers: object }>(`${T}/reports/${id}`);

    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain(id);
    expect(confirmation.text).toContain(`href="/signalements/${id}"`);
    expect(api.body).toMatchObject({
      commune: '31069',
      address: '3 avenue du Parc, Blagnac',
      answers: { nature: 'nid-de-poule' },
    });
  });

  it('offers the open reports of the category nearby once, then files when asked to send anyway', async () => {
    const visitor = new HttpVisitor();
    const first = await fileThroughForm(visitor, pothole({ lat: String(SPOT.lat), lon: String(SPOT.lon) }));
    const again = pothole({ lat: String(SPOT.lat), lon: String(SPOT.lon + 0.0002), description: 'Un autre trou' });

    const offered = await visitor.submit('/signaler?categorie=voirie', '/signaler', again);
    const sent = await visitor.post('/signaler', {
      _csrf: /name="_csrf" value="([^"]*)"/.exec(offered.text.slice(offered.text.indexOf('pas-le-meme')))![1]!,
      ...again,
      etape: 'envoyer',
    });

    expect(offered.status).toBe(200);
    expect(offered.text).toContain('Ce problème a-t-il déjà été signalé ?');
    expect(offered.text).toContain(`href="/signalements/${first}"`);
    expect(offered.text).toMatch(/à 1[0-9] m/);
    // Anonymous: told to sign in to support, and may send their own.
    expect(offered.text).toContain(`href="/connexion?retour=%2Fsignalements%2F${first}"`);
    expect(offered.text).toContain('value="Un autre trou"');
    expect(sent.status).toBe(303);
    expect(reportIdOf(sent.location)).toBeDefined();
  });

  it('shows the form again, filled, when the reporter chooses to edit it from the nearby step', async () => {
    const visitor = new HttpVisitor();
    await fileThroughForm(visitor, pothole({ lat: String(SPOT.lat + 0.001), lon: String(SPOT.lon) }));

    const offered = await visitor.submit(
      '/signaler?categorie=voirie',
      '/signaler',
      pothole({ lat: String(SPOT.lat + 0.001), lon: String(SPOT.lon), description: 'À modifier' }),
    );
    const token = /name="_csrf" value="([^"]*)"/.exec(offered.text)![1]!;
    const edit = await visitor.post('/signaler', {
      _csrf: token,
      ...pothole({ lat: String(SPOT.lat + 0.001), lon: String(SPOT.lon), description: 'À modifier' }),
      etape: 'modifier',
    });

    expect(offered.status).toBe(200);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('>À modifier</textarea>');
  });

  it('files one report when the same form is sent twice at once and again after "back": the same confirmation', async () => {
    const citizen = new HttpVisitor();
    await citizen.signIn({ role: 'citizen', email: `e2e-double-${randomUUID()}@example.fr` });
    const form = (await citizen.get('/signaler?categorie=voirie')).text;
    // The form's own token (the header's sign-out form has one too).
    const token = formTokenIn(form, '/signaler')!;
    const key = /name="_cle" value="([0-9A-Z]{26})"/.exec(form)?.[1];
    expect(key).toBeDefined();
    const fields = {
      _csrf: token,
      _cle: key!,
      ...pothole({ commune: '31069', address: '1 place du double clic, Blagnac' }),
    };

    const [first, second] = await Promise.all([citizen.post('/signaler', fields), citizen.post('/signaler', fields)]);
    // "Back", the description changed, sent again: still the same form.
    const again = await citizen.post('/signaler', { ...fields, description: 'Encore une fois' });
    const mine = await citizen.get('/mes-signalements');

    expect(first.status).toBe(303);
    expect(reportIdOf(first.location)).toBeDefined();
    expect(second).toMatchObject({ status: 303, location: first.location });
    expect(again).toMatchObject({ status: 303, location: first.location });
    const listed = new Set([...mine.text.matchAll(/href="\/signalements\/([0-9A-Z]{26})"/g)].map((m) => m[1]));
    expect([...listed]).toEqual([reportIdOf(first.location)]);
  });

  it('keeps the key of a refused form, and a fresh form gets a new one', async () => {
    const visitor = new HttpVisitor();
    const form = (await visitor.get('/signaler?categorie=voirie')).text;
    const token = /name="_csrf" value="([^"]*)"/.exec(form)![1]!;
    const key = /name="_cle" value="([0-9A-Z]{26})"/.exec(form)![1]!;

    const refused = await visitor.post('/signaler', { _csrf: token, _cle: key, category: 'voirie' });
    const corrected = await visitor.post('/signaler', {
      _csrf: token,
      _cle: key,
      ...pothole({ commune: '31069', address: '2 place du double clic, Blagnac' }),
    });
    const fresh = (await visitor.get('/signaler?categorie=voirie')).text;

    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`name="_cle" value="${key}"`);
    expect(corrected.status).toBe(303);
    expect(fresh).not.toContain(key);
  });

  it('refuses a form posted from another site', async () => {
    const visitor = new HttpVisitor();
    const token = /name="_csrf" value="([^"]*)"/.exec((await visitor.get('/signaler?categorie=voirie')).text)![1]!;

    const forged = await visitor.post('/signaler', { _csrf: token, ...pothole() }, { origin: 'https://evil.example' });

    expect(forged.status).toBe(403);
  });
});

describe("a report's public page", () => {
  it('shows the status, the public history and notes, never the e-mail, an internal note or an agent', async () => {
    const email = `e2e-pages-${randomUUID()}@example.fr`;
    const id = await fileThroughForm(
      new HttpVisitor(),
      pothole({ email, lat: String(SPOT.lat - 0.002), lon: String(SPOT.lon) }),
    );
    const agent = await getToken({ role: 'agent', territory: SIREN, sub: 'agent-voirie-e2e' });
    const moved = await fetchJson(`${T}/reports/${id}/transitions`, {
      token: agent,
      json: { to: 'acknowledged', version: 1, publicNote: 'Une équipe passe jeudi.', internalNote: 'Secret interne' },
    });
    expect(moved.status).toBe(200);

    const page = await new HttpVisitor().get(`/signalements/${id}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('Pris en compte');
    expect(page.text).toContain('Une équipe passe jeudi.');
    expect(page.text).toContain('Nouveau → Pris en compte');
    expect(page.text).not.toContain('Secret interne');
    expect(page.text).not.toContain(email);
    expect(page.text).not.toContain('agent-voirie-e2e');
  });

  it('answers an unknown report with a French 404 page', async () => {
    const page = await new HttpVisitor().get('/signalements/01ARZ3NDEKTSV4RRFFQ69G5FAV');

    expect(page.status).toBe(404);
    expect(page.text).toContain('Page introuvable');
  });

  it('lets a signed-in citizen support it once ("moi aussi"); an anonymous visitor is sent to sign in', async () => {
    const id = await fileThroughForm(
      new HttpVisitor(),
      pothole({ lat: String(SPOT.lat - 0.004), lon: String(SPOT.lon) }),
    );
    const anonymous = new HttpVisitor();
    const citizen = new HttpVisitor();
    await citizen.signIn({ role: 'citizen', email: `e2e-soutien-${randomUUID()}@example.fr` });

    const anonymousPage = await anonymous.get(`/signalements/${id}`);
    const first = await citizen.submit(`/signalements/${id}`, `/signalements/${id}/soutien`);
    const second = await citizen.submit(`/signalements/${id}`, `/signalements/${id}/soutien`);
    const after = await citizen.get(first.location!);

    expect(anonymousPage.text).toContain(`href="/connexion?retour=%2Fsignalements%2F${id}"`);
    expect(anonymousPage.text).not.toContain(`action="/signalements/${id}/soutien"`);
    expect(first).toMatchObject({ status: 303, location: `/signalements/${id}?soutien=merci` });
    expect(second).toMatchObject({ status: 303, location: `/signalements/${id}?soutien=deja` });
    expect(after.text).toContain('Merci : votre soutien est enregistré.');
    expect(after.text).toMatch(/<dt>Soutiens<\/dt><dd>1<\/dd>/);
  });
});

describe("a commune's reports", () => {
  it('lists them newest first, filtered by status and category, paged by a cursor that keeps the filter', async () => {
    const visitor = new HttpVisitor();

    const all = await visitor.get(`/communes/${TOULOUSE}/signalements`);
    const filtered = await visitor.get(`/communes/${TOULOUSE}/signalements?statut=new&categorie=voirie`);

    expect(all.status).toBe(200);
    expect(all.text).toContain('<h1>Signalements à Toulouse</h1>');
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain('Liste des signalements filtrés');
    expect(filtered.text).toMatch(/<option value="new" selected/);
    const tags = [...filtered.text.matchAll(/class="tag tag--([a-z_]+)"/g)].map((m) => m[1]);
    expect(tags.filter((tag) => tag !== 'overdue').every((tag) => tag === 'new')).toBe(true);
    const next = /<a href="([^"]+)" rel="next"/.exec(filtered.text)?.[1]?.replace(/&amp;/g, '&');
    if (next) {
      expect(next).toMatch(/statut=new&categorie=voirie&apres=/);
      expect((await visitor.get(next)).status).toBe(200);
    }
  });

  it('draws on its map the points of the filtered list: the same filters, from the public API', async () => {
    const page = await new HttpVisitor().get(`/communes/${TOULOUSE}/signalements?statut=new&categorie=voirie`);
    const settings = JSON.parse(
      /data-map="([^"]*)"/
        .exec(page.text)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    ) as { layers: { kind: string; url: string }[] };
    const points = settings.layers.find((layer) => layer.kind === 'points')!;

    const answer = await fetchJson<{ items: { id: string; status: string; category: string }[] }>(points.url);
    const listed = [...page.text.matchAll(/href="\/signalements\/([0-9A-Z]{26})"/g)].map((m) => m[1]);

    expect(points.url).toMatch(/[?&]status=new(&|$)/);
    expect(points.url).toMatch(/[?&]category=voirie(&|$)/);
    expect(answer.status).toBe(200);
    expect(answer.body.items.length).toBeGreaterThan(0);
    expect(answer.body.items.every((r) => r.status === 'new' && r.category === 'voirie')).toBe(true);
    expect(answer.body.items.map((r) => r.id)).toEqual(expect.arrayContaining(listed));
  });

  it('refuses a status or category filter on a box (the API filters a commune)', async () => {
    const answer = await fetchJson(`${T}/reports?bbox=1.40,43.58,1.45,43.62&status=new`);

    expect(answer.status).toBe(400);
  });

  it('answers an unknown commune with 404', async () => {
    expect((await new HttpVisitor().get('/communes/99999/signalements')).status).toBe(404);
  });
});

describe('mes signalements', () => {
  it('sends an anonymous visitor to sign in first', async () => {
    const answer = await new HttpVisitor().get('/mes-signalements');

    expect(answer).toMatchObject({ status: 303, location: '/connexion?retour=%2Fmes-signalements' });
  });

  it('lists the reports a signed-in citizen filed and supports', async () => {
    const citizen = new HttpVisitor();
    await citizen.signIn({ role: 'citizen', email: `e2e-mes-${randomUUID()}@example.fr` });
    const filed = await fileThroughForm(citizen, pothole({ lat: String(SPOT.lat - 0.006), lon: String(SPOT.lon) }));
    const other = await fileThroughForm(
      new HttpVisitor(),
      pothole({ lat: String(SPOT.lat - 0.008), lon: String(SPOT.lon) }),
    );
    await citizen.submit(`/signalements/${other}`, `/signalements/${other}/soutien`);

    const page = await citizen.get('/mes-signalements');

    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/signalements/${filed}"`);
    expect(page.text).toContain(`href="/signalements/${other}"`);
    expect(page.text).toContain('Vous l’avez signalé');
    expect(page.text).toContain('Vous le soutenez');
  });
});
