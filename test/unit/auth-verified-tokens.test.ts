/**
 * Bearer tokens a container verified are remembered (shared/runtime/auth.ts), so a client sending
 * the same token again is not checked twice: what a fresh verification refuses must still be
 * refused — an expired token, a token shown to another issuer configuration, a forged one.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyAuthorization } from '../../shared/runtime/auth';
import type { OidcIssuerConfig } from '../../shared/runtime/config';

const ISSUER = 'https://id.test.example';
let server: Server;
let issuer: OidcIssuerConfig;
let sign: (claims: Record<string, unknown>, exp: number) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  server = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  issuer = { issuer: ISSUER, audience: 'ville-ouverte', jwksUri, roles: ['citizen', 'agent', 'admin'] };
  sign = (claims, exp) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('ville-ouverte')
      .setSubject('anne')
      .setExpirationTime(exp)
      .sign(privateKey);
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('a bearer token verified before', () => {
  it('is the same caller the second time', async () => {
    const token = await sign({ role: 'agent', territory: '243100518' }, nowSeconds() + 600);

    const first = await verifyAuthorization(`Bearer ${token}`, [issuer]);
    const again = await verifyAuthorization(`Bearer ${token}`, [issuer]);

    expect(again).toEqual({ sub: 'anne', role: 'agent', territory: '243100518', issuer: ISSUER });
    expect(again).toEqual(first);
  });

  it('is refused once it has expired', async () => {
    const exp = nowSeconds() + 2;
    const token = await sign({ role: 'citizen' }, exp);
    await expect(verifyAuthorization(`Bearer ${token}`, [issuer])).resolves.toMatchObject({ sub: 'anne' });

    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));

    await expect(verifyAuthorization(`Bearer ${token}`, [issuer])).rejects.toThrow(/expired|"exp"/);
  });

  it('is checked again against another issuer configuration (here another audience)', async () => {
    const token = await sign({ role: 'citizen' }, nowSeconds() + 600);
    await verifyAuthorization(`Bearer ${token}`, [issuer]);

    await expect(verifyAuthorization(`Bearer ${token}`, [{ ...issuer, audience: 'another-app' }])).rejects.toThrow(
      /aud/,
    );
  });

  it('does not vouch for a token that differs from it by its signature', async () => {
    const token = await sign({ role: 'admin', territory: '243100518' }, nowSeconds() + 600);
    await verifyAuthorization(`Bearer ${token}`, [issuer]);
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;

    await expect(verifyAuthorization(`Bearer ${forged}`, [issuer])).rejects.toThrow(/signature/);
  });
});
