// GET /ngsi-ld/v1/temporal/entities/{id}?timerel=&timeAt=&endTimeAt=&lastN=&aggrMethods=&aggrPeriodDuration=
import { ngsiLdHandler } from '../../shared/sensors/ngsi-ld-http';
import { ngsiLd } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = ngsiLdHandler(sensorRoutes.ngsiLdGetTemporalEntity, async ({ params, query }, tenant) => {
  const { entity, tenant: siren, truncated, range } = await ngsiLd.temporalEntity(params.id, tenant, query);
  // More instances than one answer holds: 206, and the range asked for (ETSI GS CIM 009, 6.3.10).
  return truncated
    ? {
        body: entity,
        tenant: siren,
        status: 206,
        headers: { 'Content-Range': `date-time ${range.from}-${range.to}/*` },
      }
    : { body: entity, tenant: siren };
});
