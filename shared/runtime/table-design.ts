/**
 * The single table's key design, read by the CDK stack and by the local runtime (CreateTable), so
 * both worlds have the same table. Generic keys; what each index serves is written next to the
 * repositories that use it.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /** Epoch seconds after which DynamoDB may delete the item. */
  timeToLiveAttribute: 'expiresAt',
} as const;
