import { ForbiddenError } from '../../shared/kernel/errors';
import { assertCanActOnCommune, assertTerritoryAdmin, type Principal } from '../../shared/kernel/principal';

const toulouseAgent: Principal = { sub: 'a', role: 'agent', territory: '243100518', commune: '31555', issuer: 'i' };
const metropolitanAgent: Principal = { sub: 'm', role: 'agent', territory: '243100518', issuer: 'i' };
const admin: Principal = { sub: 'b', role: 'admin', territory: '243100518', issuer: 'i' };
const bordeauxAdmin: Principal = { sub: 'c', role: 'admin', territory: '243300316', issuer: 'i' };

describe('tenant scope', () => {
  test('a commune agent acts on its own commune', () => {
    expect(() => assertCanActOnCommune(toulouseAgent, '243100518', '31555')).not.toThrow();
  });

  test('a Toulouse agent may not act on Colomiers, and is told so', () => {
    expect(() => assertCanActOnCommune(toulouseAgent, '243100518', '31149')).toThrow(
      new ForbiddenError('An agent of commune 31555 may not act on commune 31149'),
    );
  });

  test('a metropolitan agent acts on every commune of its territory', () => {
    expect(() => assertCanActOnCommune(metropolitanAgent, '243100518', '31149')).not.toThrow();
  });

  test("a territory admin administers its territory and not another one's", () => {
    expect(() => assertTerritoryAdmin(admin, '243100518')).not.toThrow();
    expect(() => assertTerritoryAdmin(bordeauxAdmin, '243100518')).toThrow(ForbiddenError);
  });

  test('an agent is not a territory admin', () => {
    expect(() => assertTerritoryAdmin(metropolitanAgent, '243100518')).toThrow(ForbiddenError);
  });
});
