/**
 * A signed-in citizen's rights on the portal (GDPR): "Mes données" says what is held and how long,
 * downloads everything as JSON (the API's export, behind the session), and asks for erasure with
 * a confirmed form (POST → 303). Declared like every page (page-route.ts) and spread into
 * portal-routes.ts.
 */
import * as z from 'zod';
import { defineRoute } from '../wiring/define';
import {
  definePageRoute,
  PAGE_ERRORS,
  PAGE_RESPONSES,
  PAGE_TAG as tag,
  PageFormBody,
  pageHandlerPath as page,
} from './page-route';

export const MY_DATA_NOTICES = ['effacement'] as const;

export const privacyPageRoutes = {
  getMyDataPage: definePageRoute({
    id: 'getMyDataPage',
    method: 'GET',
    path: '/mes-donnees',
    table: 'read',
    summary: 'A signed-in citizen’s data: the download, the erasure form and where an erasure request stands',
    contract: { query: z.object({ avis: z.enum(MY_DATA_NOTICES).optional() }) },
  }),
  getMyDataExport: defineRoute({
    id: 'getMyDataExport',
    method: 'GET',
    path: '/mes-donnees/export',
    handler: page('get-my-data-export'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Everything held about the signed-in citizen, as a JSON file (GET /me/personal-data behind the session)',
    hidden: true,
    contract: {
      responses: {
        200: {
          description: 'The personal data, as a JSON attachment',
          contentType: 'application/json',
          headers: {
            ...PAGE_RESPONSES[200].headers,
            'Content-Disposition': { description: 'attachment; filename=donnees-personnelles-<date>.json' },
          },
        },
        303: PAGE_RESPONSES[303],
      },
      errors: PAGE_ERRORS,
    },
  }),
  requestMyDataErasure: definePageRoute({
    id: 'requestMyDataErasure',
    method: 'POST',
    path: '/mes-donnees/effacement',
    table: 'write',
    publishesEvents: true,
    summary: 'Ask that the signed-in citizen’s data be erased (confirmed by a checkbox), then back to "Mes données"',
    bodyFormat: 'form',
    maxBodyBytes: 4096,
    contract: { body: PageFormBody },
  }),
};
