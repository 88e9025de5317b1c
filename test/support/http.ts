/** Small helpers for end-to-end tests against the local runtime started by global-setup. */
export const baseUrl = (): string => {
  const url = process.env.E2E_BASE_URL;
  if (!url)
    throw new Error(
      'E2E_BASE_URL is not set: run the tests with `npm test` (test/support/global-setup.ts starts the runtime)',
    );
  return url;
};

export interface TokenRequest {
  readonly role: 'citizen' | 'agent' | 'admin';
  /** SIREN of the territory. */
  readonly territory?: string;
  /** INSEE code of the commune. */
  readonly commune?: string;
  readonly sub?: string;
  /** Identity claims of a citizen (participation eligibility): YYYY-MM-DD, 5 digits, INSEE code. */
  readonly birthdate?: string;
  readonly postalCode?: string;
  readonly residenceInsee?: string;
  /** The OIDC `email` claim (given as verified): where the citizen's notifications go. */
  readonly email?: string;
}

export interface JsonResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Fetches `path` on the runtime; `json` is sent as the body, `token` as a bearer token. */
export const fetchJson = async <T = unknown>(
  path: string,
  options: {
    readonly method?: string;
    readonly json?: unknown;
    readonly token?: string;
    readonly headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse<T>> => {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await response.text();
  // An answer that is not JSON (an HTML page, an empty 204) comes back as its text.
  const isJson = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
  return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T };
};

/** A token from the development issuer (POST /_local/token). */
export const getToken = async (request: TokenRequest): Promise<string> => {
  const response = await fetchJson<{ access_token: string }>('/_local/token', { json: request });
  if (response.status !== 200)
    throw new Error(`POST /_local/token answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.access_token;
};

export interface AuditEntryView {
  readonly action: string;
  readonly subject: string;
  readonly actor: { readonly sub: string; readonly role: string } | null;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * A territory's whole audit log, newest first, page by page: other test files and the demo data
 * write to it at the same time, so an entry may lie past the first page.
 */
export const auditLog = async (siren: string, token: string): Promise<AuditEntryView[]> => {
  const entries: AuditEntryView[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchJson<{ items: AuditEntryView[]; cursor?: string }>(
      `/territories/${siren}/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    entries.push(...page.body.items);
    cursor = page.body.cursor;
  } while (cursor);
  return entries;
};
