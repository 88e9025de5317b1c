// GET /ngsi-ld/v1/types?details=
import { ngsiLdHandler } from '../../shared/sensors/ngsi-ld-http';
import { ngsiLd } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = ngsiLdHandler(sensorRoutes.ngsiLdListTypes, ({ query }, tenant) =>
  ngsiLd.listTypes(tenant, query),
);
