/**
 * The queue the schedule and the admin route fill and the exporter drains. Apart from opendata.ts
 * so that the consumers' wiring (imported by every function that publishes events) names it
 * without building the open-data schemas at import.
 */
export const OPEN_DATA_EXPORTS_QUEUE = 'open-data-exports';
