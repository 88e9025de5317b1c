// schedule enforceRetention: forgets the people of reports closed longer than the territory keeps them, and old audit entries
import { retention } from '../../shared/privacy/privacy-app';
import { scheduledHandler } from '../../shared/runtime/scheduled';

export const handler = scheduledHandler(
  'retention enforced',
  () => retention.enforceRetention(),
  (done) => done.reports + done.auditEntries > 0,
);
