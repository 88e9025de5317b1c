/**
 * The portal's shell over HTTP: pages are HTML with a strict CSP, assets are content-hashed and
 * cached for a year, sign-in is the OIDC code flow with PKCE into an HttpOnly SameSite=Lax
 * session cookie, and a state-changing POST needs both the portal's Origin and the form's token.
 */
import { formTokenIn, HttpVisitor } from '../browser/http-visitor';
import { baseUrl, fetchJson } from '../support/http';

const cspOf = (headers: Headers) =>
  Object.fromEntries(
    (headers.get('content-security-policy') ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );

describe('a page', () => {
  it('is HTML in French with a Content-Security-Policy that allows no inline script or style', async () => {
    const home = await new HttpVisitor().get('/');

    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.text).toMatch(/^<!doctype html><html lang="fr">/);
    const csp = cspOf(home.headers);
    expect(csp).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'require-trusted-types-for': "'script'",
    });
    expect(home.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Form posts must carry their Origin: no `no-referrer`, which makes a browser send `Origin: null`.
    expect(home.headers.get('referrer-policy')).toBe('same-origin');
    expect(home.headers.get('cache-control')).toBe('no-store');
  });

  it('gives an anonymous visitor no cookie until a form that posts is shown', async () => {
    const home = await new HttpVisitor().get('/');

    expect(home.setCookies).toEqual([]);
  });

  it('answers errors as French pages', async () => {
    const refused = await new HttpVisitor().get('/connexion?fournisseur=abc');

    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(refused.text).toContain('<h1>Demande invalide</h1>');
  });

  it('answers a path nothing declares with the French "page introuvable" (404), left out of the OpenAPI document', async () => {
    const visitor = new HttpVisitor();

    const missing = await visitor.get('/nulle/part?x=1');
    const deep = await visitor.get('/signalements/01ARZ3NDEKTSV4RRFFQ69G5FAV/nulle-part');
    const document = await fetchJson<{ paths: Record<string, unknown> }>('/openapi.json');

    for (const answer of [missing, deep]) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.text).toMatch(/^<!doctype html><html lang="fr">/);
      expect(answer.text).toContain('<h1>Page introuvable</h1>');
    }
    expect(Object.keys(document.body.paths).filter((path) => path.includes('+'))).toEqual([]);
  });

  it('leaves the API, its reference, the health check, the assets and the local routes to their own answers', async () => {
    const visitor = new HttpVisitor();
    const home = await visitor.get('/');
    const stylesheet = /<link rel="stylesheet" href="(\/assets\/[^"]+\.css)"/.exec(home.text)![1]!;

    const health = await fetchJson<{ status: string }>('/health');
    const openapi = await fetchJson<{ openapi: string }>('/openapi.json');
    const reference = await visitor.get('/api');
    const css = await visitor.get(stylesheet);
    const missingAsset = await visitor.get('/assets/nulle-part.css');
    const queues = await fetchJson<Record<string, unknown>>('/_local/queues');
    const unknownReport = await fetchJson<{ status: number }>(
      '/territories/243100518/reports/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    );

    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(openapi.body.openapi).toMatch(/^3\./);
    expect(reference.status).toBe(200);
    expect(reference.text).not.toContain('Page introuvable');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.text).not.toContain('Page introuvable');
    expect(queues.status).toBe(200);
    // The API's own 404 stays problem+json.
    expect(unknownReport.status).toBe(404);
    expect(unknownReport.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('is left out of the OpenAPI document, which still describes the API', async () => {
    const document = await fetchJson<{ paths: Record<string, unknown> }>('/openapi.json');

    expect(Object.keys(document.body.paths)).not.toEqual(expect.arrayContaining(['/', '/connexion']));
    expect(Object.keys(document.body.paths)).toContain('/territories/{siren}/reports');
  });
});

describe('the static assets', () => {
  it('have content-hashed names, the right media types and a year-long immutable cache', async () => {
    const home = (await new HttpVisitor().get('/')).text;
    const stylesheet = /<link rel="stylesheet" href="(\/assets\/portal-style-[\w-]+\.css)"/.exec(home)?.[1];
    const script = /<script type="module" src="(\/assets\/portal-[\w-]+\.js)"/.exec(home)?.[1];
    expect({ stylesheet, script }).toEqual({ stylesheet: expect.any(String), script: expect.any(String) });

    for (const [path, type] of [
      [stylesheet!, 'text/css; charset=utf-8'],
      [script!, 'text/javascript; charset=utf-8'],
    ] as const) {
      const response = await fetch(`${baseUrl()}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type,
      });
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('do not serve what is not an asset', async () => {
    for (const path of ['/assets/manifest.json', '/assets/../package.json', '/assets/%2e%2e/package.json']) {
      expect([path, (await fetch(`${baseUrl()}${path}`)).status]).toEqual([path, 404]);
    }
  });
});

describe('sign-in', () => {
  it('opens an HttpOnly, SameSite=Lax session (not Secure on localhost) and shows who is signed in', async () => {
    const visitor = new HttpVisitor();

    const back = await visitor.signIn({ role: 'citizen', email: 'sign-in@example.fr' }, '/mentions-legales');

    expect(back).toMatchObject({ status: 303, location: '/mentions-legales' });
    const session = back.setCookies.find((line) => line.startsWith('vo_session='));
    expect(session).toMatch(/; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    const page = await visitor.get('/mentions-legales');
    expect(page.text).toContain('Connecté : sign-in@example.fr (habitant)');
  });

  it('starts with a sealed, short-lived transaction cookie and a PKCE challenge', async () => {
    const start = await new HttpVisitor().get('/connexion?fournisseur=0');

    expect(start.status).toBe(303);
    const authorize = new URL(start.location!, baseUrl());
    expect(authorize.pathname).toBe('/_local/oidc/authorize');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'ville-ouverte',
      redirect_uri: `${baseUrl()}/connexion/retour`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(start.setCookies).toEqual([
      expect.stringMatching(/^vo_signin=[\w.-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it('fails back to the sign-in page when the answer is not the one expected (state)', async () => {
    const visitor = new HttpVisitor();
    const start = await visitor.get('/connexion?fournisseur=0');
    const authorize = new URL(start.location!, baseUrl());
    const chosen = await visitor.post(`${authorize.origin}${authorize.pathname}`, {
      ...Object.fromEntries(authorize.searchParams),
      state: 'forged',
      role: 'citizen',
    });

    const back = await visitor.get(chosen.location!);

    expect(back).toMatchObject({ status: 303, location: '/connexion?echec=1' });
    expect(visitor.cookies.has('vo_session')).toBe(false);
    expect((await visitor.get(back.location!)).text).toContain("La connexion n'a pas abouti.");
  });

  it('never sends the visitor to another site afterwards', async () => {
    const back = await new HttpVisitor().signIn({ role: 'citizen' }, '//evil.example/');

    expect(back).toMatchObject({ status: 303, location: '/' });
  });

  it('exchanges a code only with the PKCE verifier it was issued for', async () => {
    const visitor = new HttpVisitor();
    const start = await visitor.get('/connexion?fournisseur=0');
    const authorize = new URL(start.location!, baseUrl());
    const chosen = await visitor.post(`${authorize.origin}${authorize.pathname}`, {
      ...Object.fromEntries(authorize.searchParams),
      role: 'citizen',
    });
    const code = new URL(chosen.location!, baseUrl()).searchParams.get('code')!;

    const token = await fetch(`${baseUrl()}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: 'ville-ouverte',
        redirect_uri: `${baseUrl()}/connexion/retour`,
        code_verifier: 'a'.repeat(43),
      }),
    });

    expect(token.status).toBe(400);
    await expect(token.json()).resolves.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('a state-changing POST (sign-out)', () => {
  const signedIn = async () => {
    const visitor = new HttpVisitor();
    await visitor.signIn({ role: 'citizen', email: 'csrf@example.fr' });
    const token = formTokenIn((await visitor.get('/')).text, '/deconnexion');
    expect(token).toEqual(expect.any(String));
    return { visitor, token: token! };
  };

  it('is refused without the form token', async () => {
    const { visitor } = await signedIn();

    const refused = await visitor.post('/deconnexion', {});

    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<h1>Accès refusé</h1>');
    expect(visitor.cookies.has('vo_session')).toBe(true);
  });

  it('is refused from another origin, even with the token', async () => {
    const { visitor, token } = await signedIn();

    const refused = await visitor.post('/deconnexion', { _csrf: token }, { origin: 'https://evil.example' });

    expect(refused.status).toBe(403);
  });

  it('is refused when the browser says nothing of where it comes from', async () => {
    const { visitor, token } = await signedIn();

    const response = await fetch(`${baseUrl()}/deconnexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
      body: new URLSearchParams({ _csrf: token }).toString(),
    });

    expect(response.status).toBe(403);
  });

  it('is refused with the token of another session', async () => {
    const { token } = await signedIn();
    const { visitor } = await signedIn();

    expect((await visitor.post('/deconnexion', { _csrf: token })).status).toBe(403);
  });

  it('signs out with the token, from the portal: the session cookie is cleared', async () => {
    const { visitor, token } = await signedIn();

    const out = await visitor.post('/deconnexion', { _csrf: token });

    expect(out).toMatchObject({ status: 303, location: '/' });
    expect(out.setCookies).toEqual(['vo_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
    expect((await visitor.get('/')).text).toContain('>Se connecter</a>');
  });
});
