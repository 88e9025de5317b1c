/**
 * Who is calling, and where they may act. Pure: the HTTP stack builds a Principal from a verified
 * token, use cases ask it questions.
 */
import { ForbiddenError } from './errors';

export type Role = 'citizen' | 'agent' | 'admin';

export const ROLE_LEVEL: Readonly<Record<Role, number>> = { citizen: 1, agent: 2, admin: 3 };

export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** SIREN of the territory (EPCI) an agent or admin belongs to. */
  readonly territory?: string;
  /** INSEE code of the commune a commune agent belongs to; absent for metropolitan agents. */
  readonly commune?: string;
  readonly issuer: string;
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
