/**
 * What every page route declares (portal-routes.ts and the pages of each context): it answers
 * HTML, may set the session cookie, redirects with 303 after a form, shows a refused form again
 * with 400/422, and writes its errors as HTML pages (not problem+json). Page routes are `public`
 * at the gateway: the visitor is known from the session cookie, checked by page-http.ts.
 * `definePageRoute` fills all that in; a route that answers something else than a page (a CSV, a
 * JSON download) uses the pieces below with `defineRoute`.
 */
import * as z from 'zod';
import { defineRoute } from '../wiring/define';
import type { RouteContract, RouteDeclaration } from '../wiring/types';

export const PAGE_TAG = 'Portal';

/** functions/portal/<name>.ts */
export const pageHandlerPath = (name: string) => `functions/portal/${name}.ts`;

const PAGE_HEADERS = {
  'Cache-Control': { description: 'Pages are not stored by caches: they depend on the session' },
  'Set-Cookie': { description: 'The session cookie, when it opens, changes or closes (HttpOnly, SameSite=Lax)' },
} as const;

export const PAGE_RESPONSES = {
  200: { description: 'The page', contentType: 'text/html', headers: PAGE_HEADERS },
  303: {
    description: 'See other: the next page after a form, or sign-in first',
    headers: { Location: { description: 'Where to go' }, ...PAGE_HEADERS },
  },
  400: {
    description: 'The form again, with what is wrong next to each field',
    contentType: 'text/html',
    headers: PAGE_HEADERS,
  },
  422: {
    description: 'The form again, with the rule that refuses it',
    contentType: 'text/html',
    headers: PAGE_HEADERS,
  },
} as const;

/** Errors are pages too, in French (page-http.ts renders them). */
export const PAGE_ERRORS = {
  statuses: {
    400: 'The request is not valid',
    403: 'Not allowed, or the form did not come from this site (Origin, anti-forgery token)',
    404: 'No such page',
    409: 'Changed meanwhile',
    413: 'Body too large',
    415: 'Body not a form',
    422: 'A business rule refuses it',
    500: 'Unexpected error (the page shows the correlation id)',
  },
  contentType: 'text/html',
} as const;

/**
 * A page form's body as posted (application/x-www-form-urlencoded, parsed by the HTTP stack):
 * the page validates it itself with readForm (form-errors.ts), so that a wrong field comes back
 * as the form with a message next to it rather than an error page.
 */
export const PageFormBody = z.record(z.string(), z.unknown());

/** What a page route says of itself; the rest (below) is the same for every page. */
type PageRouteDeclaration = Omit<RouteDeclaration, 'handler' | 'access' | 'tag' | 'hidden' | 'contract'> & {
  readonly contract?: Omit<RouteContract, 'responses' | 'errors'>;
};

/**
 * Declares a page route: public at the gateway, left out of the OpenAPI document, answering and
 * failing as a page (PAGE_RESPONSES, PAGE_ERRORS); its handler is functions/portal/<its id in
 * kebab-case>.ts, the wiring's naming rule.
 */
export const definePageRoute = <const R extends PageRouteDeclaration>({ contract, ...route }: R) =>
  defineRoute({
    ...route,
    handler: pageHandlerPath(route.id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)),
    access: 'public',
    tag: PAGE_TAG,
    hidden: true,
    contract: { ...(contract as R['contract']), responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  });
