/**
 * A module imported on first use rather than with its importer. esbuild keeps a dynamically imported
 * module in the bundle but runs it only when first imported, so a function that never reaches it
 * (a page that writes nothing, a list without photos) does not pay its start-up at every cold start:
 * an AWS client built, every context's event schemas. The one that does pays it once, on first use.
 */
export const onFirstUse = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
};
