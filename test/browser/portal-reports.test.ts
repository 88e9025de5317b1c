/**
 * The report pages in a real browser, without JavaScript and with it: an anonymous citizen files a
 * report (every question datatype, the place by the commune list or by a click on the map) → the
 * confirmation → an agent acknowledges it through the JSON API → the report's page shows the new
 * status and the mailbox holds the message; the nearby open report offered before filing and
 * supported ("moi aussi") by a signed-in citizen; a commune's filtered list; "mes signalements";
 * photos uploaded through presigned URLs (JavaScript); filing with the keyboard alone. The
 * `<script>` and `onerror` payloads typed in every free-text field stay text on every page showing
 * them. Every page passes axe-core and requests nothing from another host (harness.ts);
 * screenshots go to .local/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { MailboxMessage } from '../../infra/local/mailbox/mailbox-store';
import { eventually } from '../support/eventually';
import { baseUrl, fetchJson, getToken } from '../support/http';
import { describeInBrowser, dialogsOf, JS_MODES, signIn, useBrowser, type BrowserHarness } from './harness';

jest.setTimeout(120_000);

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const SCRIPT = '<script>alert(1)</script>';
const ONERROR = '"><img src=x onerror=alert(1)>';

/** A category asking one question of each datatype, created once for these tests. */
const CATEGORY = { code: 'essai-banc', name: 'Banc abîmé (essai)' };
const QUESTIONS = [
  {
    code: 'etat',
    label: 'État du banc',
    datatype: 'singlevaluelist',
    required: true,
    values: [
      { key: 'casse', name: 'Cassé' },
      { key: 'tague', name: 'Tagué' },
    ],
  },
  {
    code: 'elements',
    label: 'Éléments abîmés',
    datatype: 'multivaluelist',
    required: false,
    values: [
      { key: 'assise', name: 'Assise' },
      { key: 'dossier', name: 'Dossier' },
      { key: 'pieds', name: 'Pieds' },
    ],
  },
  { code: 'nombre', label: 'Nombre de bancs concernés', datatype: 'number', required: true },
  { code: 'numero', label: 'Numéro inscrit sur le banc', datatype: 'string', required: false },
  { code: 'constat', label: 'Date et heure du constat', datatype: 'datetime', required: false },
  { code: 'circonstances', label: 'Circonstances', datatype: 'text', required: false },
];

/** The payloads are on the page as text, and no element they tried to create exists. */
const expectInert = async (page: Page, where: string, dialogs: readonly string[]) => {
  const text = await page.locator('main').innerText();
  expect({ where, script: text.includes(SCRIPT), onerror: text.includes(ONERROR) }).toEqual({
    where,
    script: true,
    onerror: true,
  });
  await expect(page.locator('img[src="x"], main script').count()).resolves.toBe(0);
  expect({ where, dialogs }).toEqual({ where, dialogs: [] });
};

const mailboxOf = async (email: string) =>
  (await fetchJson<MailboxMessage[]>(`/_local/mailbox?to=${encodeURIComponent(email)}`)).body;

/**
 * What a form just did (POST → 303 → GET) is said to screen reader users: a status message, and
 * with JavaScript the focus on it (a message present at load is not reliably read otherwise).
 */
const expectAnnounced = async (page: Page, selector: string, javaScript: boolean) => {
  await expect(page.locator(selector).getAttribute('role')).resolves.toBe('status');
  if (javaScript) {
    await expect(page.evaluate((s) => document.activeElement === document.querySelector(s), selector)).resolves.toBe(
      true,
    );
  }
};

/** Sends the form; when nearby reports are offered first, sends it anyway (checked with axe). */
const sendReport = async (browser: BrowserHarness, page: Page, name: string) => {
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await page.waitForURL(/\/signaler(\/merci\/|$)/);
  if (page.url().endsWith('/signaler')) {
    await browser.check(page, `${name}-proches`);
    await page.getByRole('button', { name: 'Envoyer mon signalement' }).click();
    await page.waitForURL(/\/signaler\/merci\//);
  }
  return /\/signaler\/merci\/([0-9A-Z]{26})$/.exec(page.url())![1]!;
};

/** Step 1: the category, chosen with its radio button. */
const chooseCategory = async (browser: BrowserHarness, page: Page, name: string) => {
  await browser.visit(page, '/signaler', `${name}-etape-1`);
  await page.getByRole('radio', { name: CATEGORY.name }).check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/signaler\?categorie=essai-banc$/);
  await browser.check(page, `${name}-etape-2`);
};

/** Answers every question, the free-text ones with the payloads. */
const answerQuestions = async (page: Page) => {
  await page.getByRole('radio', { name: 'Cassé' }).check();
  await page.getByRole('checkbox', { name: 'Assise' }).check();
  await page.getByRole('checkbox', { name: 'Pieds' }).check();
  await page.getByLabel('Nombre de bancs concernés').fill('2');
  await page.getByLabel('Numéro inscrit sur le banc').fill(`B-12 ${SCRIPT}`);
  await page.getByLabel('Date et heure du constat').fill('2026-07-14T10:30');
  await page.getByLabel('Circonstances').fill(`Vu ce matin ${ONERROR}`);
};

describeInBrowser('the report pages in a browser', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    const admin = await getToken({ role: 'admin', territory: SIREN });
    const saved = await fetchJson(`${T}/categories/${CATEGORY.code}`, {
      method: 'PUT',
      token: admin,
      json: {
        name: CATEGORY.name,
        competence: { level: 'territory', service: 'voirie' },
        questions: QUESTIONS,
        slaHours: 40,
      },
    });
    expect(saved.status).toBe(200);
  });

  describe.each(JS_MODES)('%s', (mode, javaScript) => {
    const suffix = javaScript ? 'js' : 'sans-js';

    it('files an anonymous report; an agent acknowledges it through the API; the page and the mailbox say so', async () => {
      const page = await browser.newPage({ javaScript });
      const dialogs = dialogsOf(page);
      const email = `navigateur-${suffix}-${randomUUID()}@example.fr`;

      await chooseCategory(browser, page, `signaler-${suffix}`);
      await expect(page.getByText('L’ajout de photos nécessite JavaScript').count()).resolves.toBe(javaScript ? 0 : 1);
      // The map only with JavaScript (without, it would stay an empty box), and the hint says what is there.
      await expect(page.locator('.report-form__place .map-figure').isVisible()).resolves.toBe(javaScript);
      await expect(page.getByText(/^Cliquez sur la carte/).isVisible()).resolves.toBe(javaScript);
      await expect(
        page
          .getByText('Indiquez la commune et l’adresse (les coordonnées sont facultatives).', { exact: true })
          .isVisible(),
      ).resolves.toBe(!javaScript);
      await answerQuestions(page);
      if (javaScript) {
        // A click on the map fills the coordinates and chooses the commune.
        const map = page.locator('.map--drawn');
        await map.waitFor();
        await page.locator('.map--drawn path.leaflet-interactive, .map--drawn svg path').first().waitFor();
        await map.click();
        await page.locator('[data-located]', { hasText: /^Lieu choisi sur la carte, à .+\.$/ }).waitFor();
        await expect(page.locator('#champ-lat').inputValue()).resolves.toMatch(/^43\.\d+$/);
        await expect(page.locator('#champ-commune').inputValue()).resolves.toMatch(/^31\d{3}$/);
      } else {
        await page.getByRole('combobox', { name: /^Commune/ }).selectOption({ label: 'Toulouse' });
      }
      await page.getByLabel('Adresse ou repère').fill(`Square du Capitole ${ONERROR}`);
      await page.getByLabel('Description du problème').fill(`Banc cassé en deux ${SCRIPT} ${ONERROR}`);
      await page.getByLabel('Adresse électronique').fill(email);
      const id = await sendReport(browser, page, `signaler-${suffix}`);

      await browser.check(page, `confirmation-${suffix}`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Signalement envoyé');
      await expectAnnounced(page, '.notice--success', javaScript);
      await expect(page.locator('.report-reference__id').textContent()).resolves.toBe(id);
      await expectInert(page, 'confirmation', dialogs);

      const agent = await getToken({ role: 'agent', territory: SIREN });
      const moved = await fetchJson(`${T}/reports/${id}/transitions`, {
        token: agent,
        json: { to: 'acknowledged', version: 1, publicNote: `Équipe prévue ${SCRIPT}`, internalNote: 'Note interne' },
      });
      expect(moved.status).toBe(200);

      await page.getByRole('link', { name: 'Voir la page du signalement' }).click();
      await page.waitForURL(new RegExp(`/signalements/${id}$`));
      // With JavaScript, the small map draws the report among its neighbours (then the screenshot).
      if (javaScript) await page.locator('.report-layout__side .map--drawn path').first().waitFor();
      await browser.check(page, `signalement-${suffix}`);
      await expect(page.locator('.report-status').innerText()).resolves.toContain('Pris en compte');
      const main = await page.locator('main').innerText();
      expect(main).toContain('Nouveau → Pris en compte');
      expect(main).toContain(`Équipe prévue ${SCRIPT}`);
      expect(main).toContain('Cassé');
      expect(main).toContain('Assise, Pieds');
      expect(main).toContain('14 juillet 2026 à 10:30');
      expect(main).not.toContain('Note interne');
      expect(main).not.toContain(email);
      await expectInert(page, 'signalement', dialogs);

      const messages = await eventually(
        () => mailboxOf(email),
        (m) => m.some((message) => message.subject === `Signalement n° ${id} : pris en compte`),
      );
      expect(messages.every((m) => m.to.length === 1 && m.to[0] === email)).toBe(true);

      // The commune's list and the home page show the payloads as text too.
      const commune = (await page.locator('.facts a').first().getAttribute('href'))!;
      await browser.visit(page, `${commune}?categorie=${CATEGORY.code}`, `signalements-commune-${suffix}`);
      await expect(page.locator(`a[href="/signalements/${id}"]`).count()).resolves.toBe(1);
      await expectInert(page, 'commune', dialogs);
      const insee = /\/communes\/(\d{5})\//.exec(commune)![1]!;
      await browser.visit(page, `/?commune=${insee}`, `accueil-signalement-${suffix}`);
      if ((await page.locator(`a[href="/signalements/${id}"]`).count()) > 0) {
        await expect(page.locator('main').innerText()).resolves.toContain(SCRIPT);
      }
      expect(dialogs).toEqual([]);
    });

    it('refuses an incomplete form with the errors next to the fields and a summary first', async () => {
      const page = await browser.newPage({ javaScript });
      await chooseCategory(browser, page, `erreurs-${suffix}`);

      await page.getByLabel('Description du problème').fill(`Rien d'autre ${SCRIPT}`);
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await page.waitForURL(/\/signaler$/);

      await browser.check(page, `signaler-erreurs-${suffix}`);
      await expect(page.title()).resolves.toMatch(/^Erreur : /);
      const summary = page.locator('.error-summary');
      await expect(summary.innerText()).resolves.toContain('Renseignez le champ « État du banc ».');
      await expect(summary.innerText()).resolves.toContain('Renseignez le champ « Nombre de bancs concernés ».');
      await expect(summary.innerText()).resolves.toContain('Choisissez la commune, ou cliquez sur la carte');
      await expect(page.locator('#champ-description').inputValue()).resolves.toBe(`Rien d'autre ${SCRIPT}`);
      if (javaScript) {
        // Focus moved to the summary, read first.
        await expect(page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).resolves.toBe(
          true,
        );
      }
      await page.locator('.error-summary a[href="#champ-answer-nombre"]').click();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('champ-answer-nombre');
    });

    it('offers the open report of the same category nearby; a signed-in citizen supports it ("moi aussi")', async () => {
      const spot = javaScript ? { lat: 43.5712, lon: 1.4021 } : { lat: 43.5672, lon: 1.4021 };
      const existing = await fetchJson<{ id: string }>(`${T}/reports`, {
        json: {
          category: CATEGORY.code,
          location: spot,
          description: `Banc déjà signalé ${SCRIPT} ${ONERROR}`,
          answers: { etat: 'tague', nombre: 1 },
          contact: { email: `premier-${randomUUID()}@example.fr` },
        },
      });
      expect(existing.status).toBe(201);
      const page = await browser.newPage({ javaScript });
      const dialogs = dialogsOf(page);
      await signIn(
        browser,
        page,
        { role: 'citizen', email: `soutien-${suffix}-${randomUUID()}@example.fr` },
        `connexion-soutien-${suffix}`,
      );

      await chooseCategory(browser, page, `soutenir-${suffix}`);
      await answerQuestions(page);
      await page.getByLabel('Latitude').fill(String(spot.lat).replace('.', ','));
      await page.getByLabel('Longitude').fill(String(spot.lon + 0.0003).replace('.', ','));
      await page.getByLabel('Description du problème').fill('Le même banc, je crois');
      await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await page.waitForURL(/\/signaler$/);

      await browser.check(page, `signaler-proches-${suffix}`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Ce problème a-t-il déjà été signalé ?');
      await expect(page.locator('.report-card').count()).resolves.toBe(1);
      await expect(page.locator('.report-card').innerText()).resolves.toMatch(/à 2\d m/);
      await expectInert(page, 'proches', dialogs);
      await page.getByRole('button', { name: /^Moi aussi/ }).click();
      await page.waitForURL(new RegExp(`/signalements/${existing.body.id}\\?soutien=merci$`));

      await browser.check(page, `signalement-soutenu-${suffix}`);
      await expect(page.locator('.notice--success').innerText()).resolves.toContain('votre soutien est enregistré');
      await expectAnnounced(page, '.notice--success', javaScript);
      await expect(page.locator('.report-support').innerText()).resolves.toContain('1 soutien');

      await browser.visit(page, '/mes-signalements', `mes-signalements-${suffix}`);
      await expect(page.locator(`a[href="/signalements/${existing.body.id}"]`).count()).resolves.toBe(1);
      await expect(page.locator('main').innerText()).resolves.toContain('Vous le soutenez');
      await expectInert(page, 'mes signalements', dialogs);
    });

    it("filters a commune's reports by status and category with the GET form", async () => {
      const page = await browser.newPage({ javaScript });
      await browser.visit(page, '/communes/31555/signalements', `signalements-toulouse-${suffix}`);

      await page.getByRole('combobox', { name: 'État' }).selectOption({ label: 'Nouveau' });
      await page
        .getByRole('combobox', { name: 'Type de problème' })
        .selectOption({ label: 'Voirie (nids-de-poule, chaussée, trottoirs)' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/statut=new&categorie=voirie/);

      await browser.check(page, `signalements-toulouse-filtres-${suffix}`);
      await expect(page.locator('#liste-titre').textContent()).resolves.toBe('Liste des signalements filtrés');
      const statuses = await page.locator('#liste-signalements .tag:not(.tag--overdue)').allInnerTexts();
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(['Nouveau']));
    });
  });

  it('uploads photos through presigned URLs (JavaScript) and shows them on the report page', async () => {
    const page = await browser.newPage({ javaScript: true });
    await chooseCategory(browser, page, 'photos');
    await answerQuestions(page);
    await page.getByRole('combobox', { name: /^Commune/ }).selectOption({ label: 'Blagnac' });
    await page.getByLabel('Description du problème').fill('Banc avec photo');
    await page.getByLabel('Adresse électronique').fill(`photo-${randomUUID()}@example.fr`);

    await page.getByLabel('Ajouter des photos').setInputFiles([
      { name: 'banc.png', mimeType: 'image/png', buffer: PNG },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('pas une image') },
    ]);
    await page
      .locator('.photo-upload__status', { hasText: 'notes.txt n’est pas une image JPEG, PNG ou WebP.' })
      .waitFor();
    await expect(page.locator('.photo-upload__list li').count()).resolves.toBe(1);
    await browser.check(page, 'photos-jointes');
    const id = await sendReport(browser, page, 'photos');
    await page.goto(`${baseUrl()}/signalements/${id}`);

    await browser.check(page, 'signalement-photo');
    const image = page.locator('.photo-list img');
    await expect(image.count()).resolves.toBe(1);
    await expect(image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(1);
  });

  it.each(JS_MODES)(
    'files a report with the keyboard alone (Tab, Space, Enter and typing), %s',
    async (_mode, javaScript) => {
      const page = await browser.newPage({ javaScript });
      const suffix = javaScript ? 'js' : 'sans-js';
      await browser.visit(page, '/signaler', `clavier-etape-1-${suffix}`);
      /** Tab until the focused element is the one described, as a keyboard user would. */
      const tabTo = async (target: { readonly id?: string; readonly name?: string; readonly text?: string }) => {
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('Tab');
          const focused = await page.evaluate(() => {
            const element = document.activeElement as HTMLInputElement | null;
            return { id: element?.id, name: element?.name, text: element?.textContent?.trim() };
          });
          if (Object.entries(target).every(([key, value]) => focused[key as keyof typeof focused] === value)) return;
        }
        throw new Error(`Tab never reached ${JSON.stringify(target)}`);
      };

      await tabTo({ name: 'categorie' });
      // Arrow keys move within a radio group; Space checks the focused one.
      for (let i = 0; i < 10; i++) {
        const label = await page.evaluate(() => document.activeElement?.nextElementSibling?.textContent);
        if (label === CATEGORY.name) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Space');
      await tabTo({ text: 'Continuer' });
      await page.keyboard.press('Enter');
      await page.waitForURL(/categorie=essai-banc/);
      await browser.check(page, `clavier-etape-2-${suffix}`);

      await tabTo({ id: 'champ-answer-etat' });
      await page.keyboard.press('Space');
      await tabTo({ id: 'champ-answer-nombre' });
      await page.keyboard.type('3');
      await tabTo({ id: 'champ-lat' });
      await page.keyboard.type('43,6101');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1,4321');
      await tabTo({ id: 'champ-description' });
      await page.keyboard.type('Signalé au clavier');
      await tabTo({ id: 'champ-email' });
      await page.keyboard.type(`clavier-${randomUUID()}@example.fr`);
      await tabTo({ text: 'Envoyer le signalement' });
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/signaler(\/merci\/|$)/);
      if (page.url().endsWith('/signaler')) {
        await tabTo({ text: 'Envoyer mon signalement' });
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/signaler\/merci\//);
      }

      await browser.check(page, `clavier-confirmation-${suffix}`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Signalement envoyé');
      await tabTo({ text: 'Voir la page du signalement' });
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/signalements\/[0-9A-Z]{26}$/);
      await expect(page.locator('main').innerText()).resolves.toContain('Signalé au clavier');
    },
  );

  it('reads well at 320 px: nothing overflows sideways', async () => {
    const page = await browser.newPage({ javaScript: true, width: 320 });
    const reports = await fetchJson<{ items: { id: string }[] }>(`${T}/reports?commune=31555&limit=1`);
    for (const [path, name] of [
      ['/signaler', 'signaler-320'],
      [`/signaler?categorie=${CATEGORY.code}`, 'signaler-formulaire-320'],
      [`/signalements/${reports.body.items[0]!.id}`, 'signalement-320'],
      ['/communes/31555/signalements', 'signalements-commune-320'],
    ] as const) {
      await browser.visit(page, path, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
