/**
 * Open311's HTTP conventions over the platform's HTTP stack: the format is the path's extension
 * (`.json` or `.xml`), and errors — validation ones included — are Open311's error list in that
 * format, with the specification's statuses, instead of problem+json.
 */
import { httpHandler, type HttpRequest, type RouteResponse } from '../runtime/http';
import type { RouteDeclaration } from '../wiring/types';
import { formatOfPath, open311ErrorsOf } from './open311';
import { renderOpen311, type XmlRoot } from './open311-xml';

export interface Open311Answer {
  /** The XML root element; the JSON is the same value. */
  readonly root: XmlRoot;
  readonly body: unknown;
}

/** An Open311 route: its one answer, 200, declares its media type (JSON, XML, or JSON with an XML alternative). */
type Open311Route = RouteDeclaration & {
  readonly contract: { readonly responses: { readonly 200: { readonly contentType: string } } };
};

export const open311Handler = <const R extends Open311Route>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<Open311Answer>,
) =>
  httpHandler(
    route,
    async (request) => {
      const { root, body } = await handle(request);
      // A text answer with a media type, which the route's 200 declares (the type cannot see it through R).
      return { ...renderOpen311(formatOfPath(request.path), root, body), status: 200 } as RouteResponse<R>;
    },
    {
      renderError: (problem, { path }) => {
        const { status, errors } = open311ErrorsOf(problem);
        return renderOpen311(formatOfPath(path), 'errors', errors, status);
      },
    },
  );

/**
 * The endpoint's own URL, for discovery: the host asked, https unless a proxy says otherwise (the
 * local runtime is plain http on a loopback address), and the path up to /discovery.
 */
export const endpointUrl = (headers: Readonly<Record<string, string | undefined>>, path: string): string => {
  const host = headers.host ?? 'localhost';
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  const scheme = headers['x-forwarded-proto']?.split(',')[0]?.trim() || (loopback ? 'http' : 'https');
  return `${scheme}://${host}${path.replace(/\/discovery\.(json|xml)$/, '')}`;
};
