/**
 * The portal's cookies. Both are HttpOnly and SameSite=Lax (sent on a top-level navigation from
 * elsewhere — the identity provider's redirect back — but not on a cross-site POST), and Secure
 * with the `__Host-` prefix whenever the portal is served over https (everywhere but localhost).
 */
export interface CookieOptions {
  /** Served over https: Secure, and the `__Host-` prefix (no Domain, Path=/). */
  readonly secure: boolean;
}

/** The session (session.ts), 8 hours once signed in. */
export const sessionCookieName = ({ secure }: CookieOptions) => (secure ? '__Host-vo_session' : 'vo_session');
/** The sign-in in progress (state, nonce, PKCE verifier), 10 minutes. */
export const signInCookieName = ({ secure }: CookieOptions) => (secure ? '__Host-vo_signin' : 'vo_signin');

export const setCookie = (name: string, value: string, maxAgeSeconds: number, { secure }: CookieOptions): string =>
  [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');

export const clearCookie = (name: string, options: CookieOptions): string => setCookie(name, '', 0, options);
