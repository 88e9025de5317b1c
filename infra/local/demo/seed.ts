// TEMP STUB (local runtime dev) — delete
export const seedDemoData = async (): Promise<void> => {};
