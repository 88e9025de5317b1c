/**
 * The pages of the portal's shell: home, sign-in and out, the static pages, not found. Declared
 * like every route (page-route.ts says what a page declares); portal-routes.ts gathers every page.
 */
import * as z from 'zod';
import { definePageRoute, PageFormBody } from './page-route';

export const shellPageRoutes = {
  getHomePage: definePageRoute({
    id: 'getHomePage',
    method: 'GET',
    path: '/',
    table: 'read',
    summary: 'Home: the territory, a commune picker, recent reports of the commune, open consultations',
    contract: { query: z.object({ commune: z.string().max(10).optional() }) },
  }),
  getSignInPage: definePageRoute({
    id: 'getSignInPage',
    method: 'GET',
    path: '/connexion',
    table: 'none',
    summary: 'Sign-in: the identity providers; with ?fournisseur=N, off to that one (OIDC code flow with PKCE)',
    contract: {
      query: z.object({
        retour: z.string().max(500).optional(),
        fournisseur: z.coerce.number().int().min(0).max(20).optional(),
        echec: z.string().max(10).optional(),
      }),
    },
  }),
  getSignInCallback: definePageRoute({
    id: 'getSignInCallback',
    method: 'GET',
    path: '/connexion/retour',
    table: 'none',
    summary: 'Back from the identity provider: the code exchanged, the session opened, back to where the visitor was',
    contract: {
      // The provider's answer (code, state, iss — or error), read by the OIDC client as it came.
      query: z.record(z.string(), z.string().max(4000)),
    },
  }),
  signOut: definePageRoute({
    id: 'signOut',
    method: 'POST',
    path: '/deconnexion',
    table: 'none',
    summary: 'Sign-out: the session cookie cleared',
    bodyFormat: 'form',
    maxBodyBytes: 4096,
    contract: { body: PageFormBody },
  }),
  getAccessibilityPage: definePageRoute({
    id: 'getAccessibilityPage',
    method: 'GET',
    path: '/accessibilite',
    table: 'read',
    summary: "Déclaration d'accessibilité (RGAA 4.1 model)",
  }),
  getLegalNoticePage: definePageRoute({
    id: 'getLegalNoticePage',
    method: 'GET',
    path: '/mentions-legales',
    table: 'read',
    summary: 'Mentions légales',
  }),
  getPrivacyPage: definePageRoute({
    id: 'getPrivacyPage',
    method: 'GET',
    path: '/donnees-personnelles',
    table: 'read',
    summary: 'The personal data kept, why, and for how long',
  }),
  /**
   * Any other GET path: the French "page introuvable" (404). A greedy path parameter is the least
   * specific route there is (API Gateway and the local gateway alike), so every declared route —
   * the API, /api, /openapi.json, /health — wins over it; /assets/* is CloudFront's (S3) and
   * /_local/* and /open-data/* the local runtime's own, answered before the declared routes.
   */
  getNotFoundPage: definePageRoute({
    id: 'getNotFoundPage',
    method: 'GET',
    path: '/{path+}',
    table: 'none',
    summary: 'Any other path: the French "page introuvable" (404)',
    contract: { params: z.object({ path: z.string() }) },
  }),
} as const;
