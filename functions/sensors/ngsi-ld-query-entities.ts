// GET /ngsi-ld/v1/entities?type=&id=&q=&georel=&geometry=&coordinates=&attrs=&limit=&offset=&count=
import { ngsiLdHandler } from '../../shared/sensors/ngsi-ld-http';
import { ngsiLd } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = ngsiLdHandler(sensorRoutes.ngsiLdQueryEntities, async ({ query }, tenant) => {
  const { entities, count, tenant: siren } = await ngsiLd.queryEntities(tenant, query);
  return {
    body: entities,
    tenant: siren,
    ...(query.count === 'true' ? { headers: { 'NGSILD-Results-Count': String(count) } } : {}),
  };
});
