// GET /open311/v2/services.json, GET /open311/v2/services.xml
import { open311 } from '../../shared/open311/open311-app';
import { open311Handler } from '../../shared/open311/open311-http';
import { open311Routes } from '../../shared/open311/open311-routes';

export const handler = open311Handler(open311Routes.open311ListServices, async ({ query }) => ({
  root: 'services',
  body: await open311.listServices(query.jurisdiction_id),
}));
