// GET /open311/v2/requests/{service_request_id}.json|xml
import { open311 } from '../../shared/open311/open311-app';
import { open311Handler } from '../../shared/open311/open311-http';
import { open311Routes } from '../../shared/open311/open311-routes';

export const handler = open311Handler(open311Routes.open311GetServiceRequest, async ({ params, query }) => ({
  root: 'service_requests',
  body: await open311.getServiceRequest(query.jurisdiction_id, params.file),
}));
