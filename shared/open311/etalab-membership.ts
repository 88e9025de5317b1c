/**
 * Which EPCI a commune belongs to, from @etalab/decoupage-administratif: the reference the
 * territories are imported from (shared/territory/etalab-catalogue.ts). The list (~4 MB) is read
 * on first use, by requests naming a commune's INSEE code only.
 */
import type { CommuneMembership } from './open311-ports';

interface EtalabEpci {
  code: string;
  membres: { code: string }[];
}

let epciByCommune: Promise<Map<string, string>> | undefined;

export const etalabMembership: CommuneMembership = {
  async epciOf(insee) {
    epciByCommune ??= import('@etalab/decoupage-administratif/data/epci.json', { with: { type: 'json' } }).then(
      (module) =>
        new Map((module.default as EtalabEpci[]).flatMap((epci) => epci.membres.map((m) => [m.code, epci.code]))),
    );
    return (await epciByCommune).get(insee);
  },
};
