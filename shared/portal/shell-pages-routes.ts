/**
 * The pages of the portal's shell: home, sign-in and out, the static pages, not found. Declared
 * like every route (page-route.ts says what a page declares); portal-routes.ts gathers every page.
 */
import * as z from 'zod';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, PageFormBody, pageHandlerPath as page } from './page-route';

export const shellPageRoutes = {
  getHomePage: defineRoute({
    id: 'getHomePage',
    method: 'GET',
    path: '/',
    handler: page('get-home-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Home: the territory, a commune picker, recent reports of the commune, open consultations',
    hidden: true,
    contract: {
      query: z.object({ commune: z.string().max(10).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getSignInPage: defineRoute({
    id: 'getSignInPage',
    method: 'GET',
    path: '/connexion',
    handler: page('get-sign-in-page'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'Sign-in: the identity providers; with ?fournisseur=N, off to that one (OIDC code flow with PKCE)',
    hidden: true,
    contract: {
      query: z.object({
        retour: z.string().max(500).optional(),
        fournisseur: z.coerce.number().int().min(0).max(20).optional(),
        echec: z.string().max(10).optional(),
      }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getSignInCallback: defineRoute({
    id: 'getSignInCallback',
    method: 'GET',
    path: '/connexion/retour',
    handler: page('get-sign-in-callback'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'Back from the identity provider: the code exchanged, the session opened, back to where the visitor was',
    hidden: true,
    contract: {
      // The provider's answer (code, state, iss — or error), read by the OIDC client as it came.
      query: z.record(z.string(), z.string().max(4000)),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  signOut: defineRoute({
    id: 'signOut',
    method: 'POST',
    path: '/deconnexion',
    handler: page('sign-out'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'Sign-out: the session cookie cleared',
    hidden: true,
    bodyFormat: 'form',
    maxBodyBytes: 4096,
    contract: { body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getAccessibilityPage: defineRoute({
    id: 'getAccessibilityPage',
    method: 'GET',
    path: '/accessibilite',
    handler: page('get-accessibility-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "Déclaration d'accessibilité (RGAA 4.1 model)",
    hidden: true,
    contract: { responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getLegalNoticePage: defineRoute({
    id: 'getLegalNoticePage',
    method: 'GET',
    path: '/mentions-legales',
    handler: page('get-legal-notice-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Mentions légales',
    hidden: true,
    contract: { responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getPrivacyPage: defineRoute({
    id: 'getPrivacyPage',
    method: 'GET',
    path: '/donnees-personnelles',
    handler: page('get-privacy-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'The personal data kept, why, and for how long',
    hidden: true,
    contract: { responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  /**
   * Any other GET path: the French "page introuvable" (404). A greedy path parameter is the least
   * specific route there is (API Gateway and the local gateway alike), so every declared route —
   * the API, /api, /openapi.json, /health — wins over it; /assets/* is CloudFront's (S3) and
   * /_local/* and /open-data/* the local runtime's own, answered before the declared routes.
   */
  getNotFoundPage: defineRoute({
    id: 'getNotFoundPage',
    method: 'GET',
    path: '/{path+}',
    handler: page('get-not-found-page'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'Any other path: the French "page introuvable" (404)',
    hidden: true,
    contract: {
      params: z.object({ path: z.string() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
} as const;
