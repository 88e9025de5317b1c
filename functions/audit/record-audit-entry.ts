// TEMP STUB (local runtime dev) — delete
export const handler = async (event: { Records: unknown[] }) => {
  console.log('audit got', event.Records.length);
  return { batchItemFailures: [] };
};
