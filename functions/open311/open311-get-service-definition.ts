// GET /open311/v2/services/{service_code}.json|xml
import { open311 } from '../../shared/open311/open311-app';
import { open311Handler } from '../../shared/open311/open311-http';
import { open311Routes } from '../../shared/open311/open311-routes';

export const handler = open311Handler(open311Routes.open311GetServiceDefinition, async ({ params, query }) => ({
  root: 'service_definition',
  body: await open311.getServiceDefinition(query.jurisdiction_id, params.file),
}));
