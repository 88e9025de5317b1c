// GET /ngsi-ld/v1/entities/{id}
import { ngsiLdHandler } from '../../shared/sensors/ngsi-ld-http';
import { ngsiLd } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = ngsiLdHandler(sensorRoutes.ngsiLdGetEntity, async ({ params, query }, tenant) => {
  const { entity, tenant: siren } = await ngsiLd.getEntity(params.id, tenant, query);
  return { body: entity, tenant: siren };
});
