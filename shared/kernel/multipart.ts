/**
 * `multipart/form-data` request bodies (RFC 7578), for routes declared `bodyFormat: 'multipart'`:
 * an HTML form with a file input that must work without JavaScript (a commune's GeoJSON boundary).
 * Every part is read as UTF-8 text — the files these forms take are text — and keyed by its name;
 * a file input left empty (no file chosen) and an empty field count as not sent, as in a
 * urlencoded form. A name sent twice keeps its first value.
 */
import { InvalidInputError } from './errors';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (why: string) => new InvalidInputError(`The multipart form body is not readable: ${why}`);

/** The boundary a Content-Type header names (quoted or not). */
export const multipartBoundary = (contentType: string): string | undefined => {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
};

export const parseMultipartForm = (text: string, boundary: string): Record<string, string> => {
  const form: Record<string, string> = Object.create(null) as Record<string, string>;
  const delimiter = `--${boundary}`;
  const start = text.indexOf(delimiter);
  if (start < 0) throw refuse('its boundary is not in it');
  // Parts lie between delimiters; the last delimiter is followed by "--".
  const chunks = text.slice(start + delimiter.length).split(`\r\n${delimiter}`);
  let closed = false;
  for (const chunk of chunks) {
    if (chunk.startsWith('--')) {
      closed = true;
      break;
    }
    const part = chunk.replace(/^\r\n/, '');
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw refuse('a part has no header');
    const headers = part.slice(0, headerEnd);
    const content = part.slice(headerEnd + 4);
    const disposition = /^content-disposition:\s*form-data\s*;(.*)$/im.exec(headers)?.[1];
    if (disposition === undefined) throw refuse('a part has no Content-Disposition: form-data');
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (!name || RESERVED.has(name)) throw refuse('a part has no usable name');
    if (content === '' || name in form) continue;
    form[name] = content;
  }
  if (!closed) throw refuse('it does not end with its closing boundary');
  return { ...form };
};
