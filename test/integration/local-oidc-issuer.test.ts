/** The development OpenID Connect issuer, served by the gateway, verified as production tokens are. */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openOidcIssuer, type OidcIssuer } from '../../infra/local/oidc-issuer';

let dataDir: string;
let issuer: OidcIssuer;
let gateway: Gateway;
let baseUrl: string;

const requestToken = (body: unknown) =>
  fetch(`${baseUrl}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const tokenFor = async (body: unknown): Promise<string> =>
  ((await (await requestToken(body)).json()) as { access_token: string }).access_token;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-oidc-'));
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  issuer = await openOidcIssuer({ dataDir, baseUrl });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: issuer.routes });
  await gateway.listen(port);
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a token', () => {
  it('verifies with jose against the JWKS the issuer serves', async () => {
    const token = await tokenFor({ role: 'agent', territory: '243100518', commune: '31555' });

    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(issuer.jwksUri)), {
      issuer: `${baseUrl}/_local/oidc`,
      audience: 'ville-ouverte',
    });

    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ role: 'agent', territory: '243100518', commune: '31555' });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it("passes the platform's own verification (shared/runtime/auth.ts) with the issuer configuration the runtime exports", async () => {
    const { verifyAuthorization } = await import('../../shared/runtime/auth');
    const token = await tokenFor({ role: 'admin', territory: '243100518', sub: 'marie' });

    const principal = await verifyAuthorization(`Bearer ${token}`, [issuer.config]);

    expect(principal).toEqual({ sub: 'marie', role: 'admin', territory: '243100518', issuer: issuer.issuer });
  });

  it('has a generated demo subject unless one is asked for', async () => {
    const token = await tokenFor({ role: 'citizen' });

    expect(decodeJwt(token).sub).toMatch(/^demo-citizen-[0-9a-f]{8}$/);
  });

  it('is answered as an OAuth token response', async () => {
    const response = await requestToken({ role: 'citizen' });

    expect(await response.json()).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
  });
});

describe('a bad token request', () => {
  it.each([
    [{ role: 'mayor' }, 'role'],
    [{ role: 'agent' }, 'territory'],
    [{ role: 'agent', territory: '2431' }, 'territory'],
    [{ role: 'citizen', commune: 'Toulouse' }, 'commune'],
    [{ role: 'citizen', colour: 'blue' }, 'colour'],
  ])('%j is refused with 400 problem+json naming %s', async (body, field) => {
    const response = await requestToken(body);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain(field);
  });

  it('that is not JSON is refused with 400 saying so', async () => {
    const response = await requestToken('role=admin');

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, detail: 'The request body is not valid JSON' });
  });
});

describe('the issuer', () => {
  it('publishes a discovery document naming itself and its JWKS', async () => {
    const response = await fetch(`${baseUrl}/_local/oidc/.well-known/openid-configuration`);

    expect(await response.json()).toMatchObject({
      issuer: `${baseUrl}/_local/oidc`,
      jwks_uri: `${baseUrl}/_local/oidc/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('keeps its signing key in the data dir, so a token issued before a restart still verifies after it', async () => {
    const token = await issuer.issueToken({ role: 'citizen' });

    const restarted = await openOidcIssuer({ dataDir, baseUrl });
    const jwksRoute = restarted.routes.find((route) => route.path === '/_local/oidc/jwks.json')!;
    const served = await jwksRoute.handle({
      method: 'GET',
      path: jwksRoute.path,
      params: {},
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.alloc(0),
    });

    const jwks = createLocalJWKSet(JSON.parse(served.body.toString()));
    await expect(jwtVerify(token, jwks, { audience: 'ville-ouverte' })).resolves.toBeDefined();
  });

  it('serves only the public half of its key', async () => {
    const response = await fetch(issuer.jwksUri);

    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });
});
