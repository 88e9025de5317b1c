// POST /open311/v2/requests.json, POST /open311/v2/requests.xml (application/x-www-form-urlencoded)
import { open311 } from '../../shared/open311/open311-app';
import { open311Handler } from '../../shared/open311/open311-http';
import { open311Routes } from '../../shared/open311/open311-routes';
import { count } from '../../shared/runtime/metrics';

export const handler = open311Handler(open311Routes.open311PostServiceRequest, async ({ body, principal }) => {
  const created = await open311.postServiceRequest(principal, body);
  count('ReportsFiled');
  return { root: 'service_requests', body: created };
});
