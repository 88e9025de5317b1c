/**
 * What every context's test fixtures share: the demo territory's codes, the principals that act
 * in it, square boundaries, and a clock the test sets. The context fixtures (reports-, sensors-,
 * participation-fixtures.ts) build their `setUp…(label)` factories on these.
 */
import type { Principal } from '../../shared/kernel/principal';

/** Toulouse Métropole and two of its communes. */
export const SIREN = '243100518';
export const TOULOUSE = '31555';
export const COLOMIERS = '31149';

export const admin: Principal = { sub: 'admin-1', role: 'admin', territory: SIREN, issuer: 'test' };
export const metropolitanAgent: Principal = { sub: 'agent-metropole', role: 'agent', territory: SIREN, issuer: 'test' };
/** An agent of one commune of the territory. */
export const agentOf = (commune: string, sub = `agent-${commune}`): Principal => ({
  sub,
  role: 'agent',
  territory: SIREN,
  commune,
  issuer: 'test',
});
export const citizen = (name: string | number, claims: Partial<Principal> = {}): Principal => ({
  sub: `citizen-${name}`,
  role: 'citizen',
  issuer: 'test',
  ...claims,
});

/** A GeoJSON polygon of the box [west, south, east, north]. */
export const boxPolygon = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

/** A square polygon of `size` degrees with its south-west corner at (lon, lat). */
export const square = (lon: number, lat: number, size = 0.01) => boxPolygon(lon, lat, lon + size, lat + size);

/** A clock the test sets; it follows the system clock until then, unless it `start`s at a given time. */
export const settableClock = (start?: string) => {
  let fixed = start === undefined ? undefined : Date.parse(start);
  return {
    now: () => new Date(fixed ?? Date.now()),
    set: (at: string | number) => void (fixed = typeof at === 'number' ? at : Date.parse(at)),
    release: () => void (fixed = undefined),
  };
};
