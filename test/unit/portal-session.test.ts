/** The session cookie's content: sealed (JWE, A256GCM), unreadable and unforgeable without the key. */
import { randomBytes } from 'node:crypto';
import { newSession, sessionCodec, sessionKeyFrom } from '../../shared/portal/session';
import { formToken, isFormTokenValid, isSameOrigin } from '../../shared/portal/csrf';
import { setCookie, clearCookie, sessionCookieName } from '../../shared/portal/cookies';
import { isLocalPath, portalPaths } from '../../shared/portal/portal-paths';

const key = () => new Uint8Array(randomBytes(32));
const principal = { sub: 'anne', role: 'citizen' as const, issuer: 'https://id.example.fr', email: 'anne@example.fr' };

describe('the session codec', () => {
  it('opens what it sealed', async () => {
    const codec = sessionCodec(key());
    const session = newSession(principal);

    await expect(codec.openSession(await codec.sealSession(session))).resolves.toEqual(session);
  });

  it('hides the content: the e-mail is nowhere in the cookie', async () => {
    const codec = sessionCodec(key());

    const sealed = await codec.sealSession(newSession(principal));

    expect(Buffer.from(sealed.replace(/\./g, ''), 'base64url').toString('latin1')).not.toContain('anne');
  });

  it('opens nothing sealed with another key, tampered with, or of another purpose', async () => {
    const codec = sessionCodec(key());
    const sealed = await sessionCodec(key()).sealSession(newSession(principal));
    const own = await codec.sealSession(newSession(principal));
    const tampered = `${own.slice(0, -4)}${own.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const signIn = await codec.sealSignIn({ issuer: 'x', state: 's', nonce: 'n', verifier: 'v', returnTo: '/' });

    await expect(codec.openSession(sealed)).resolves.toBeUndefined();
    await expect(codec.openSession(tampered)).resolves.toBeUndefined();
    await expect(codec.openSession(signIn)).resolves.toBeUndefined();
    await expect(codec.openSession('not-a-jwe')).resolves.toBeUndefined();
  });

  it('gives each new session its own form secret', () => {
    expect(newSession().csrf).not.toBe(newSession().csrf);
  });

  it('takes a 32-byte base64url key and nothing else', () => {
    expect(sessionKeyFrom(randomBytes(32).toString('base64url'))).toHaveLength(32);
    expect(() => sessionKeyFrom(randomBytes(16).toString('base64url'))).toThrow(/32 bytes/);
  });
});

describe('the anti-forgery checks', () => {
  it('binds a form token to the session secret and the form action', () => {
    const token = formToken('secret-of-anne-0123456789', '/deconnexion');

    expect(isFormTokenValid('secret-of-anne-0123456789', '/deconnexion', token)).toBe(true);
    expect(isFormTokenValid('secret-of-anne-0123456789', '/deconnexion?x=1', token)).toBe(true);
    expect(isFormTokenValid('secret-of-bob-00123456789', '/deconnexion', token)).toBe(false);
    expect(isFormTokenValid('secret-of-anne-0123456789', '/signaler', token)).toBe(false);
    expect(isFormTokenValid('secret-of-anne-0123456789', '/deconnexion', undefined)).toBe(false);
  });

  it('knows a request from the portal by its Origin, else its Referer, else Sec-Fetch-Site', () => {
    const origin = 'https://ville.example.fr';
    expect(isSameOrigin({ origin }, origin)).toBe(true);
    expect(isSameOrigin({ origin: 'null' }, origin)).toBe(false);
    expect(isSameOrigin({ origin: 'https://ville.example.fr.evil.example' }, origin)).toBe(false);
    expect(isSameOrigin({ referer: `${origin}/signaler` }, origin)).toBe(true);
    expect(isSameOrigin({ referer: `${origin}.evil.example/` }, origin)).toBe(false);
    expect(isSameOrigin({ 'sec-fetch-site': 'same-origin' }, origin)).toBe(true);
    expect(isSameOrigin({ 'sec-fetch-site': 'cross-site' }, origin)).toBe(false);
    expect(isSameOrigin({}, origin)).toBe(false);
  });
});

describe('the cookies', () => {
  it('are HttpOnly and SameSite=Lax, Secure with the __Host- prefix over https', () => {
    const secure = { secure: true };
    expect(setCookie(sessionCookieName(secure), 'v', 60, secure)).toBe(
      '__Host-vo_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    expect(clearCookie('vo_session', { secure: false })).toBe('vo_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
  });
});

describe('return paths', () => {
  it('are paths of this site only', () => {
    expect(['/', '/signalements/1', '/a?b=c'].map(isLocalPath)).toEqual([true, true, true]);
    expect(
      ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:x', '/a\nb'].map(isLocalPath),
    ).toEqual([false, false, false, false, false]);
    expect(portalPaths.signIn('//evil.example')).toBe('/connexion');
  });
});
