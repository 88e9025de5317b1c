/**
 * Where a signed-in citizen's notifications go: the standard OIDC `email` claim, through the
 * platform's own token verification — from the development issuer, and from a provider of our
 * own making for the claims it does not send (an address marked unverified, a malformed one).
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openOidcIssuer, type OidcIssuer } from '../../infra/local/oidc-issuer';
import type { OidcIssuerConfig } from '../../shared/runtime/config';

let dataDir: string;
let issuer: OidcIssuer;
let gateway: Gateway;
let baseUrl: string;
let jwksServer: Server;
let provider: OidcIssuerConfig;
let providerKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let verifyAuthorization: (typeof import('../../shared/runtime/auth'))['verifyAuthorization'];

const requestToken = (body: unknown) =>
  fetch(`${baseUrl}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const localPrincipal = async (body: unknown) => {
  const { access_token: token } = (await (await requestToken(body)).json()) as { access_token: string };
  return verifyAuthorization(`Bearer ${token}`, [issuer.config]);
};
/** A citizen token from the other provider, with these claims. */
const providerPrincipal = async (claims: Record<string, unknown>) => {
  const token = await new SignJWT({ role: 'citizen', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(provider.issuer)
    .setAudience(provider.audience)
    .setSubject('citizen-1')
    .setExpirationTime('5m')
    .sign(providerKey);
  return verifyAuthorization(`Bearer ${token}`, [provider]);
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'notifications-email-'));
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  issuer = await openOidcIssuer({ dataDir, baseUrl });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: issuer.routes });
  await gateway.listen(port);

  const { privateKey, publicKey } = await generateKeyPair('RS256');
  providerKey = privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  const jwksPort = await freePort();
  jwksServer = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => jwksServer.listen(jwksPort, '127.0.0.1', resolve));
  provider = {
    issuer: 'https://citizens.example.fr',
    audience: 'citizen-app',
    jwksUri: `http://127.0.0.1:${jwksPort}/jwks.json`,
    roles: ['citizen'],
  };
  ({ verifyAuthorization } = await import('../../shared/runtime/auth'));
});

afterAll(async () => {
  await gateway.close();
  await new Promise((resolve) => jwksServer.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

test("a citizen's token from the development issuer carries their e-mail address into the principal", async () => {
  expect(await localPrincipal({ role: 'citizen', email: 'jeanne@example.fr' })).toMatchObject({
    role: 'citizen',
    email: 'jeanne@example.fr',
  });
});

test('without an address in the token, the principal has none', async () => {
  expect(await localPrincipal({ role: 'citizen' })).not.toHaveProperty('email');
});

test('the development issuer refuses a malformed address with a 400 naming the field', async () => {
  const response = await requestToken({ role: 'citizen', email: 'pas une adresse' });

  expect(response.status).toBe(400);
  expect(((await response.json()) as { detail: string }).detail).toMatch(/email/);
});

test('an address the provider says is verified, or says nothing about, is taken', async () => {
  expect(await providerPrincipal({ email: 'a@example.fr', email_verified: true })).toMatchObject({
    email: 'a@example.fr',
  });
  expect(await providerPrincipal({ email: 'b@example.fr' })).toMatchObject({ email: 'b@example.fr' });
});

test('an address the provider marks unverified is not taken', async () => {
  expect(await providerPrincipal({ email: 'c@example.fr', email_verified: false })).not.toHaveProperty('email');
});

test('a malformed address claim is left out, and the token is still accepted', async () => {
  const principal = await providerPrincipal({ email: 'not-an-address' });

  expect(principal).toMatchObject({ sub: 'citizen-1', role: 'citizen' });
  expect(principal).not.toHaveProperty('email');
});
