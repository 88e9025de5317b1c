// GET /territories/{siren}/audit
import { audit } from '../../shared/audit/audit-app';
import { auditRoutes } from '../../shared/audit/audit-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(auditRoutes.listAuditEntries, async ({ params, query, principal }) =>
  ok(
    await audit.list(principal, params.siren, query.limit, query.cursor, {
      from: query.from,
      to: query.to,
      action: query.action,
      actor: query.actor,
    }),
  ),
);
