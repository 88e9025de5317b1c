/**
 * The identity claims participation reads (FranceConnect's `birthdate`, the OIDC `address`, a
 * commune of residence), from the development issuer through the platform's own verification.
 */
import { decodeJwt } from 'jose';
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
let verifyAuthorization: (typeof import('../../shared/runtime/auth'))['verifyAuthorization'];

const requestToken = (body: unknown) =>
  fetch(`${baseUrl}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const principalFor = async (body: unknown) => {
  const { access_token: token } = (await (await requestToken(body)).json()) as { access_token: string };
  return verifyAuthorization(`Bearer ${token}`, [issuer.config]);
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'participation-claims-'));
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  issuer = await openOidcIssuer({ dataDir, baseUrl });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: issuer.routes });
  await gateway.listen(port);
  ({ verifyAuthorization } = await import('../../shared/runtime/auth'));
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('a citizen token carries birthdate, address.postal_code and residence_insee as FranceConnect-style claims', async () => {
  const response = await requestToken({
    role: 'citizen',
    birthdate: '1990-07-14',
    postalCode: '31400',
    residenceInsee: '31555',
  });
  const { access_token: token } = (await response.json()) as { access_token: string };

  expect(decodeJwt(token)).toMatchObject({
    birthdate: '1990-07-14',
    address: { postal_code: '31400' },
    residence_insee: '31555',
  });
});

test('the verified principal holds those claims, for eligibility rules', async () => {
  const principal = await principalFor({
    role: 'citizen',
    sub: 'camille',
    birthdate: '1990-07-14',
    postalCode: '31400',
    residenceInsee: '31555',
  });

  expect(principal).toMatchObject({
    sub: 'camille',
    role: 'citizen',
    birthdate: '1990-07-14',
    postalCode: '31400',
    residenceInsee: '31555',
  });
});

test('a token without them gives a principal without them', async () => {
  const principal = await principalFor({ role: 'citizen', sub: 'dominique' });

  expect(principal).toEqual({ sub: 'dominique', role: 'citizen', issuer: issuer.issuer });
});

test.each([
  [{ birthdate: '1990-02-30' }, 'birthdate'],
  [{ postalCode: '314' }, 'postalCode'],
  [{ residenceInsee: 'Toulouse' }, 'residenceInsee'],
])('the development issuer refuses a malformed claim %j, naming it', async (claims, field) => {
  const response = await requestToken({ role: 'citizen', ...claims });

  expect(response.status).toBe(400);
  expect(((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(field);
});
