/**
 * The participation pages over HTTP (no browser): each form answers 303 to its page, or the page
 * again with 400/422 and the rule in words naming it; state-changing posts need the portal's
 * Origin and the form's token and a signed-in citizen; free text comes back escaped; the ballot is
 * checked by the server against the budget. The browser suite (test/browser/portal-participation)
 * walks the same journeys with and without JavaScript.
 */
import { randomUUID } from 'node:crypto';
import { formTokenIn, HttpVisitor } from '../browser/http-visitor';
import { baseUrl, fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const run = randomUUID().slice(0, 8);
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'] as const;
const TOULOUSE_RESIDENT = { role: 'citizen', birthdate: '1990-07-14', residenceInsee: '31555' } as const;

let consultationId: string;
let proposalId: string;
let budgetId: string;
const projects: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

const created = <T>(response: { status: number; body: unknown }): T => {
  if (response.status !== 201)
    throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
};

beforeAll(async () => {
  const [agent, admin, author] = await Promise.all([
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ ...TOULOUSE_RESIDENT, sub: `e2e-portal-author-${run}` }),
  ]);
  consultationId = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations`, {
      token: agent,
      json: {
        scope: { level: 'commune', insee: '31555' },
        title: `Place du marché (${run})`,
        body: 'Que faire de la place ?\nDites-le nous.',
        schedule: { proposals: new Date().toISOString() },
        eligibility: { residents: 'scope', minimumAge: 16 },
      },
    }),
  ).id;
  proposalId = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations/${consultationId}/proposals`, {
      token: author,
      json: { title: 'Des arbres sur la place', body: 'De l’ombre en été.', displayName: 'Auteur' },
    }),
  ).id;
  budgetId = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations`, {
      token: admin,
      json: {
        scope: { level: 'territory' },
        title: `Budget des quartiers (${run})`,
        body: '100 000 € pour vos quartiers.',
        eligibility: { residents: 'scope', minimumAge: 16 },
        budget: { amount: 100_000, method: 'knapsack', minSelections: 1, maxSelections: 3 },
      },
    }),
  ).id;
  for (const [key, title, cost] of [
    ['a', 'Un kiosque à musique', 60_000],
    ['b', 'Des bancs', 50_000],
    ['c', 'Un composteur', 30_000],
  ] as const) {
    projects[key] = created<{ id: string }>(
      await fetchJson(`/territories/${SIREN}/consultations/${budgetId}/projects`, {
        token: admin,
        json: { title, description: title, cost },
      }),
    ).id;
  }
  const moved = await fetchJson(`/territories/${SIREN}/consultations/${budgetId}/phase`, {
    token: admin,
    json: { phase: 'voting', reason: 'Ouverture du vote (test)' },
  });
  expect(moved.status).toBe(200);
});

const consultationPath = () => `/consultations/${consultationId}`;
const proposalPath = () => `${consultationPath()}/propositions/${proposalId}`;
const ballotPath = () => `/consultations/${budgetId}/vote`;

const resident = async (name: string, identity: Record<string, string> = TOULOUSE_RESIDENT) => {
  const visitor = new HttpVisitor();
  await visitor.signIn({ ...identity, email: `${name}-${run}@example.fr` } as never);
  return visitor;
};

describe('the consultation pages', () => {
  it('list the consultations, open ones first, and show one with its timeline and proposals', async () => {
    const visitor = new HttpVisitor();

    const list = await visitor.get('/consultations');
    const page = await visitor.get(consultationPath());

    expect(list.status).toBe(200);
    const open = list.text.indexOf('<h2 id="consultations-ouvertes">');
    const past = list.text.indexOf('<h2 id="consultations-terminees">');
    expect(list.text.indexOf(`Place du marché (${run})`)).toBeGreaterThan(open);
    expect(list.text.indexOf(`Place du marché (${run})`)).toBeLessThan(past);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<ol class="timeline" aria-label="Étapes de la consultation">');
    expect(page.text).toMatch(/aria-current="step"><span class="timeline__phase">Propositions<\/span>/);
    expect(page.text).toContain('À partir de 16 ans');
    expect(page.text).toContain('Des arbres sur la place');
    // Anonymous visitors are asked to sign in where the form would be, and get no cookie.
    expect(page.text).toContain(`href="/connexion?retour=%2Fconsultations%2F${consultationId}"`);
    expect(page.setCookies).toEqual([]);
  });

  it('orders the proposals newest, most supported or at random (the seed kept in the links)', async () => {
    const visitor = new HttpVisitor();

    const supported = await visitor.get(`${consultationPath()}?tri=soutenues`);
    const random = await visitor.get(`${consultationPath()}?tri=hasard`);
    const refused = await visitor.get(`${consultationPath()}?tri=nimporte`);

    expect(supported.status).toBe(200);
    expect(supported.text).toMatch(/<a href="[^"]*\?tri=soutenues#propositions" aria-current="true">/);
    expect(random.status).toBe(200);
    const seed = /\?tri=hasard&amp;graine=([\w-]+)#propositions" aria-current="true"/.exec(random.text)?.[1];
    expect(seed).toEqual(expect.any(String));
    const again = await visitor.get(`${consultationPath()}?tri=hasard&graine=${seed}`);
    expect(again.text).toContain(`graine=${seed}`);
    expect(refused.status).toBe(400);
  });

  it('page the proposals by cursor, ten at a time, in each order (the random one keeps its seed)', async () => {
    const agent = await getToken({ role: 'agent', territory: SIREN, commune: '31555' });
    const author = await getToken({ ...TOULOUSE_RESIDENT, sub: `e2e-portal-many-${run}` });
    const { id } = created<{ id: string }>(
      await fetchJson(`/territories/${SIREN}/consultations`, {
        token: agent,
        json: {
          scope: { level: 'commune', insee: '31555' },
          title: `Beaucoup d'idées (${run})`,
          body: 'Des idées.',
          schedule: { proposals: new Date().toISOString() },
        },
      }),
    );
    for (let i = 1; i <= 13; i++) {
      created(
        await fetchJson(`/territories/${SIREN}/consultations/${id}/proposals`, {
          token: author,
          json: { title: `Idée numéro ${i}`, body: 'Une idée.', displayName: 'Auteur' },
        }),
      );
    }
    const visitor = new HttpVisitor();
    const titles = (html: string) => [...html.matchAll(/>Idée numéro (\d+)</g)].map((m) => Number(m[1]));
    const nextOf = (html: string) =>
      /<a href="([^"]*)" rel="next">Propositions suivantes<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, '&');

    for (const order of ['recentes', 'soutenues', 'hasard']) {
      const first = await visitor.get(`/consultations/${id}?tri=${order}`);
      const next = nextOf(first.text);
      expect({ order, next }).toEqual({ order, next: expect.stringContaining('suite=') });
      if (order === 'hasard') expect(next).toContain('graine=');
      const second = await visitor.get(next!.replace(/#.*$/, ''));

      expect(second.status).toBe(200);
      expect(titles(first.text)).toHaveLength(10);
      expect(titles(second.text)).toHaveLength(3);
      expect(new Set([...titles(first.text), ...titles(second.text)]).size).toBe(13);
      expect(nextOf(second.text)).toBeUndefined();
      expect(second.text).toContain('Revenir au début de la liste');
    }
  });

  it('answer 404 for a consultation that does not exist, 400 for an id that cannot be one', async () => {
    const visitor = new HttpVisitor();

    expect((await visitor.get('/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await visitor.get('/consultations/pas-un-identifiant')).status).toBe(400);
  });

  it('send anonymous visitors to sign in before the forms', async () => {
    const visitor = new HttpVisitor();

    const form = await visitor.get(`${consultationPath()}/proposer`);
    const flag = await visitor.get(`${proposalPath()}/signaler`);

    expect(form).toMatchObject({
      status: 303,
      location: `/connexion?retour=${encodeURIComponent(`${consultationPath()}/proposer`)}`,
    });
    expect(flag.status).toBe(303);
  });
});

describe('a proposal', () => {
  it('is published from the form (303 to it) with its free text escaped everywhere it is shown', async () => {
    const visitor = await resident('proposer');
    const title = `${HOSTILE[0]} Le kiosque ${HOSTILE[1]}`;

    const sent = await visitor.submit(`${consultationPath()}/proposer`, `${consultationPath()}/propositions`, {
      title,
      body: `${HOSTILE[1]}\n${HOSTILE[0]}`,
      displayName: 'Anne du quartier',
    });

    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(new RegExp(`^/consultations/${consultationId}/propositions/\\w{26}\\?avis=publiee$`));
    const page = await visitor.get(sent.location!);
    const list = await new HttpVisitor().get(consultationPath());
    for (const html of [page.text, list.text]) {
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    }
    expect(page.text).toContain('Votre proposition est publiée.');
  });

  it('comes back with the field in error, in French, and what was typed (escaped)', async () => {
    const visitor = await resident('proposer-err');

    const refused = await visitor.submit(`${consultationPath()}/proposer`, `${consultationPath()}/propositions`, {
      title: 'ab',
      body: 'Un texte',
      displayName: HOSTILE[1],
    });

    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<title>Erreur : Proposer une idée');
    expect(refused.text).toContain('« Titre de la proposition » doit compter au moins 3 caractères.');
    expect(refused.text).toContain("« Nom affiché » n'a pas le format attendu.");
    expect(refused.text).toContain('value="&quot;>&lt;img src=x onerror=alert(1)>"');
  });

  it('is supported once, then the support can be withdrawn', async () => {
    const visitor = await resident('supporter');

    const supported = await visitor.submit(proposalPath(), `${proposalPath()}/soutien`);
    const page = await visitor.get(supported.location!);
    const withdrawn = await visitor.submit(proposalPath(), `${proposalPath()}/soutien/retrait`);

    expect(supported).toMatchObject({ status: 303, location: `${proposalPath()}?avis=soutenue#soutenir` });
    expect(page.text).toContain('Votre soutien est enregistré.');
    expect(page.text).toContain('Vous soutenez cette proposition.');
    expect(withdrawn).toMatchObject({ status: 303, location: `${proposalPath()}?avis=retiree#soutenir` });
  });

  it('refuses a citizen who does not live in the commune, in words naming the rule', async () => {
    const visitor = await resident('colomiers', { role: 'citizen', birthdate: '1990-07-14', residenceInsee: '31149' });

    const refused = await visitor.submit(proposalPath(), `${proposalPath()}/soutien`);

    expect(refused.status).toBe(422);
    expect(refused.text).toContain('<title>Erreur : Des arbres sur la place');
    expect(refused.text).toContain(
      'Vous ne pouvez pas participer : cette consultation est réservée aux habitants de Toulouse, et votre lieu de résidence est en dehors.',
    );
  });

  it('refuses a citizen under the minimum age, and one whose age is unknown', async () => {
    const young = await resident('jeune', { role: 'citizen', birthdate: '2015-01-01', residenceInsee: '31555' });
    const unknown = await resident('sans-age', { role: 'citizen', residenceInsee: '31555' });

    const tooYoung = await young.submit(proposalPath(), `${proposalPath()}/commentaires`, { body: 'Bonjour' });
    const noAge = await unknown.submit(proposalPath(), `${proposalPath()}/soutien`);

    expect(tooYoung.status).toBe(422);
    expect(tooYoung.text).toContain('cette consultation est ouverte à partir de 16 ans.');
    expect(tooYoung.text).toContain('>Bonjour</textarea>');
    expect(noAge.status).toBe(422);
    expect(noAge.text).toContain("votre service d'identification n'a pas donné votre date de naissance");
  });

  it('takes a comment, and an answer to it, escaped', async () => {
    const visitor = await resident('commentateur');

    const first = await visitor.submit(proposalPath(), `${proposalPath()}/commentaires`, {
      body: `${HOSTILE[0]} ${HOSTILE[1]}`,
      displayName: 'Commentatrice',
    });
    const page = await visitor.get(proposalPath());
    const commentId = /id="c-(\w{26})"/.exec(page.text)?.[1];
    const answer = await visitor.submit(`${proposalPath()}?reponse=${commentId}`, `${proposalPath()}/commentaires`, {
      body: 'Je réponds',
      replyTo: commentId!,
      displayName: 'Commentatrice',
    });
    const after = await new HttpVisitor().get(proposalPath());

    expect(first).toMatchObject({ status: 303, location: `${proposalPath()}?avis=commentee#commentaires` });
    expect(answer.status).toBe(303);
    expect(after.text).not.toContain('<script>alert(1)</script>');
    expect(after.text).not.toContain('<img src=x');
    expect(after.text).toMatch(/<ol class="comments comments--replies" aria-label="Réponses">[^]*Je réponds/);
  });

  it('is flagged with a reason, and a short reason is refused next to the field', async () => {
    const visitor = await resident('signaleur');

    const short = await visitor.submit(`${proposalPath()}/signaler`, `${proposalPath()}/signalements`, {
      reason: 'x',
    });
    const flagged = await visitor.submit(`${proposalPath()}/signaler`, `${proposalPath()}/signalements`, {
      reason: 'Hors sujet',
    });

    expect(short.status).toBe(400);
    expect(short.text).toContain('« Raison du signalement » doit compter au moins 3 caractères.');
    expect(flagged).toMatchObject({ status: 303, location: `${proposalPath()}?avis=signalee` });
  });
});

describe('a proposal hidden by moderation', () => {
  it('shows its public reason only, and leaves the list', async () => {
    const [agent, author] = await Promise.all([
      getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
      getToken({ ...TOULOUSE_RESIDENT, sub: `e2e-portal-hidden-${run}` }),
    ]);
    const { id } = created<{ id: string }>(
      await fetchJson(`/territories/${SIREN}/consultations/${consultationId}/proposals`, {
        token: author,
        json: { title: `Publicité cachée ${run}`, body: 'Achetez !', displayName: 'Vendeur' },
      }),
    );
    const hidden = await fetchJson(`/territories/${SIREN}/consultations/${consultationId}/proposals/${id}/hidden`, {
      method: 'PUT',
      token: agent,
      json: { reason: 'Contenu publicitaire' },
    });
    expect(hidden.status).toBe(200);

    const page = await new HttpVisitor().get(`${consultationPath()}/propositions/${id}`);
    const list = await new HttpVisitor().get(consultationPath());

    expect(page.status).toBe(200);
    expect(page.text).toContain('Cette proposition a été masquée par la modération : Contenu publicitaire');
    expect(page.text).not.toContain(`Publicité cachée ${run}`);
    expect(page.text).not.toContain('Achetez');
    expect(page.text).not.toContain('Soutenir cette proposition');
    expect(list.text).not.toContain(`Publicité cachée ${run}`);
  });
});

describe('a state-changing form of the participation pages', () => {
  it('is refused without its token, from another origin, or from an anonymous visitor', async () => {
    const visitor = await resident('csrf');
    const page = await visitor.get(proposalPath());
    const token = formTokenIn(page.text, `${proposalPath()}/soutien`)!;
    const anonymous = new HttpVisitor();
    const anonymousToken = formTokenIn((await anonymous.get('/')).text, '/deconnexion');

    expect((await visitor.post(`${proposalPath()}/soutien`, {})).status).toBe(403);
    expect(
      (await visitor.post(`${proposalPath()}/soutien`, { _csrf: token }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    // A token for another form does not do.
    expect((await visitor.post(`${proposalPath()}/commentaires`, { _csrf: token, body: 'x' })).status).toBe(403);
    expect(anonymousToken).toBeUndefined();
    expect((await anonymous.post(`${proposalPath()}/soutien`, {})).status).toBe(403);
  });
});

describe('the ballot', () => {
  it('is refused over the budget, next to the total, then accepted within it', async () => {
    const visitor = await resident('votante');

    const first = await visitor.submit(ballotPath(), ballotPath(), { 'projets[]': projects.a });
    expect(first).toMatchObject({ status: 303, location: `${ballotPath()}?avis=enregistre` });
    // Three boxes ticked: the same name three times, as a browser sends them.
    const token = formTokenIn((await visitor.get(ballotPath())).text, ballotPath())!;
    const body = new URLSearchParams([
      ['_csrf', token],
      ['projets[]', projects.a],
      ['projets[]', projects.b],
      ['projets[]', projects.c],
    ]);
    const refused = await fetch(`${baseUrl()}${ballotPath()}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: baseUrl(),
        cookie: [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
      body,
    });
    const html = await refused.text();
    const within = await visitor.submit(ballotPath(), ballotPath(), { 'projets[]': projects.b });
    const page = await visitor.get(within.location!);

    expect(refused.status).toBe(422);
    expect(html).toMatch(
      /<div class="ballot__total field field--error" id="champ-total"[^>]*>[^]*Votre sélection dépasse le budget de 100\s000\s€/,
    );
    expect(html).toMatch(/Total : 140\s000\s€ sur 100\s000\s€ — dépassement de 40\s000\s€ \(3 projets choisis\)/);
    // What was ticked stays ticked.
    expect(html.match(/ checked/g)).toHaveLength(3);
    expect(within).toMatchObject({ status: 303, location: `${ballotPath()}?avis=remplace` });
    expect(page.text).toMatch(/Votre vote est enregistré : 1 projet, 50\s000\s€\./);
  });

  it('refused because the vote closed meanwhile still says why, in the form', async () => {
    const admin = await getToken({ role: 'admin', territory: SIREN });
    const { id } = created<{ id: string }>(
      await fetchJson(`/territories/${SIREN}/consultations`, {
        token: admin,
        json: {
          scope: { level: 'territory' },
          title: `Budget éclair (${run})`,
          body: 'Un vote très court.',
          budget: { amount: 10_000, method: 'knapsack', minSelections: 1, maxSelections: 1 },
        },
      }),
    );
    const project = created<{ id: string }>(
      await fetchJson(`/territories/${SIREN}/consultations/${id}/projects`, {
        token: admin,
        json: { title: 'Un banc', description: 'Un banc.', cost: 1_000 },
      }),
    ).id;
    const phase = (to: string) =>
      fetchJson(`/territories/${SIREN}/consultations/${id}/phase`, {
        token: admin,
        json: { phase: to, reason: 'test' },
      });
    expect((await phase('voting')).status).toBe(200);
    const visitor = await resident('retardataire');
    const token = formTokenIn((await visitor.get(`/consultations/${id}/vote`)).text, `/consultations/${id}/vote`)!;
    expect((await phase('closed')).status).toBe(200);

    const late = await visitor.post(`/consultations/${id}/vote`, { _csrf: token, 'projets[]': project });

    expect(late.status).toBe(422);
    expect(late.text).toContain("Ce n'est pas possible à cette étape : la consultation est à l'étape « Clôturée ».");
    expect(late.text).toContain('<div class="error-summary" role="alert"');
  });

  it('asks anonymous visitors to sign in, and shows the projects', async () => {
    const page = await new HttpVisitor().get(ballotPath());

    expect(page.status).toBe(200);
    expect(page.text).toContain('Connectez-vous pour voter');
    expect(page.text).toContain('Un kiosque à musique');
    expect(page.text).not.toContain('type="checkbox"');
  });
});

describe('the results', () => {
  it('say when they are not published yet', async () => {
    const page = await new HttpVisitor().get(`/consultations/${budgetId}/resultats`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('Les résultats ne sont pas encore publiés.');
  });
});
