/**
 * A visitor of the portal over plain HTTP (no browser): keeps its cookies, follows nothing by
 * itself (each redirect is an answer to check), signs in through the development provider's
 * authorization code flow, and posts forms with their anti-forgery token as a page gives it.
 * For end-to-end tests of pages that need no rendering (test/e2e/portal-*.test.ts).
 */
import { baseUrl } from '../support/http';
import type { DevIdentity } from './harness';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The Location of a redirect, relative to the portal when it points there. */
  readonly location?: string;
  /** Set-Cookie lines of this answer. */
  readonly setCookies: readonly string[];
}

/** The hidden anti-forgery field of the form that posts to `action`, in a page. */
export const formTokenIn = (html: string, action: string): string | undefined => {
  const form = new RegExp(
    `<form[^>]*action="${action.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[^>]*>([^]*?)</form>`,
  ).exec(html);
  return form ? /name="_csrf" value="([^"]*)"/.exec(form[1]!)?.[1] : undefined;
};

export class HttpVisitor {
  readonly cookies = new Map<string, string>();

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0
      ? {}
      : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private async answer(response: Response): Promise<HttpAnswer> {
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (/Max-Age=0\b/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get('location') ?? undefined;
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      setCookies,
      ...(location ? { location: location.startsWith(baseUrl()) ? location.slice(baseUrl().length) : location } : {}),
    };
  }

  /** GET a path of the portal (or an absolute URL on this machine). */
  async get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${baseUrl()}${pathOrUrl}`;
    return this.answer(await fetch(url, { redirect: 'manual', headers: { ...this.cookieHeader(), ...headers } }));
  }

  /** POST a form, as a page of the portal sends it (Origin of the portal unless `headers` say otherwise). */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    return this.answer(
      await fetch(path.startsWith('http') ? path : `${baseUrl()}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: baseUrl(),
          ...this.cookieHeader(),
          ...headers,
        },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  }

  /** Posts the form of `page` (a path) that posts to `action`, with its anti-forgery token. */
  async submit(page: string, action: string, fields: Record<string, string> = {}): Promise<HttpAnswer> {
    const token = formTokenIn((await this.get(page)).text, action);
    if (!token) throw new Error(`No form posting to ${action} on ${page}`);
    return this.post(action, { _csrf: token, ...fields });
  }

  /**
   * Signs in with the development provider (authorization code + PKCE, as a browser would go):
   * returns the last answer (the redirect back to `returnTo`).
   */
  async signIn(identity: DevIdentity = {}, returnTo?: string): Promise<HttpAnswer> {
    const start = await this.get(
      `/connexion?fournisseur=0${returnTo ? `&retour=${encodeURIComponent(returnTo)}` : ''}`,
    );
    if (start.status !== 303 || !start.location) throw new Error(`/connexion answered ${start.status}`);
    const authorize = new URL(start.location, baseUrl());
    const chosen = await this.post(`${authorize.origin}${authorize.pathname}`, {
      ...Object.fromEntries(authorize.searchParams),
      role: identity.role ?? 'citizen',
      ...Object.fromEntries(Object.entries(identity).filter(([key]) => key !== 'role')),
    });
    if (chosen.status !== 303 || !chosen.location)
      throw new Error(`authorize answered ${chosen.status}: ${chosen.text}`);
    return this.get(chosen.location);
  }
}
