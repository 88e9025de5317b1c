/**
 * What every template may read about the request being answered: the messages, the visitor, the
 * per-form anti-forgery token, the asset URLs. Given once to the page (a preact context), so
 * components take only their own props.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from '../kernel/principal';
import type { Messages } from './i18n';

export interface PageVisitor {
  /** What the header shows: the e-mail, or the role when the provider gives none. */
  readonly label: string;
  readonly role: Role;
}

export interface PageContext {
  readonly t: Messages;
  /** The path answered (aria-current in the navigation, the return path of "Se connecter"). */
  readonly path: string;
  /** Absent for an anonymous visitor. */
  readonly visitor?: PageVisitor;
  /** The token a POST form to `action` carries (csrf.ts); reading it opens a session if none exists. */
  csrfToken(action: string): string;
  /**
   * The once-only key a POST form to `action` carries (page-http.ts): the key just posted when the
   * same form is shown again (refused, or the nearby reports), else a fresh ULID.
   */
  formKey(action: string): string;
  /** The URL of a built asset by its logical name (portal.css, portal.js, map.css, favicon.svg). */
  asset(name: string): string;
  /** Base map tiles, when configured: maps read well without. */
  readonly tiles?: { readonly url: string; readonly attribution?: string };
}

export const PageContextValue = createContext<PageContext | undefined>(undefined);

export const usePage = (): PageContext => {
  const context = useContext(PageContextValue);
  if (!context) throw new Error('A page component was rendered outside renderPage()');
  return context;
};
