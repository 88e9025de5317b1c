// GET /open311/v2/discovery.json, GET /open311/v2/discovery.xml
import { discoveryOf } from '../../shared/open311/open311';
import { endpointUrl, open311Handler } from '../../shared/open311/open311-http';
import { open311Routes } from '../../shared/open311/open311-routes';

export const handler = open311Handler(open311Routes.open311Discovery, async ({ headers, path }) => ({
  root: 'discovery',
  body: discoveryOf(endpointUrl(headers, path)),
}));
