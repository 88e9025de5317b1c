/**
 * Cross-site request forgery, checked twice on every state-changing POST of a page:
 * 1. the request comes from this site: `Origin` (or, when a browser sends none, `Referer` or
 *    `Sec-Fetch-Site`) names the portal's origin;
 * 2. the form carries a per-form token: HMAC-SHA256 of the form's action under the session's
 *    secret, so a token is bound to one visitor's session and one form, and needs no storage.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The form field that carries the token. */
export const CSRF_FIELD = '_csrf';

/**
 * The form field of a creating form's once-only key (a ULID, `<Form once>`): page-http.ts runs
 * such a POST once per key and redirects a second one where the first went.
 */
export const ONCE_FIELD = '_cle';

const actionPath = (action: string) => action.split(/[?#]/)[0]!;

export const formToken = (secret: string, action: string): string =>
  createHmac('sha256', secret)
    .update(`form:${actionPath(action)}`)
    .digest('base64url');

export const isFormTokenValid = (secret: string, action: string, token: unknown): boolean => {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(formToken(secret, action));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** True when the request's headers say it was sent by a page of `origin` (e.g. https://ville.fr). */
export const isSameOrigin = (headers: Readonly<Record<string, string | undefined>>, origin: string): boolean => {
  const sent = headers.origin;
  if (sent !== undefined) return sent === origin;
  const referer = headers.referer;
  if (referer !== undefined) return referer === origin || referer.startsWith(`${origin}/`);
  return headers['sec-fetch-site'] === 'same-origin';
};
