/**
 * What the catalogue routes need from the request: the API's public base URL (configured, or the
 * origin the caller reached: API Gateway sets X-Forwarded-Proto) and the page links.
 */
import { config } from '../runtime/config';
import { DEFAULT_CATALOG_PAGE_SIZE } from './catalog-use-cases';

export const publicApiBaseUrl = (headers: Readonly<Record<string, string | undefined>>): string => {
  if (config.openData.apiBaseUrl) return config.openData.apiBaseUrl;
  const proto = headers['x-forwarded-proto']?.split(',')[0]?.trim() || 'http';
  return `${proto}://${headers.host ?? 'localhost'}`;
};

/** The catalogue's own URL at another page, keeping the page size asked for. */
export const catalogPageUrl =
  (apiBaseUrl: string, path: string, pageSize: number, defaultPageSize: number) =>
  (page: number): string => {
    const query = new URLSearchParams({ page: String(page) });
    if (pageSize !== defaultPageSize) query.set('pageSize', String(pageSize));
    return `${apiBaseUrl}${path}?${query.toString()}`;
  };

/** What the catalogue use case needs from a catalogue request: its links' bases and the page asked for. */
export const catalogRequest = (request: {
  readonly params: { readonly siren: string };
  readonly query: { readonly page: number; readonly pageSize: number };
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly path: string;
}) => {
  const apiBaseUrl = publicApiBaseUrl(request.headers);
  return {
    page: request.query.page,
    pageSize: request.query.pageSize,
    apiBaseUrl,
    pageUrl: catalogPageUrl(apiBaseUrl, request.path, request.query.pageSize, DEFAULT_CATALOG_PAGE_SIZE),
  };
};
