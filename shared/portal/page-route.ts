/**
 * What every page route declares (portal-routes.ts and the pages of each context): it answers
 * HTML, may set the session cookie, redirects with 303 after a form, shows a refused form again
 * with 400/422, and writes its errors as HTML pages (not problem+json). Page routes are `public`
 * at the gateway: the visitor is known from the session cookie, checked by page-http.ts.
 */
import * as z from 'zod';

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
