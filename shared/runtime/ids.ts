import { ulid } from 'ulid';

/** Sortable unique ids (ULID): time-ordered, so they make good sort keys. */
export const newId = (): string => ulid();
