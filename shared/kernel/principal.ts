/**
 * Who is calling, and where they may act. Pure: the HTTP stack builds a Principal from a verified
 * token, use cases ask it questions.
 */
import { ForbiddenError } from './errors';

export const ROLES = ['citizen', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LEVEL: Readonly<Record<Role, number>> = { citizen: 1, agent: 2, admin: 3 };

export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** SIREN of the territory (EPCI) an agent or admin belongs to. */
  readonly territory?: string;
  /** INSEE code of the commune a commune agent belongs to; absent for metropolitan agents. */
  readonly commune?: string;
  readonly issuer: string;
  /**
   * Identity claims a citizen's provider may give (FranceConnect and the like), read for
   * participation eligibility only and never shown: date of birth (OIDC `birthdate`, YYYY-MM-DD),
   * postal code of residence (OIDC `address.postal_code`), INSEE code of the commune of residence
   * (claim `residence_insee`).
   */
  readonly birthdate?: string;
  readonly postalCode?: string;
  readonly residenceInsee?: string;
  /**
   * The caller's e-mail address (OIDC `email`), unless the provider says it is not verified
   * (`email_verified: false`): where a citizen is told of the reports they follow.
   */
  readonly email?: string;
}

export const isTerritoryAdmin = (p: Principal, siren: string): boolean => p.role === 'admin' && p.territory === siren;

/** A territory admin acts on the whole territory; a commune agent on its commune only. */
export const assertTerritoryAdmin = (p: Principal, siren: string): void => {
  if (!isTerritoryAdmin(p, siren)) throw new ForbiddenError(`Only an admin of territory ${siren} may do this`);
};

export const assertCanActOnCommune = (p: Principal, siren: string, insee: string): void => {
  if (isTerritoryAdmin(p, siren)) return;
  if (p.role === 'agent' && p.territory === siren && (p.commune === undefined || p.commune === insee)) return;
  throw new ForbiddenError(
    p.role === 'agent' && p.territory === siren
      ? `An agent of commune ${p.commune} may not act on commune ${insee}`
      : `You may not act on commune ${insee} of territory ${siren}`,
  );
};

/** Metropolitan scope: a territory admin, or an agent of the territory attached to no commune. */
export const assertCanActOnTerritory = (p: Principal, siren: string): void => {
  if (isTerritoryAdmin(p, siren)) return;
  if (p.role === 'agent' && p.territory === siren && p.commune === undefined) return;
  throw new ForbiddenError(
    p.role === 'agent' && p.territory === siren
      ? `An agent of commune ${p.commune} may not act on the whole territory ${siren}`
      : `You may not act on the whole territory ${siren}`,
  );
};
