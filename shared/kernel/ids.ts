import { ulid } from 'ulid';

/** Sortable unique ids (ULID): time-ordered, so they make good sort keys. */
export const newId = (): string => ulid();

/** What a ULID looks like: 26 characters of Crockford's base 32. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
