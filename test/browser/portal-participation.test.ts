/**
 * The participation pages in a real browser, with JavaScript and without: a resident signed in
 * through the development provider (residence and birthdate claims) proposes an idea, supports it,
 * comments, flags; casts a ballot the server refuses over budget (said next to the total; with
 * JavaScript the running total says it before sending) and accepts within it. The hostile text
 * posted in every free-text field stays text on every page that shows it (no dialog, no element).
 * Refusals name the eligibility rule; anonymous visitors are asked to sign in. Every page passes
 * axe-core, requests nothing from another host, and is screenshot under .local/screenshots/.
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';
import { describeInBrowser, dialogsOf, JS_MODES, quickSignIn, signIn, useBrowser, type DevIdentity } from './harness';

jest.setTimeout(180_000);

const SIREN = '243100518';
const run = randomUUID().slice(0, 8);
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const TOULOUSE = { role: 'citizen', birthdate: '1990-07-14', residenceInsee: '31555' } as const;

const ids = { consultation: '', proposal: '', budget: '', closed: '' };
const projects: string[] = [];

const created = <T>(response: { status: number; body: unknown }): T => {
  if (response.status !== 201)
    throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
};

/** A participatory budget of 100 000 € with three projects (60, 50 and 30 thousand), open for voting. */
const openBudget = async (admin: string, title: string) => {
  const { id } = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations`, {
      token: admin,
      json: {
        scope: { level: 'territory' },
        title,
        body: '100 000 € pour vos quartiers.',
        eligibility: { residents: 'scope', minimumAge: 16 },
        budget: { amount: 100_000, method: 'knapsack', minSelections: 1, maxSelections: 3 },
      },
    }),
  );
  const made: string[] = [];
  for (const [name, cost] of [
    ['Un kiosque à musique', 60_000],
    ['Des bancs à l’ombre', 50_000],
    ['Un composteur partagé', 30_000],
  ] as const) {
    made.push(
      created<{ id: string }>(
        await fetchJson(`/territories/${SIREN}/consultations/${id}/projects`, {
          token: admin,
          json: { title: name, description: `${name}, pour tout le quartier.`, cost },
        }),
      ).id,
    );
  }
  const moved = await fetchJson(`/territories/${SIREN}/consultations/${id}/phase`, {
    token: admin,
    json: { phase: 'voting', reason: 'Ouverture du vote (test)' },
  });
  if (moved.status !== 200) throw new Error(`voting did not open: ${JSON.stringify(moved.body)}`);
  return { id, projects: made };
};

beforeAll(async () => {
  const [agent, admin, author, voter1, voter2] = await Promise.all([
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ ...TOULOUSE, sub: `browser-author-${run}` }),
    getToken({ ...TOULOUSE, sub: `browser-voter1-${run}` }),
    getToken({ ...TOULOUSE, sub: `browser-voter2-${run}` }),
  ]);
  ids.consultation = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations`, {
      token: agent,
      json: {
        scope: { level: 'commune', insee: '31555' },
        title: `La place du marché (${run})`,
        body: 'La place du marché sera refaite en 2027.\nQue voulez-vous y trouver ?',
        schedule: { proposals: new Date().toISOString() },
        eligibility: { residents: 'scope', minimumAge: 16 },
      },
    }),
  ).id;
  ids.proposal = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations/${ids.consultation}/proposals`, {
      token: author,
      json: { title: 'Des arbres sur la place', body: 'De l’ombre en été.', displayName: 'Jardinière' },
    }),
  ).id;
  const budget = await openBudget(admin, `Budget des quartiers (${run})`);
  ids.budget = budget.id;
  projects.push(...budget.projects);

  // A budget voted, closed and counted: its results are published.
  const closed = await openBudget(admin, `Budget clos (${run})`);
  ids.closed = closed.id;
  for (const [token, picks] of [
    [voter1, [closed.projects[0]!, closed.projects[2]!]],
    [voter2, [closed.projects[2]!]],
  ] as const) {
    const cast = await fetchJson(`/territories/${SIREN}/consultations/${closed.id}/ballot`, {
      method: 'PUT',
      token,
      json: { projectIds: picks },
    });
    if (cast.status !== 200) throw new Error(`ballot refused: ${JSON.stringify(cast.body)}`);
  }
  await fetchJson(`/territories/${SIREN}/consultations/${closed.id}/phase`, {
    token: admin,
    json: { phase: 'closed', reason: 'Fin du vote (test)' },
  });
  // Counted by the scheduled trigger, fired now.
  await fetchJson('/_local/schedules/advanceConsultationPhases/run', { method: 'POST' });
  await eventually(
    async () => (await fetchJson(`/territories/${SIREN}/consultations/${closed.id}/results`)).status,
    (status) => status === 200,
    30_000,
  );
}, 120_000);

const consultationPath = () => `/consultations/${ids.consultation}`;
const proposalPath = () => `${consultationPath()}/propositions/${ids.proposal}`;
const ballotPath = () => `/consultations/${ids.budget}/vote`;

/** The hostile text is on the page as text, and made no element. */
const expectInert = async (page: Page, dialogs: readonly string[]) => {
  await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
  await expect(page.locator('main script').count()).resolves.toBe(0);
  expect(dialogs).toEqual([]);
};

/** Clicks `button` and returns the answer to the form it sends (its status, before any redirect). */
const send = async (page: Page, button: string, action: string | RegExp) => {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        (typeof action === 'string' ? r.url().endsWith(action) : action.test(r.url())),
    ),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
};

describeInBrowser('the participation pages in a browser', () => {
  const browser = useBrowser();

  describe.each(JS_MODES)('%s', (_mode, javaScript) => {
    // Screenshots: the harness adds .sans-js to the names of pages seen without JavaScript.
    const suffix = javaScript ? 'js' : 'sans-js';
    const identity = (name: string, claims: Omit<DevIdentity, 'email'> = TOULOUSE): DevIdentity => ({
      ...claims,
      email: `${name}-${suffix}-${run}@example.fr`,
    });

    it('a resident proposes, supports and comments; the hostile text stays text on every page', async () => {
      const page = await browser.newPage({ javaScript });
      const dialogs = dialogsOf(page);
      await signIn(browser, page, identity('anne'), `participation-connexion`);
      await browser.visit(page, consultationPath(), `consultation-connecte`);

      await page.getByRole('link', { name: 'Proposer une idée' }).click();
      await page.waitForURL(/\/proposer$/);
      await browser.check(page, `proposer`);
      const title = `${SCRIPT} Un kiosque ${IMG}`;
      await page.getByLabel('Titre de la proposition').fill(title);
      await page.getByLabel('Description').fill(`${IMG}\n${SCRIPT}`);
      await page.getByLabel(/^Nom affiché/).fill(`Anne ${IMG}`);
      expect(await send(page, 'Publier la proposition', /\/propositions$/)).toBe(400);

      // Refused next to the field, in French, what was typed kept (as text).
      await browser.check(page, `proposer-erreur`);
      await expect(page.title()).resolves.toMatch(/^Erreur : Proposer une idée/);
      await expect(page.locator('#champ-displayName-erreur').textContent()).resolves.toContain(
        "« Nom affiché » n'a pas le format attendu.",
      );
      await expect(page.getByLabel('Titre de la proposition').inputValue()).resolves.toBe(title);
      if (javaScript) {
        await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).resolves.toBe(
          true,
        );
      }
      await page.getByLabel(/^Nom affiché/).fill('Anne du quartier');
      expect(await send(page, 'Publier la proposition', /\/propositions$/)).toBe(303);
      await page.waitForURL(/avis=publiee/);
      const proposalUrl = page.url().replace(/\?.*$/, '');

      await browser.check(page, `proposition`);
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
      await expect(page.getByText('Votre proposition est publiée.').count()).resolves.toBe(1);
      await expectInert(page, dialogs);

      expect(await send(page, 'Soutenir cette proposition', /\/soutien$/)).toBe(303);
      await page.waitForURL(/avis=soutenue/);
      await browser.check(page, `proposition-soutenue`);
      await expect(page.locator('.support__count').textContent()).resolves.toBe('1 personne la soutient.');
      await expect(page.getByText('Vous soutenez cette proposition.').count()).resolves.toBe(1);

      // The name chosen with the proposal fills the comment form.
      await expect(page.getByLabel(/^Nom affiché/).inputValue()).resolves.toBe('Anne du quartier');
      await page.getByLabel('Votre commentaire').fill(`${SCRIPT} Bravo ${IMG}`);
      expect(await send(page, 'Publier le commentaire', /\/commentaires$/)).toBe(303);
      await page.waitForURL(/avis=commentee/);
      await browser.check(page, `proposition-commentee`);
      await expect(page.locator('.comment__body').last().textContent()).resolves.toBe(`${SCRIPT} Bravo ${IMG}`);
      await expectInert(page, dialogs);

      // Answer the comment, then flag it.
      await page
        .getByRole('link', { name: /^Répondre/ })
        .last()
        .click();
      await page.waitForURL(/reponse=/);
      await browser.check(page, `proposition-reponse`);
      await page.getByLabel('Votre commentaire').fill('Je réponds');
      expect(await send(page, 'Publier le commentaire', /\/commentaires$/)).toBe(303);
      await expect(page.locator('.comments--replies .comment__body').last().textContent()).resolves.toBe('Je réponds');
      await page
        .getByRole('link', { name: /^Signaler ce commentaire/ })
        .first()
        .click();
      await page.waitForURL(/signaler\?commentaire=/);
      await browser.check(page, `signaler`);
      await expect(page.locator('.flagged__content').textContent()).resolves.toContain(`${SCRIPT} Bravo ${IMG}`);
      await expectInert(page, dialogs);
      await page.getByLabel('Raison du signalement').fill('Propos hors sujet');
      expect(await send(page, 'Envoyer le signalement', /\/signalements$/)).toBe(303);
      await page.waitForURL(/avis=signalee/);
      await expect(page.getByText('Merci : votre signalement est transmis à la modération.').count()).resolves.toBe(1);

      // The consultation lists the proposal, its title still text.
      await browser.visit(page, consultationPath(), `consultation-liste`);
      await expect(page.locator(`a[href="${new URL(proposalUrl).pathname}"]`).textContent()).resolves.toBe(title);
      await expectInert(page, dialogs);
    });

    it('refuses a resident of another commune, and one too young, in words naming the rule', async () => {
      for (const [name, claims, words] of [
        [
          'colomiers',
          { role: 'citizen', birthdate: '1990-07-14', residenceInsee: '31149' },
          'cette consultation est réservée aux habitants de Toulouse, et votre lieu de résidence est en dehors.',
        ],
        [
          'jeune',
          { role: 'citizen', birthdate: '2015-03-01', residenceInsee: '31555' },
          'cette consultation est ouverte à partir de 16 ans.',
        ],
      ] as const) {
        const page = await browser.newPage({ javaScript });
        await quickSignIn(page, identity(name, claims));
        await browser.visit(page, proposalPath(), `proposition-${name}`);

        expect(await send(page, 'Soutenir cette proposition', /\/soutien$/)).toBe(422);

        await browser.check(page, `proposition-refus-${name}`);
        await expect(page.locator('.error-summary').textContent()).resolves.toContain(
          `Vous ne pouvez pas participer : ${words}`,
        );
        if (javaScript) {
          await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('error-summary');
        }
      }
    });

    it('a resident casts a ballot: refused over budget next to the total, accepted within it', async () => {
      const page = await browser.newPage({ javaScript });
      await quickSignIn(page, identity('votant'));
      await browser.visit(page, ballotPath(), `vote`);
      const status = page.locator('[data-ballot-total]');

      for (const box of await page.getByRole('checkbox').all()) await box.check();
      if (javaScript) {
        // The running total, before sending: said in words, announced politely.
        await expect(status.getAttribute('role')).resolves.toBe('status');
        await expect(status.textContent()).resolves.toMatch(
          /^Total : 140\s000\s€ sur 100\s000\s€ — dépassement de 40\s000\s€ \(3 projets choisis\)$/,
        );
        await browser.check(page, `vote-depassement`);
      }
      expect(await send(page, 'Valider mon vote', /\/vote$/)).toBe(422);

      await browser.check(page, `vote-refuse`);
      await expect(page.locator('#champ-total .field__error').textContent()).resolves.toMatch(
        /Votre sélection dépasse le budget de 100\s000\s€ : retirez un projet ou choisissez-en un moins coûteux\./,
      );
      await expect(status.textContent()).resolves.toMatch(/dépassement de 40\s000\s€/);
      await expect(page.getByRole('checkbox', { checked: true }).count()).resolves.toBe(3);

      await page.getByRole('checkbox', { name: 'Un kiosque à musique' }).uncheck();
      if (javaScript) {
        await expect(status.textContent()).resolves.toMatch(
          /^Total : 80\s000\s€ sur 100\s000\s€ — reste 20\s000\s€ \(2 projets choisis\)$/,
        );
      }
      expect(await send(page, 'Valider mon vote', /\/vote$/)).toBe(303);
      await page.waitForURL(/avis=enregistre/);

      await browser.check(page, `vote-enregistre`);
      await expect(page.locator('.notice--success').textContent()).resolves.toMatch(
        /Votre vote est enregistré : 2 projets, 80\s000\s€\./,
      );
      await expect(page.getByRole('checkbox', { checked: true }).count()).resolves.toBe(2);
    });
  });

  // Pages whose script adds nothing (no map, form or chart it enhances): seen once, without it.
  it('lists the consultations, open ones first, and shows one with its timeline and proposals', async () => {
    const page = await browser.newPage({ javaScript: false });

    await browser.visit(page, '/consultations', `consultations`);
    await page.getByRole('link', { name: `La place du marché (${run})` }).click();
    await page.waitForURL((url) => url.pathname === consultationPath());
    await browser.check(page, `consultation`);

    await expect(page.locator('h1').textContent()).resolves.toBe(`La place du marché (${run})`);
    await expect(page.locator('.timeline [aria-current="step"] .timeline__phase').textContent()).resolves.toBe(
      'Propositions',
    );
    await expect(page.getByRole('link', { name: 'Connectez-vous pour proposer une idée' }).count()).resolves.toBe(1);

    await page.getByRole('link', { name: 'Les plus soutenues' }).click();
    await page.waitForURL(/tri=soutenues/);
    await browser.check(page, `consultation-soutenues`);
    await page.getByRole('link', { name: 'Au hasard' }).click();
    await page.waitForURL(/tri=hasard/);
    await browser.check(page, `consultation-hasard`);
    await expect(page.getByRole('link', { name: 'Des arbres sur la place' }).count()).resolves.toBe(1);
  });

  it('asks anonymous visitors to sign in where a form would be', async () => {
    const page = await browser.newPage({ javaScript: false });

    await browser.visit(page, proposalPath(), `proposition-anonyme`);
    await expect(
      page.getByRole('link', { name: 'Connectez-vous pour soutenir cette proposition' }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Connectez-vous pour commenter' }).count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Signaler cette proposition' }).click();
    await page.waitForURL(/\/connexion\?retour=/);

    await browser.visit(page, ballotPath(), `vote-anonyme`);
    await expect(page.getByRole('link', { name: 'Connectez-vous pour voter' }).count()).resolves.toBe(1);
    await expect(page.locator('input[type="checkbox"]').count()).resolves.toBe(0);
  });

  it('shows the published results: a table, and a chart of the same figures', async () => {
    const page = await browser.newPage({ javaScript: false });

    await browser.visit(page, `/consultations/${ids.closed}/resultats`, `resultats`);

    const rows = await page.locator('#tableau-projets tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^1Un composteur partagé30\s000\s€2Oui$/);
    await expect(page.locator('.bar-chart__row').count()).resolves.toBe(3);
    await expect(page.locator('.bar-chart__value').first().textContent()).resolves.toBe('2 voix');
    await expect(page.getByRole('link', { name: 'Les mêmes chiffres dans le tableau' }).count()).resolves.toBe(1);
  });

  it('takes a ballot from the keyboard alone, the running total said as boxes are ticked', async () => {
    const page = await browser.newPage({ javaScript: true });
    await quickSignIn(page, { ...TOULOUSE, email: `clavier-${run}@example.fr` });
    await browser.visit(page, ballotPath(), 'vote-clavier');
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    const status = page.locator('[data-ballot-total]');

    for (let i = 0; i < 40 && (await focused()) !== 'champ-projets'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('champ-projets');
    await page.keyboard.press('Space');
    await expect(status.textContent()).resolves.toMatch(/^Total : 60\s000\s€ sur 100\s000\s€ — reste 40\s000\s€/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(status.textContent()).resolves.toMatch(/dépassement de 10\s000\s€ \(2 projets choisis\)$/);

    // Onwards to the button, past the third box; Enter sends the ballot.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Valider mon vote');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(422);
    await page.locator('.error-summary').waitFor();
    await page.waitForLoadState('load');
    await browser.check(page, 'vote-clavier-refuse');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('error-summary');
  });

  it('reads well at 320 px: nothing overflows sideways', async () => {
    const page = await browser.newPage({ javaScript: true, width: 320 });
    await quickSignIn(page, { ...TOULOUSE, email: `etroit-${run}@example.fr` });
    for (const [path, name] of [
      ['/consultations', 'consultations-320'],
      [consultationPath(), 'consultation-320'],
      [proposalPath(), 'proposition-320'],
      [ballotPath(), 'vote-320'],
      [`/consultations/${ids.closed}/resultats`, 'resultats-320'],
    ] as const) {
      await browser.visit(page, path, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});
