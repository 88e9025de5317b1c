/**
 * The back office's own pages (its home); each area's pages are declared in its own
 * `back-office-<area>-pages-routes.ts` and spread into portal-routes.ts beside this one. Back-office
 * pages are page routes like the others (page-route.ts), declared `signedIn: 'agent'` by their
 * handlers: an anonymous visitor goes to sign-in, a citizen gets the 403 page in words.
 */
import * as z from 'zod';
import { definePageRoute } from './page-route';

export const backOfficePageRoutes = {
  getBackOfficeHomePage: definePageRoute({
    id: 'getBackOfficeHomePage',
    method: 'GET',
    path: '/agents',
    table: 'none',
    summary: "The back office's home: the sections the signed-in agent or admin may work in",
    contract: { query: z.object({}) },
  }),
};
