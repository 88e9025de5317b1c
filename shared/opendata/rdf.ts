/**
 * Just enough RDF to write a catalogue two ways: a graph of nodes (named ones listed once, blank
 * ones nested where they are used), serialized as JSON-LD with its @context inline (prefixes
 * only: every key is a compact IRI, every literal says its type or language, so the document
 * means the same to any JSON-LD processor and needs no remote context) and as Turtle (n3's
 * writer does the escaping). Pure: no I/O.
 */
import { DataFactory, Writer, type Quad_Object } from 'n3';

export const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
} as const;

type Prefix = keyof typeof PREFIXES;
/** A compact IRI (`dcat:Dataset`) or an absolute one. */
export type IriText = `${Prefix}:${string}` | `${string}:${string}`;

export type Value =
  | { readonly kind: 'iri'; readonly iri: string }
  | { readonly kind: 'literal'; readonly value: string; readonly language?: string; readonly datatype?: string }
  | { readonly kind: 'blank'; readonly node: BlankNode };

export interface BlankNode {
  readonly types: readonly string[];
  readonly properties: readonly (readonly [predicate: string, value: Value])[];
}

export interface NamedNode extends BlankNode {
  readonly id: string;
}

export const iri = (value: string): Value => ({ kind: 'iri', iri: value });
export const text = (value: string, language?: string): Value => ({
  kind: 'literal',
  value,
  ...(language ? { language } : {}),
});
export const typed = (value: string, datatype: string): Value => ({ kind: 'literal', value, datatype });
export const blank = (types: readonly string[], properties: BlankNode['properties']): Value => ({
  kind: 'blank',
  node: { types, properties },
});

/** `dcat:Dataset` → http://www.w3.org/ns/dcat#Dataset; an absolute IRI stays as it is. */
export const expand = (value: string): string => {
  const at = value.indexOf(':');
  const prefix = value.slice(0, at) as Prefix;
  return at > 0 && Object.hasOwn(PREFIXES, prefix) && !value.startsWith(`${prefix}://`)
    ? `${PREFIXES[prefix]}${value.slice(at + 1)}`
    : value;
};

// ---------------------------------------------------------------------------------------------
// JSON-LD

type JsonLdValue =
  string | { '@id': string } | { '@value': string; '@language'?: string; '@type'?: string } | JsonLdNode;
interface JsonLdNode {
  '@id'?: string;
  '@type'?: string[];
  [key: string]: JsonLdValue | JsonLdValue[] | string | string[] | undefined;
}

const jsonLdValue = (value: Value): JsonLdValue => {
  switch (value.kind) {
    case 'iri':
      return { '@id': value.iri };
    case 'literal':
      if (value.language) return { '@value': value.value, '@language': value.language };
      if (value.datatype) return { '@value': value.value, '@type': value.datatype };
      return value.value;
    case 'blank':
      return jsonLdNode(value.node);
  }
};

const jsonLdNode = (node: BlankNode | NamedNode): JsonLdNode => {
  const out: JsonLdNode = {};
  if ('id' in node) out['@id'] = node.id;
  if (node.types.length > 0) out['@type'] = [...node.types];
  for (const [predicate, value] of node.properties) {
    const existing = out[predicate];
    const next = jsonLdValue(value);
    out[predicate] = existing === undefined ? [next] : [...(existing as JsonLdValue[]), next];
  }
  return out;
};

/** A top-level node of a JSON-LD document: named, typed, and its properties. */
export type JsonLdGraphNode = { readonly '@id': string; readonly '@type'?: string[] } & Readonly<
  Record<string, unknown>
>;

export interface JsonLdDocument {
  readonly '@context': Readonly<Record<string, string>>;
  readonly '@graph': readonly JsonLdGraphNode[];
}

/** The graph as one JSON-LD document, its @context inline (prefixes only). */
export const toJsonLd = (nodes: readonly NamedNode[]): JsonLdDocument => ({
  '@context': { ...PREFIXES },
  '@graph': nodes.map((node) => ({ ...jsonLdNode(node), '@id': node.id })),
});

// ---------------------------------------------------------------------------------------------
// Turtle

const { namedNode, literal } = DataFactory;

/** The graph as Turtle, with the same prefixes. */
export const toTurtle = (nodes: readonly NamedNode[]): Promise<string> => {
  const writer = new Writer({ prefixes: { ...PREFIXES } });
  const rdfType = namedNode(expand('rdf:type'));
  const term = (value: Value): Quad_Object => {
    switch (value.kind) {
      case 'iri':
        return namedNode(expand(value.iri));
      case 'literal':
        return literal(value.value, value.language ?? (value.datatype ? namedNode(expand(value.datatype)) : undefined));
      case 'blank':
        return writer.blank([
          ...value.node.types.map((type) => ({ predicate: rdfType, object: namedNode(expand(type)) })),
          ...value.node.properties.map(([predicate, object]) => ({
            predicate: namedNode(expand(predicate)),
            object: term(object),
          })),
        ]) as Quad_Object;
    }
  };
  for (const node of nodes) {
    const subject = namedNode(expand(node.id));
    for (const type of node.types) writer.addQuad(subject, rdfType, namedNode(expand(type)));
    for (const [predicate, value] of node.properties) {
      writer.addQuad(subject, namedNode(expand(predicate)), term(value));
    }
  }
  return new Promise((resolve, reject) =>
    writer.end((error, result: string) => (error ? reject(error) : resolve(result))),
  );
};
