// POST /open311/v2/requests.json, POST /open311/v2/requests.xml (application/x-www-form-urlencoded)
import { open311 } from '../../shared/open311/open311-app';
import { open311Handler } from '../../shared/open311/open311-http';
import { open311Routes } from '../../shared/open311/open311-routes';

export const handler = open311Handler(open311Routes.postServiceRequestJson, async ({ body, principal }) => ({
  root: 'service_requests',
  body: await open311.postServiceRequest(principal, body),
}));
