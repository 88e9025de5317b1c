/**
 * Sign-in with OpenID Connect, authorization code flow with PKCE (openid-client, a certified
 * relying party library): the portal is a public client; state, nonce and the code verifier travel
 * in a sealed, short-lived cookie between the two legs. Who signed in is then read from the access
 * token by the platform's own verification (runtime/auth.ts), so a session holds exactly the
 * principal a bearer token from the same issuer would give.
 */
import * as oidc from 'openid-client';
import type { Principal } from '../kernel/principal';
import { UnauthenticatedError } from '../kernel/errors';
import { verifyAuthorization } from '../runtime/auth';
import { logger } from '../runtime/logger';
import { clearCookie, setCookie, signInCookieName } from './cookies';
import type { PageTools } from './page-http';
import { signInProviders, type SignInProvider } from './portal-app';
import { isLocalPath, portalPaths } from './portal-paths';
import { SIGN_IN_SECONDS, type SignInTransaction } from './session';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata, discovered once per container; plain http only for a loopback development issuer. */
const configurationFor = (provider: SignInProvider): Promise<oidc.Configuration> => {
  let configuration = configurations.get(provider.issuer);
  if (!configuration) {
    const url = new URL(provider.issuer);
    configuration = oidc.discovery(
      url,
      provider.clientId,
      { token_endpoint_auth_method: 'none' },
      oidc.None(),
      LOOPBACK.has(url.hostname) ? { execute: [oidc.allowInsecureRequests], timeout: 5 } : { timeout: 5 },
    );
    configuration.catch(() => configurations.delete(provider.issuer));
    configurations.set(provider.issuer, configuration);
  }
  return configuration;
};

/** First leg: where to send the visitor, and what to keep until they come back. */
export const startSignIn = async (
  provider: SignInProvider,
  redirectUri: string,
  returnTo: string,
): Promise<{ readonly url: string; readonly transaction: SignInTransaction }> => {
  const configuration = await configurationFor(provider);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, transaction: { issuer: provider.issuer, state, nonce, verifier, returnTo } };
};

/**
 * Second leg: `callbackUrl` is the redirect URI with the provider's answer in its query. Checks
 * state, the PKCE verifier (at the token endpoint), the ID token's nonce, then the access token.
 */
export const finishSignIn = async (
  provider: SignInProvider,
  transaction: SignInTransaction,
  callbackUrl: URL,
): Promise<Principal> => {
  const configuration = await configurationFor(provider);
  const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: transaction.verifier,
    expectedState: transaction.state,
    expectedNonce: transaction.nonce,
    idTokenExpected: true,
  });
  const principal = await verifyAuthorization(`Bearer ${tokens.access_token}`);
  if (!principal) throw new UnauthenticatedError('The provider gave no access token');
  return principal;
};

/** `retour` when it is a path of this site; the home page otherwise (no open redirect). */
export const safeReturnPath = (path: string | undefined): string => (path && isLocalPath(path) ? path : '/');

/** Off to the provider: the transaction sealed in a 10-minute cookie, the visitor redirected. */
export const redirectToProvider = async (page: PageTools, provider: SignInProvider, returnTo: string) => {
  const { url, transaction } = await startSignIn(provider, `${page.origin}${portalPaths.signInCallback}`, returnTo);
  const sealed = await page.codec.sealSignIn(transaction);
  page.addCookie(setCookie(signInCookieName(page.cookieOptions), sealed, SIGN_IN_SECONDS, page.cookieOptions));
  return page.redirect(url);
};

/**
 * Back from the provider with its answer (`query`): on success a new signed-in session and back
 * to where the visitor was; on any failure back to the sign-in page, which says so.
 */
export const completeSignIn = async (
  page: PageTools,
  cookies: Readonly<Record<string, string>>,
  query: Readonly<Record<string, string>>,
) => {
  const transaction = await page.codec.openSignIn(cookies[signInCookieName(page.cookieOptions)]);
  page.addCookie(clearCookie(signInCookieName(page.cookieOptions), page.cookieOptions));
  const provider = signInProviders.find((candidate) => candidate.issuer === transaction?.issuer);
  if (!transaction || !provider) return page.redirect(portalPaths.signInFailed());
  try {
    const callbackUrl = new URL(`${page.origin}${portalPaths.signInCallback}?${new URLSearchParams({ ...query })}`);
    page.signIn(await finishSignIn(provider, transaction, callbackUrl));
    return page.redirect(transaction.returnTo);
  } catch (error) {
    logger.warn('sign-in failed', { issuer: provider.issuer, reason: (error as Error).message });
    return page.redirect(portalPaths.signInFailed(transaction.returnTo));
  }
};
