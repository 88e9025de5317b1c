import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root: handler paths in the wiring are relative to it. */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
