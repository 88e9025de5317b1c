// GET /ngsi-ld/v1/temporal/entities?type=&id=&q=&georel=&timerel=&timeAt=&endTimeAt=&lastN=&limit=&offset=&count=
import { ngsiLdHandler } from '../../shared/sensors/ngsi-ld-http';
import { ngsiLd } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = ngsiLdHandler(sensorRoutes.ngsiLdQueryTemporalEntities, async ({ query }, tenant) => {
  const { entities, count, tenant: siren, truncated, range } = await ngsiLd.queryTemporalEntities(tenant, query);
  const counted: Record<string, string> = query.count === 'true' ? { 'NGSILD-Results-Count': String(count) } : {};
  // More instances than one answer holds: 206, and the range asked for (ETSI GS CIM 009, 6.3.10).
  return truncated && range
    ? {
        body: entities,
        tenant: siren,
        status: 206,
        headers: { ...counted, 'Content-Range': `date-time ${range.from}-${range.to}/*` },
      }
    : { body: entities, tenant: siren, headers: counted };
});
