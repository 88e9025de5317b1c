/**
 * Open311's two formats: XML that a strict parser reads (declaration, the specification's element
 * names, escaping, characters XML cannot hold), JSON that is the same value, content types, and
 * errors as Open311's error list with the specification's statuses.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { open311ErrorsOf } from '../../shared/open311/open311';
import { escapeXml, renderOpen311, xmlDocument } from '../../shared/open311/open311-xml';
import type { Problem } from '../../shared/kernel/problem';

/** Any warning or error of the parser fails the test: the document must be well-formed. */
const parse = (xml: string) =>
  new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');

const children = (element: Element, name: string): Element[] =>
  Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === name);
const text = (element: Element, name: string) => children(element, name)[0]?.textContent;

const service = {
  service_code: 'voirie',
  service_name: 'Voirie (nids-de-poule, chaussée, trottoirs)',
  description: null,
  metadata: true,
  type: 'realtime',
  keywords: 'voirie',
  group: 'Toulouse Métropole',
};

describe('XML', () => {
  test('a service list is <services> of <service>, after the UTF-8 declaration, with null as an empty element', () => {
    const xml = xmlDocument('services', [service, { ...service, service_code: 'proprete' }]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<services>')).toBe(true);
    const root = parse(xml).documentElement!;
    const items = children(root, 'service');
    expect(items.map((s) => text(s, 'service_code'))).toEqual(['voirie', 'proprete']);
    expect(text(items[0]!, 'service_name')).toBe('Voirie (nids-de-poule, chaussée, trottoirs)');
    expect(text(items[0]!, 'metadata')).toBe('true');
    expect(children(items[0]!, 'description')[0]?.childNodes.length).toBe(0);
  });

  test('a service definition nests <attributes><attribute> and <values><value><key>/<name>', () => {
    const root = parse(
      xmlDocument('service_definition', {
        service_code: 'voirie',
        attributes: [
          {
            variable: true,
            code: 'nature',
            datatype: 'singlevaluelist',
            required: true,
            order: 1,
            values: [
              { key: 'nid-de-poule', name: 'Nid-de-poule' },
              { key: 'trottoir', name: 'Trottoir abîmé' },
            ],
          },
        ],
      }),
    ).documentElement!;
    const attribute = children(children(root, 'attributes')[0]!, 'attribute')[0]!;
    const values = children(children(attribute, 'values')[0]!, 'value');
    expect(values.map((v) => [text(v, 'key'), text(v, 'name')])).toEqual([
      ['nid-de-poule', 'Nid-de-poule'],
      ['trottoir', 'Trottoir abîmé'],
    ]);
  });

  test('requests are <service_requests> of <request>; an empty list is an empty root', () => {
    const root = parse(
      xmlDocument('service_requests', [{ service_request_id: 'A', lat: 43.6045, long: 1.4442 }]),
    ).documentElement!;
    expect(children(root, 'request').map((r) => [text(r, 'lat'), text(r, 'long')])).toEqual([['43.6045', '1.4442']]);
    expect(xmlDocument('service_requests', [])).toContain('<service_requests/>');
  });

  test("a citizen's text with markup, quotes, line breaks and control characters reads back as sent, less what XML cannot hold", () => {
    const description = 'Trou <b>"énorme"</b> & profond\r\nau n° 12 ]]> \u0001fin \u{1F573}';
    const root = parse(xmlDocument('service_requests', [{ description }])).documentElement!;
    expect(text(children(root, 'request')[0]!, 'description')).toBe(
      'Trou <b>"énorme"</b> & profond\r\nau n° 12 ]]> fin \u{1F573}',
    );
  });

  test('escaping leaves no character that starts markup', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  test('the discovery document lists its formats as <formats><format>', () => {
    const root = parse(
      xmlDocument('discovery', {
        changeset: '2026-11-24T00:00:00Z',
        endpoints: [{ url: 'https://x/open311/v2', formats: ['application/json', 'text/xml'] }],
      }),
    ).documentElement!;
    const endpoint = children(children(root, 'endpoints')[0]!, 'endpoint')[0]!;
    expect(children(children(endpoint, 'formats')[0]!, 'format').map((f) => f.textContent)).toEqual([
      'application/json',
      'text/xml',
    ]);
  });
});

describe('rendering by format', () => {
  test('JSON is the same value, as application/json in UTF-8', () => {
    const response = renderOpen311('json', 'services', [service]);
    expect(response).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8' });
    expect(JSON.parse(response.text!)).toEqual([service]);
  });

  test('XML is text/xml in UTF-8', () => {
    expect(renderOpen311('xml', 'services', [service]).contentType).toBe('text/xml; charset=utf-8');
  });
});

describe('errors', () => {
  const problem = (status: number, detail: string, errors?: Problem['errors']): Problem => ({
    type: 'urn:x',
    title: 't',
    status,
    detail,
    ...(errors ? { errors } : {}),
  });

  test('each field at fault is one error, named as Open311 names it, attributes included', () => {
    const { status, errors } = open311ErrorsOf(
      problem(400, 'Invalid body', [
        { path: 'body.lat', message: 'lat is between -90 and 90' },
        { path: 'body.answers.nature', message: 'required: Nature du problème' },
        { path: 'body.attribute.type', message: 'too long' },
        { path: 'query.status', message: 'open, closed, or both comma delimited' },
      ]),
    );
    expect(status).toBe(400);
    expect(errors).toEqual([
      { code: 400, description: 'lat: lat is between -90 and 90' },
      { code: 400, description: 'attribute[nature]: required: Nature du problème' },
      { code: 400, description: 'attribute[type]: too long' },
      { code: 400, description: 'status: open, closed, or both comma delimited' },
    ]);
  });

  test('what does not exist is a 404, a refused caller (or api_key) a 403, any other error of the request a 400', () => {
    expect(open311ErrorsOf(problem(404, 'No such thing'))).toEqual({
      status: 404,
      errors: [{ code: 404, description: 'No such thing' }],
    });
    expect(open311ErrorsOf(problem(401, 'bad token')).status).toBe(403);
    expect(open311ErrorsOf(problem(403, 'api_key was revoked')).errors).toEqual([
      { code: 403, description: 'api_key was revoked' },
    ]);
    for (const status of [413, 415, 422]) expect(open311ErrorsOf(problem(status, 'x')).status).toBe(400);
  });

  test('an Idempotency-Key in use stays a 409, one reused for another request a 422, so a client can tell', () => {
    expect(open311ErrorsOf(problem(409, 'in progress')).status).toBe(409);
    expect(open311ErrorsOf({ ...problem(422, 'reused'), rule: 'idempotency-key-reuse' }).status).toBe(422);
  });

  test('a failure of ours stays a 500', () => {
    expect(open311ErrorsOf(problem(500, 'Quote correlation id abc')).errors).toEqual([
      { code: 500, description: 'Quote correlation id abc' },
    ]);
  });

  test('the XML error list is <errors><error><code>/<description>', () => {
    const { status, errors } = open311ErrorsOf(problem(404, 'service_code x not found'));
    const root = parse(renderOpen311('xml', 'errors', errors, status).text!).documentElement!;
    const error = children(root, 'error')[0]!;
    expect([root.tagName, text(error, 'code'), text(error, 'description')]).toEqual([
      'errors',
      '404',
      'service_code x not found',
    ]);
  });
});
