/**
 * Open311's two formats. JSON is the XML mapped by the Spark convention, so one value renders as
 * both: a list under an element named `services` is written as `<services><service>…</service>…`,
 * its item name taken from ITEM_NAMES; null is an empty element; absent is nothing.
 * Element names are ours, never a caller's: only text content needs escaping.
 */
import type { Format } from './open311';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The element each list item gets, by the list's element name. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

export type XmlRoot = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors';

type Value = string | number | boolean | null | undefined | readonly Value[] | { readonly [name: string]: Value };

/** Characters XML 1.0 cannot hold, even escaped (controls, lone surrogates, U+FFFE/FFFF): dropped. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const escapeXml = (text: string): string =>
  text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // A parser turns a bare CR into a LF: keep it as sent.
    .replace(/\r/g, '&#13;');

const element = (name: string, value: Value, depth: number): string[] => {
  const pad = '  '.repeat(depth);
  if (value === undefined) return [];
  if (value === null) return [`${pad}<${name}/>`];
  if (typeof value !== 'object') return [`${pad}<${name}>${escapeXml(String(value))}</${name}>`];
  const children = Array.isArray(value)
    ? (value as readonly Value[]).flatMap((item) => {
        const itemName = ITEM_NAMES[name];
        if (!itemName) throw new Error(`No XML item name for a list in <${name}>`);
        return element(itemName, item, depth + 1);
      })
    : Object.entries(value).flatMap(([child, v]) => element(child, v, depth + 1));
  return children.length === 0 ? [`${pad}<${name}/>`] : [`${pad}<${name}>`, ...children, `${pad}</${name}>`];
};

/** A whole document: the declaration the specification asks for, then the root element. */
export const xmlDocument = (root: XmlRoot, value: Value): string =>
  ['<?xml version="1.0" encoding="UTF-8"?>', ...element(root, value, 0)].join('\n') + '\n';

/** An Open311 answer: a document in one of the two formats. */
export interface Open311Document {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
}

/** The answer in the format asked for. */
export const renderOpen311 = (format: Format, root: XmlRoot, value: unknown, status = 200): Open311Document =>
  format === 'xml'
    ? { status, text: xmlDocument(root, value as Value), contentType: XML_CONTENT_TYPE }
    : { status, text: JSON.stringify(value), contentType: JSON_CONTENT_TYPE };
