/** The audit use cases wired to DynamoDB. */
import { dynamoAuditStore } from './audit-store';
import { makeAuditUseCases } from './audit-log';

export const audit = makeAuditUseCases(dynamoAuditStore);
