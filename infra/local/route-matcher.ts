/**
 * Matches request paths against API Gateway path templates: literal segments, `{name}` (one
 * segment) and a final greedy `{name+}` (one or more segments). Like API Gateway, the most
 * specific route wins: a literal beats a parameter, which beats a greedy tail.
 */
type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export interface PathTemplate {
  readonly template: string;
  match(path: string): Record<string, string> | undefined;
}

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

const splitPath = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

const parseSegment = (segment: string): Segment => {
  const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
  if (!param) return { kind: 'literal', value: segment };
  return param[2] ? { kind: 'greedy', name: param[1]! } : { kind: 'param', name: param[1]! };
};

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is passed on as sent
  }
};

export const compileTemplate = (template: string): PathTemplate & { readonly segments: readonly Segment[] } => {
  const segments = splitPath(template).map(parseSegment);
  const greedyAt = segments.findIndex((segment) => segment.kind === 'greedy');
  if (greedyAt !== -1 && greedyAt !== segments.length - 1) {
    throw new Error(`Path ${template}: a greedy {name+} parameter must be the last segment`);
  }
  return {
    template,
    segments,
    match(path) {
      const parts = splitPath(path);
      const params: Record<string, string> = {};
      for (const [i, segment] of segments.entries()) {
        const part = parts[i];
        if (part === undefined) return undefined;
        if (segment.kind === 'greedy') {
          params[segment.name] = parts.slice(i).map(decode).join('/');
          return params;
        }
        if (segment.kind === 'literal' && decode(part) !== segment.value) return undefined;
        if (segment.kind === 'param') params[segment.name] = decode(part);
      }
      return parts.length === segments.length ? params : undefined;
    },
  };
};

/** Orders templates most specific first, segment by segment, so the first match is the right one. */
export const bySpecificity = (
  a: { readonly segments: readonly Segment[] },
  b: { readonly segments: readonly Segment[] },
): number => {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const left = a.segments[i];
    const right = b.segments[i];
    if (!left || !right) return left ? 1 : -1; // shorter first when one is a prefix of the other
    const difference = RANK[left.kind] - RANK[right.kind];
    if (difference !== 0) return difference;
  }
  return 0;
};
