/**
 * The back office's sensors pages: the alerts by state (acknowledge, close), the alert rules and
 * their editor (territory admins edit, agents read), the partners and their API keys (admins).
 * Page routes (page-route.ts), `signedIn: 'agent'` in their handlers. Forms post to the page they
 * sit on and answer 303 back to it — except a new API key, which is shown once in the answer to
 * its POST itself (200): never in a URL, never kept in the session.
 */
import * as z from 'zod';
import { Cursor } from '../kernel/schemas';
import { Slug } from '../sensors/sensors';
import { definePageRoute, PageFormBody } from './page-route';

const form = { bodyFormat: 'form', maxBodyBytes: 16 * 1024 } as const;

/** The alert states in the URL's words. */
export const ALERT_STATE_PARAMS = { ouvertes: 'open', 'prises-en-charge': 'acknowledged', closes: 'closed' } as const;
export type AlertStateParam = keyof typeof ALERT_STATE_PARAMS;
export const ALERT_NOTICES = ['acquittee', 'close'] as const;
export const RULE_NOTICES = ['enregistree', 'supprimee'] as const;
export const PARTNER_NOTICES = ['inscrit', 'revoquee'] as const;

export const backOfficeSensorsPageRoutes = {
  getBackOfficeSensorAlertsPage: definePageRoute({
    id: 'getBackOfficeSensorAlertsPage',
    method: 'GET',
    path: '/agents/capteurs/alertes',
    table: 'read',
    summary: "The sensor alerts of the agent's scope in a state, newest first, by pages",
    contract: {
      query: z.object({
        etat: z.enum(['ouvertes', 'prises-en-charge', 'closes']).default('ouvertes'),
        suite: Cursor,
        avis: z.enum(ALERT_NOTICES).optional(),
      }),
    },
  }),
  submitBackOfficeSensorAlertForm: definePageRoute({
    id: 'submitBackOfficeSensorAlertForm',
    method: 'POST',
    path: '/agents/capteurs/alertes',
    table: 'write',
    publishesEvents: true,
    summary: 'Acknowledges or closes a sensor alert, with an optional note',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeSensorRulesPage: definePageRoute({
    id: 'getBackOfficeSensorRulesPage',
    method: 'GET',
    path: '/agents/capteurs/regles',
    table: 'read',
    summary: 'The alert rules of the territory, and (admins) the form of a new or chosen rule',
    contract: { query: z.object({ regle: Slug.optional(), avis: z.enum(RULE_NOTICES).optional() }) },
  }),
  submitBackOfficeSensorRuleForm: definePageRoute({
    id: 'submitBackOfficeSensorRuleForm',
    method: 'POST',
    path: '/agents/capteurs/regles',
    table: 'write',
    publishesEvents: true,
    summary: 'Saves or deletes an alert rule (territory admins)',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeSensorPartnersPage: definePageRoute({
    id: 'getBackOfficeSensorPartnersPage',
    method: 'GET',
    path: '/agents/capteurs/partenaires',
    table: 'read',
    summary: 'The sensor partners and their API keys (territory admins)',
    contract: { query: z.object({ avis: z.enum(PARTNER_NOTICES).optional() }) },
  }),
  submitBackOfficeSensorPartnerForm: definePageRoute({
    id: 'submitBackOfficeSensorPartnerForm',
    method: 'POST',
    path: '/agents/capteurs/partenaires',
    table: 'write',
    publishesEvents: true,
    summary: 'Registers a partner, issues (shown once), rotates or revokes an API key',
    ...form,
    contract: { body: PageFormBody },
  }),
};
