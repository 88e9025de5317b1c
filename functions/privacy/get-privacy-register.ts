// GET /privacy/register
import { CONTROLLER, REGISTER } from '../../shared/privacy/register';
import { privacyRoutes } from '../../shared/privacy/privacy-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(privacyRoutes.getPrivacyRegister, () =>
  Promise.resolve(ok({ controller: CONTROLLER, activities: [...REGISTER] })),
);
