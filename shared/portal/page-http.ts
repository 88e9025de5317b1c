/**
 * The HTTP stack of a page: the platform's own (runtime/http.ts: validation, security headers,
 * correlation ids, logs) with what pages add around the handler —
 *   session cookie → (POST) same origin + per-form token → (signed-in pages) sign in first
 *   → the handler renders or redirects → the session cookie set again if it changed;
 * errors become French HTML pages, and every page gets a Content-Security-Policy without
 * 'unsafe-inline' (scripts, styles, images and requests from this origin only).
 *
 * A creating form (`<Form once>`) carries a once-only key: its POST runs through the platform's
 * idempotency records (runtime/idempotency.ts, what JSON routes do with Idempotency-Key), keyed by
 * the form's key and the visitor, and only a redirect is recorded. So a double click or a form
 * sent again after "back" is redirected where the first one went (the same confirmation), while a
 * refused form releases its key and can be corrected and sent again.
 */
import { ConflictError, ForbiddenError } from '../kernel/errors';
import { newId, ULID_PATTERN } from '../kernel/ids';
import { ROLE_LEVEL, type Principal, type Role } from '../kernel/principal';
import type { Problem } from '../kernel/problem';
import { httpHandler, type HttpRequest, type HttpResponse, type RouteResponse } from '../runtime/http';
import { runIdempotently } from '../runtime/idempotency';
import type { RouteDeclaration } from '../wiring/types';
import { clearCookie, sessionCookieName, setCookie, type CookieOptions } from './cookies';
import { pageCsp } from './content-security-policy';
import { CSRF_FIELD, formToken, isFormTokenValid, isSameOrigin, ONCE_FIELD } from './csrf';
import { readForm, formErrorsFrom, type FieldLabels, type FormErrors, type FormInput } from './form-errors';
import { messagesFor, type Messages } from './i18n';
import type { PageContext } from './page-context';
import { errorPage } from './pages/error-page';
import { assetUrl, configuredOrigin, sessions, tiles, uploadsOrigin } from './portal-app';
import { portalPaths } from './portal-paths';
import { renderPage, type PageContent } from './render';
import { ANONYMOUS_SECONDS, newSession, SIGNED_IN_SECONDS, type Session, type SessionCodec } from './session';
import type { ZodType } from 'zod';

/** What a page handler returns: HTML (a page, or a refused form again), a redirect, or a file to download (CSV). */
export type PageResult =
  | { readonly kind: 'html'; readonly status: 200 | 400 | 422; readonly html: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'download'; readonly contentType: string; readonly filename: string; readonly text: string };

/** What a page handler gets besides the request: the visitor, rendering, redirects, forms, the session. */
export interface PageTools {
  readonly t: Messages;
  /** The signed-in visitor (from the session cookie); present on pages declared `signedIn`. */
  readonly principal?: Principal;
  /** The page in the layout; 400/422 for a form shown again with its errors. */
  render(content: PageContent, status?: 200 | 400 | 422): PageResult;
  /** 303 See Other (after a POST, or elsewhere). */
  redirect(location: string): PageResult;
  /** Validates a posted form with the page's schema: French messages per field when refused. */
  readForm<S extends ZodType>(schema: S, labels: FieldLabels): FormInput<S>;
  /** A use case's refusal (InvalidInputError, RuleViolationError) as form errors; undefined for other errors (rethrow them). */
  formErrors(
    error: unknown,
    labels: FieldLabels,
    ruleFields?: Readonly<Record<string, string>>,
  ): FormErrors | undefined;
  /** This site's origin (https://… in AWS, http://localhost:3000 locally). */
  readonly origin: string;
  readonly cookieOptions: CookieOptions;
  /** Seals and opens sessions and sign-in transactions (sign-in pages). */
  readonly codec: SessionCodec;
  /** Opens a signed-in session: a new one, so a new anti-forgery secret (no session fixation). */
  signIn(principal: Principal): void;
  /** Closes the session: the cookie is cleared. */
  signOut(): void;
  /** Another cookie to set with the answer (the sign-in transaction). */
  addCookie(setCookieValue: string): void;
}

export interface PageOptions {
  /** The page needs a signed-in visitor of at least this role: anonymous visitors are sent to sign in first. */
  readonly signedIn?: Role;
}

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** The origin the visitor sees: the configured one (CloudFront's), else the request's Host. */
const originOf = (headers: Readonly<Record<string, string | undefined>>): string => {
  if (configuredOrigin) return configuredOrigin;
  const host = headers.host ?? 'localhost';
  return `${LOOPBACK_HOST.test(host) ? 'http' : 'https'}://${host}`;
};

/** The origin map tiles come from, when configured. */
const tileOrigin = (() => {
  if (!tiles) return undefined;
  try {
    return new URL(tiles.url.replace(/[{}]/g, '')).origin;
  } catch {
    return undefined;
  }
})();

/** Every page's CSP (content-security-policy.ts): no 'unsafe-inline', this origin only, Trusted Types. */
export const PAGE_CSP = pageCsp({ tileOrigin, uploadsOrigin });

const SECURITY_HEADERS = {
  // With middy's `no-referrer`, a browser posts forms with `Origin: null`: same-origin keeps the Origin check possible.
  referrerPolicy: { policy: 'same-origin' },
  // Tiles from another origin send no Cross-Origin-Resource-Policy: they load without credentials instead.
  crossOriginEmbedderPolicy: tiles ? { policy: 'credentialless' } : { policy: 'require-corp' },
};

const NO_STORE = { 'Cache-Control': 'no-store' };

/** A second POST of a form waits this long at most for the first one to finish, then says 409. */
const ONCE_WAIT_MS = 8000;
const ONCE_POLL_MS = 200;

/** A handler's answer that is not a redirect: given back to the visitor, not recorded for the key. */
class NotRecorded extends Error {
  constructor(readonly result: PageResult) {
    super('not a redirect');
  }
}

/**
 * Runs `handle` once per form key: a redirect is recorded (and replayed to the same key); anything
 * else (the form refused, the nearby reports) releases the key. While the first POST of a key is
 * still running, a second one waits for its answer.
 */
const runOnce = async (
  scope: { readonly key: string; readonly routeId: string; readonly path: string; readonly caller: string },
  handle: () => Promise<PageResult>,
): Promise<PageResult> => {
  const started = Date.now();
  for (;;) {
    let ran = false;
    try {
      const result = await runIdempotently(
        // One key, one form: what was typed may differ (corrected after "back"), the answer is the same.
        { ...scope, request: null },
        async () => {
          ran = true;
          const answer = await handle();
          if (answer.kind !== 'redirect') throw new NotRecorded(answer);
          return { statusCode: 303, headers: { Location: answer.location } };
        },
      );
      const location = result.headers?.Location;
      if (typeof location !== 'string') throw new Error('A recorded form answer has no Location');
      return { kind: 'redirect', location };
    } catch (error) {
      if (error instanceof NotRecorded) return error.result;
      // The first POST of this key is still running: wait for its answer.
      if (!ran && error instanceof ConflictError && Date.now() - started < ONCE_WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, ONCE_POLL_MS));
        continue;
      }
      throw error;
    }
  }
};

/** A context for pages answered without a session (error pages). */
const bareContext = (t: Messages, path: string): PageContext => ({
  t,
  path,
  csrfToken: () => '',
  formKey: () => newId(),
  asset: assetUrl,
  ...(tiles ? { tiles } : {}),
});

/** Errors as pages in French; the problem's English detail stays in the log. */
export const renderErrorPage = (problem: Problem, request: { readonly path: string }): HttpResponse => {
  const t = messagesFor();
  const content = errorPage(t, problem.status, problem.correlationId);
  return {
    status: problem.status,
    text: renderPage(bareContext(t, request.path), content),
    contentType: 'text/html; charset=utf-8',
  };
};

const visitorOf = (t: Messages, principal: Principal | undefined) =>
  principal ? { label: principal.email ?? t.roles[principal.role] ?? principal.role, role: principal.role } : undefined;

/**
 * Builds a page route's Lambda handler. `route` is a page declaration (page-route.ts: public,
 * answering HTML); `handle` renders with `page.render(...)` or redirects with `page.redirect(...)`.
 */
export const pageHandler = <const R extends RouteDeclaration>(
  route: R,
  handle: (request: HttpRequest<R>, page: PageTools) => Promise<PageResult>,
  options: PageOptions = {},
) =>
  httpHandler(
    route,
    async (request): Promise<RouteResponse<R>> => {
      const t = messagesFor();
      const codec = await sessions();
      const origin = originOf(request.headers);
      const cookieOptions: CookieOptions = { secure: origin.startsWith('https:') };
      const sessionCookie = sessionCookieName(cookieOptions);
      let session: Session | undefined = await codec.openSession(request.cookies[sessionCookie]);
      let sessionChanged = false;
      let sessionClosed = false;
      const cookies: string[] = [];

      let body = request.body as unknown;
      let onceKey: string | undefined;
      if (route.method !== 'GET') {
        if (!isSameOrigin(request.headers, origin)) throw new ForbiddenError(`The form was not sent from ${origin}`);
        const form = (body ?? {}) as Record<string, unknown>;
        if (!session || !isFormTokenValid(session.csrf, request.path, form[CSRF_FIELD])) {
          throw new ForbiddenError('The anti-forgery token of the form is missing, expired or not this form’s');
        }
        const { [CSRF_FIELD]: _token, [ONCE_FIELD]: key, ...rest } = form;
        body = rest;
        // Only a route that writes keeps records (a key sent elsewhere is ignored), and only a ULID is a key.
        if (route.table === 'write' && typeof key === 'string' && ULID_PATTERN.test(key)) onceKey = key;
      }

      const principal = session?.principal;
      if (options.signedIn) {
        if (!principal) {
          if (route.method !== 'GET') throw new ForbiddenError('Sign in first');
          return {
            status: 303,
            headers: { Location: portalPaths.signIn(request.path), ...NO_STORE },
          } as unknown as RouteResponse<R>;
        }
        if (ROLE_LEVEL[principal.role] < ROLE_LEVEL[options.signedIn]) {
          throw new ForbiddenError(`This page requires the ${options.signedIn} role`);
        }
      }

      const context = (): PageContext => ({
        t,
        path: request.path,
        visitor: visitorOf(t, session?.principal),
        csrfToken: (action) => {
          if (!session) {
            // An anonymous visitor about to see a form that posts: their session (and its secret) starts here.
            session = newSession();
            sessionChanged = true;
          }
          return formToken(session.csrf, action);
        },
        // The same form shown again keeps the key it was sent with; any other form gets a new one.
        formKey: (action) => (onceKey && action.split(/[?#]/)[0] === request.path ? onceKey : newId()),
        asset: assetUrl,
        ...(tiles ? { tiles } : {}),
      });

      const tools: PageTools = {
        t,
        ...(principal ? { principal } : {}),
        render: (content, status = 200) => ({ kind: 'html', status, html: renderPage(context(), content) }),
        redirect: (location) => ({ kind: 'redirect', location }),
        readForm: (schema, labels) => readForm(t, schema, body, labels),
        formErrors: (error, labels, ruleFields) => formErrorsFrom(t, error, labels, ruleFields),
        origin,
        cookieOptions,
        codec,
        signIn: (signedIn) => {
          session = newSession(signedIn);
          sessionChanged = true;
          sessionClosed = false;
        },
        signOut: () => {
          session = undefined;
          sessionClosed = true;
        },
        addCookie: (value) => void cookies.push(value),
      };

      const run = () => handle({ ...request, body } as HttpRequest<R>, tools);
      const openedWith = session;
      const result =
        onceKey && openedWith
          ? await runOnce(
              {
                key: onceKey,
                routeId: route.id,
                path: request.path,
                // The visitor: signed in, their subject; else their session (its secret, hashed with the key).
                caller: openedWith.principal?.sub ?? `session:${openedWith.csrf}`,
              },
              run,
            )
          : await run();

      if (sessionClosed) cookies.push(clearCookie(sessionCookie, cookieOptions));
      else if (sessionChanged && session) {
        const seconds = session.principal ? SIGNED_IN_SECONDS : ANONYMOUS_SECONDS;
        cookies.push(setCookie(sessionCookie, await codec.sealSession(session), seconds, cookieOptions));
      }
      const answer: HttpResponse =
        result.kind === 'redirect'
          ? { status: 303, headers: { Location: result.location, ...NO_STORE }, cookies }
          : result.kind === 'download'
            ? {
                status: 200,
                text: result.text,
                contentType: result.contentType,
                headers: { ...NO_STORE, 'Content-Disposition': `attachment; filename="${result.filename}"` },
                cookies,
              }
            : {
                status: result.status,
                text: result.html,
                contentType: 'text/html; charset=utf-8',
                headers: NO_STORE,
                cookies,
              };
      return answer as unknown as RouteResponse<R>;
    },
    { renderError: renderErrorPage, contentSecurityPolicy: PAGE_CSP, securityHeaders: SECURITY_HEADERS },
  );
