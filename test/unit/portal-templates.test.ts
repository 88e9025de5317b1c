/**
 * The portal's templates: every page in the layout (skip link first, landmarks, French), text
 * escaped wherever it lands, forms tied to their errors, errors in French from the same domain
 * errors the API answers with.
 */
import * as z from 'zod';
import { InvalidInputError, RuleViolationError } from '../../shared/kernel/errors';
import { Form, TextArea, TextField } from '../../shared/portal/components/forms';
import { formErrorsFrom, readForm } from '../../shared/portal/form-errors';
import { fr } from '../../shared/portal/i18n';
import type { PageContext } from '../../shared/portal/page-context';
import { homePage, type HomeView } from '../../shared/portal/pages/home-page';
import { accessibilityPage, legalNoticePage, privacyPage } from '../../shared/portal/pages/static-pages';
import { renderPage } from '../../shared/portal/render';
import { h } from 'preact';

const context = (overrides: Partial<PageContext> = {}): PageContext => ({
  t: fr,
  path: '/',
  csrfToken: (action) => `token-for-${action}`,
  formKey: (action) => `key-for-${action}`,
  asset: (name) => `/assets/${name}`,
  ...overrides,
});

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];

const home = (text: string): HomeView => ({
  territory: { name: text, population: 1000, communeCount: 2 },
  communes: [{ insee: '31555', name: text }],
  commune: { insee: '31555', name: text },
  reports: [
    {
      id: text,
      categoryName: text,
      status: text,
      description: text,
      address: text,
      createdAt: '2026-11-29T10:00:00Z',
      supportCount: 1,
      overdue: false,
    },
  ],
  consultations: [{ id: text, title: text, phase: text }],
});

describe('the layout', () => {
  const html = renderPage(context(), homePage(fr, home('Toulouse Métropole')));

  it('is French, with the skip link first and the landmarks in order', () => {
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    const body = html.slice(html.indexOf('<body>'));
    expect(body).toMatch(/^<body><a class="skip-link" href="#contenu">Aller au contenu<\/a><header/);
    const order = ['<header', '<nav class="main-nav" aria-label="Menu principal"', '<main id="contenu"', '<footer'].map(
      (mark) => body.indexOf(mark),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('marks the current page in the navigation and links every static page from the footer', () => {
    expect(html).toContain('<a href="/" aria-current="page">Accueil</a>');
    for (const path of ['/accessibilite', '/mentions-legales', '/donnees-personnelles', '/api']) {
      expect(html).toContain(`href="${path}"`);
    }
  });

  it('loads only its own assets, the script as a module', () => {
    expect(html).toContain('<link rel="stylesheet" href="/assets/portal.css"/>');
    expect(html).toContain('<script type="module" src="/assets/portal.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('offers sign-in to an anonymous visitor, and sign-out (a POST with its token) to a signed-in one', () => {
    expect(html).toContain('<a class="account-link" href="/connexion">Se connecter</a>');
    const signedIn = renderPage(
      context({ visitor: { label: 'anne@example.fr', role: 'citizen' } }),
      homePage(fr, home('T')),
    );
    expect(signedIn).toContain('Connecté : anne@example.fr (habitant)');
    expect(signedIn).toMatch(
      /<form class="account" method="post" action="\/deconnexion"><span[^]*name="_csrf" value="token-for-\/deconnexion"/,
    );
  });
});

describe('escaping', () => {
  it.each(HOSTILE)('keeps %s inert on the home page', (text) => {
    const html = renderPage(context(), homePage(fr, home(text)));

    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<svg[^>]*onload/i);
    expect(html).toContain('&lt;');
  });

  it.each(HOSTILE)('keeps %s inert in form values and errors', (text) => {
    const html = renderPage(context(), {
      title: text,
      body: h(Form, { action: '/signaler', errors: { fields: { description: text }, general: [text] } }, [
        h(TextField, { name: 'email', label: text, value: text }),
        h(TextArea, { name: 'description', label: 'Description', value: text, error: text }),
      ]),
    });

    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<svg[^>]*onload/i);
  });
});

describe('forms', () => {
  const errors = { fields: { description: 'Renseignez le champ « Description ».' }, general: [] };
  const html = renderPage(context(), {
    title: 'Signaler',
    hasErrors: true,
    body: h(Form, { action: '/signaler', errors }, [
      h(TextArea, {
        name: 'description',
        label: 'Description',
        hint: 'Ce que vous voyez',
        error: errors.fields.description,
      }),
      h(TextField, { name: 'email', label: 'Adresse électronique', type: 'email', optional: true }),
    ]),
  });

  it('says "Erreur :" first in the title of a refused form', () => {
    expect(html).toContain('<title>Erreur : Signaler — Ville Ouverte</title>');
  });

  it('opens with an error summary, announced and focusable, linking to each wrong field', () => {
    expect(html).toMatch(
      /<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" data-error-summary="true">/,
    );
    expect(html).toContain('<a href="#champ-description">Renseignez le champ « Description ».</a>');
  });

  it('labels every field and ties its hint and error to it', () => {
    expect(html).toContain('<label class="field__label" for="champ-description">Description</label>');
    expect(html).toMatch(
      /<textarea[^>]*id="champ-description"[^>]*aria-describedby="champ-description-aide champ-description-erreur"[^>]*aria-invalid="true"/,
    );
    expect(html).toContain('<span class="field__optional"> (facultatif)</span>');
  });

  it('carries the anti-forgery token of its action', () => {
    expect(html).toContain('<input type="hidden" name="_csrf" value="token-for-/signaler"/>');
  });
});

describe('form errors in French', () => {
  const labels = { description: 'Description', email: 'Adresse électronique', count: 'Nombre' };
  const schema = z.object({
    description: z.string().min(10).max(20),
    email: z.email().optional(),
    count: z.coerce.number().int().min(1),
  });

  it('says what is wrong with each field, in the order of the form', () => {
    const result = readForm(fr, schema, { description: 'court', email: 'pas-un-courriel', count: '0' }, labels);

    expect(result).toEqual({
      ok: false,
      errors: {
        fields: {
          description: '« Description » doit compter au moins 10 caractères.',
          email: '« Adresse électronique » doit être une adresse électronique, par exemple nom@exemple.fr.',
          count: '« Nombre » doit valoir au moins 1.',
        },
        general: [],
      },
    });
  });

  it('asks for a missing field by its label', () => {
    const result = readForm(fr, schema, { count: '2' }, labels);

    expect(result.ok || result.errors.fields.description).toBe('Renseignez le champ « Description ».');
  });

  it('says a business rule in words, next to its field when the page says which', () => {
    const rule = new RuleViolationError('The point is outside the territory', 'location-in-territory');

    expect(formErrorsFrom(fr, rule, labels)).toEqual({
      fields: {},
      general: ['Le lieu indiqué est hors du territoire de la métropole.'],
    });
    expect(formErrorsFrom(fr, rule, { ...labels, address: 'Adresse' }, { 'location-in-territory': 'address' })).toEqual(
      {
        fields: { address: 'Le lieu indiqué est hors du territoire de la métropole.' },
        general: [],
      },
    );
  });

  it('puts the issues of an InvalidInputError next to their fields, and leaves other errors to the error page', () => {
    const invalid = new InvalidInputError('Invalid body', [{ path: 'body.email', message: 'Invalid email' }]);

    expect(formErrorsFrom(fr, invalid, labels)).toEqual({
      fields: { email: "« Adresse électronique » n'est pas valide." },
      general: [],
    });
    expect(formErrorsFrom(fr, new Error('boom'), labels)).toBeUndefined();
  });
});

describe('the static pages', () => {
  const view = { publisher: 'Toulouse Métropole', site: 'https://ville.example.fr' };

  it('follow the RGAA 4.1 statement model', () => {
    const html = renderPage(context({ path: '/accessibilite' }), accessibilityPage(fr, view));
    for (const heading of [
      'État de conformité',
      'Résultats des tests',
      'Contenus non accessibles',
      'Établissement de cette déclaration',
      'Technologies utilisées pour la réalisation du portail',
      'Environnement de test',
      "Retour d'information et contact",
      'Voies de recours',
    ]) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('non conforme');
    expect(html).toContain('https://ville.example.fr');
  });

  it('list the personal data kept, why and for how long, as a table with headers', () => {
    const html = renderPage(context(), privacyPage(fr, view));
    expect(html).toContain('<caption>Données personnelles conservées par le portail</caption>');
    expect(html).toContain('<th scope="col">Durée de conservation</th>');
    expect(html.match(/<th scope="row">/g)).toHaveLength(fr.staticPages.privacy.kept.length);
  });

  it('name the publisher', () => {
    expect(renderPage(context(), legalNoticePage(fr, view))).toContain('édité par Toulouse Métropole');
  });
});
