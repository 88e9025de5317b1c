// consumer recordAuditEntry: keeps every administrative change in the audit log
import { audit } from '../../shared/audit/audit-app';
import { queueConsumer } from '../../shared/events/consumer';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = queueConsumer(consumerDeclarations.recordAuditEntry, audit.record);
