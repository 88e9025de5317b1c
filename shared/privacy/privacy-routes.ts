/** The privacy context's routes: part of the one wiring declaration (shared/wiring). */
import * as z from 'zod';
import { defineRoute } from '../wiring/define';
import { PersonalDataView } from './personal-data';
import { CONTROLLER, ProcessingRecord } from './register';
import { RetentionSettingsBody, RetentionSettingsRecord } from './retention';
import { TerritoryParams } from '../territory/territory-shared-schemas';

const tag = 'Privacy';
const fn = (name: string) => `functions/privacy/${name}.ts`;

export const PrivacyRegisterView = z
  .object({ controller: z.string(), activities: z.array(ProcessingRecord) })
  .meta({ id: 'PrivacyRegister' });
export { CONTROLLER };

export const ErasureRequestView = z
  .object({
    requestId: z.string(),
    requestedAt: z.string(),
    state: z.enum(['pending', 'done']),
    completedAt: z.string().optional(),
    /** What was removed, by `<territory SIREN>/<kind>`: counts, never the data. */
    removed: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'ErasureRequest' });

export const privacyRoutes = {
  getPersonalData: defineRoute({
    id: 'getPersonalData',
    method: 'GET',
    path: '/me/personal-data',
    handler: fn('get-personal-data'),
    access: 'citizen',
    table: 'read',
    tag,
    summary: 'Everything the platform holds about the caller, every territory (GDPR access and portability)',
    contract: {
      responses: {
        200: {
          description: 'The personal data, as a JSON file',
          schema: PersonalDataView,
          headers: { 'Content-Disposition': { description: 'attachment; filename=donnees-personnelles-<date>.json' } },
        },
      },
    },
  }),
  erasePersonalData: defineRoute({
    id: 'erasePersonalData',
    method: 'DELETE',
    path: '/me/personal-data',
    handler: fn('erase-personal-data'),
    access: 'citizen',
    table: 'write',
    publishesEvents: true,
    tag,
    summary:
      'Erase the caller’s personal data, every territory (GDPR erasure): contact data and identity links go, ' +
      'public contributions stay signed "Un habitant", a ballot stays counted but unlinked; done within minutes',
    contract: {
      responses: {
        202: {
          description: 'Accepted (or already pending: the same request); follow Location for its state',
          schema: ErasureRequestView,
          headers: { Location: { description: 'The request’s state' } },
        },
      },
    },
  }),
  getErasureRequest: defineRoute({
    id: 'getErasureRequest',
    method: 'GET',
    path: '/me/personal-data/erasure',
    handler: fn('get-erasure-request'),
    access: 'citizen',
    table: 'read',
    tag,
    summary: 'Where the caller’s last erasure request stands (kept 30 days after it was done)',
    contract: {
      responses: { 200: { description: 'The request', schema: ErasureRequestView } },
      problems: { 404: 'No erasure request in the last 30 days' },
    },
  }),
  getRetentionSettings: defineRoute({
    id: 'getRetentionSettings',
    method: 'GET',
    path: '/territories/{siren}/privacy/retention',
    handler: fn('get-retention-settings'),
    access: 'admin',
    table: 'read',
    tag,
    summary: 'How long the contact data of closed reports and the audit entries are kept (12 and 60 months by default)',
    contract: {
      params: TerritoryParams,
      responses: { 200: { description: 'The retention settings', schema: RetentionSettingsRecord } },
    },
  }),
  setRetentionSettings: defineRoute({
    id: 'setRetentionSettings',
    method: 'PUT',
    path: '/territories/{siren}/privacy/retention',
    handler: fn('set-retention-settings'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Set the retention delays, in months (audited); the daily retention job applies them',
    contract: {
      params: TerritoryParams,
      body: RetentionSettingsBody,
      responses: { 200: { description: 'The settings as saved', schema: RetentionSettingsRecord } },
    },
  }),
  getPrivacyRegister: defineRoute({
    id: 'getPrivacyRegister',
    method: 'GET',
    path: '/privacy/register',
    handler: fn('get-privacy-register'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'The register of processing activities (GDPR Art. 30)',
    contract: { responses: { 200: { description: 'The register', schema: PrivacyRegisterView } } },
  }),
};
