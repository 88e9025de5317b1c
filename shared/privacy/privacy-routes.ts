/** The privacy context's routes: part of the one wiring declaration (shared/wiring). */
import { z } from 'zod';
import { defineRoute } from '../wiring/define';
import { PersonalDataView } from './personal-data';
import { CONTROLLER, ProcessingRecord } from './register';

const tag = 'Privacy';
const fn = (name: string) => `functions/privacy/${name}.ts`;

export const PrivacyRegisterView = z
  .object({ controller: z.string(), activities: z.array(ProcessingRecord) })
  .meta({ id: 'PrivacyRegister' });
export { CONTROLLER };

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
