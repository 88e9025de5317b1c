// GET /ngsi-ld/v1/types/{type}
import { ngsiLdHandler } from '../../shared/sensors/ngsi-ld-http';
import { ngsiLd } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = ngsiLdHandler(sensorRoutes.ngsiLdGetType, ({ params }, tenant) =>
  ngsiLd.getType(tenant, params.type),
);
