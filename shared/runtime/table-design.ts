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
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
    { indexName: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
    { indexName: 'gsi8', partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
  ],
  /** Epoch seconds after which DynamoDB may delete the item. */
  timeToLiveAttribute: 'expiresAt',
} as const;
