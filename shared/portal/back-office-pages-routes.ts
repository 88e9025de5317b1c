/**
 * The back office's own pages (its home); each area's pages are declared in its own
 * `back-office-<area>-pages-routes.ts` and spread into portal-routes.ts beside this one. Back-office
 * pages are page routes like the others (page-route.ts), declared `signedIn: 'agent'` by their
 * handlers: an anonymous visitor goes to sign-in, a citizen gets the 403 page in words.
 */
import * as z from 'zod';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, pageHandlerPath as page } from './page-route';

export const backOfficePageRoutes = {
  getBackOfficeHomePage: defineRoute({
    id: 'getBackOfficeHomePage',
    method: 'GET',
    path: '/agents',
    handler: page('get-back-office-home-page'),
    access: 'public',
    table: 'none',
    tag,
    summary: "The back office's home: the sections the signed-in agent or admin may work in",
    hidden: true,
    contract: { query: z.object({}), responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
};
