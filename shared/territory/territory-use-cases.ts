/**
 * Use cases of the territory context. Pure: they decide and build events; the store persists a
 * change and its event together.
 */
import { createHash } from 'node:crypto';
import { newEvent, type ChangeData, type DomainEvent } from '../events/domain-event';
import { TERRITORY_CHANGED } from './territory-events';
import type { Clock } from '../kernel/clock';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { assertCanActOnCommune, assertTerritoryAdmin, type Principal } from '../kernel/principal';
import { boxContains } from '../geo/box';
import { opensWithin } from '../calendar/business-calendar';
import { cellGroupsOf, cellOf, groupOf, suffixesHold } from './cell-index';
import { boundaryContains, boundingBox, checkBoundary, vertexCount, type Boundary } from './geometry';
import {
  publicBody,
  questionProblems,
  resolveCompetence,
  type Body,
  type PublicBody,
  type BodySla,
  type Category,
  type CategoryOverride,
  type Commune,
  type Competence,
  type ResolvedCompetence,
  type Service,
  type Territory,
} from './territory';
import type { EpciCatalogue, TerritoryStore } from './territory-ports';

/** A boundary is stored in one DynamoDB item (400 KB at most, with its keys). */
export const MAX_BOUNDARY_CHARS = 350_000;

/** Boundaries a warm function keeps for locate (a territory's communes, a few neighbours'). */
const MAX_CACHED_BOUNDARIES = 500;

export interface TerritoryDeps {
  readonly store: TerritoryStore;
  readonly clock: Clock;
}

/**
 * A write that carries the version its caller read (a form of the back office): when the record
 * changed meanwhile, it is refused rather than overwritten. 0 means "none existed when read".
 */
const assertVersionRead = (what: string, current: number | undefined, expected: number | undefined): void => {
  if (expected !== undefined && expected !== (current ?? 0)) {
    throw new ConflictError(`${what} changed meanwhile: it is at version ${current ?? 0}, not ${expected}`);
  }
};

/** The event announcing an administrative change of a territory, for the audit log. */
const changeEvent = (
  clock: Clock,
  principal: Principal,
  siren: string,
  type: string,
  subject: string,
  data: ChangeData,
): DomainEvent =>
  newEvent(clock, TERRITORY_CHANGED, {
    type: `territory.${type}`,
    territory: siren,
    subject,
    actor: { sub: principal.sub, role: principal.role },
    data,
  });

/**
 * Primary course: an admin names an EPCI by SIREN; its member communes come from the etalab
 * reference data; the territory, its communes and their bodies are created or refreshed,
 * keeping boundaries already set.
 * Kept apart from the other use cases: the reference data is several MB, and only the import
 * function's bundle should carry it.
 */
export const makeImportCommunes =
  ({ store, clock, catalogue }: TerritoryDeps & { readonly catalogue: EpciCatalogue }) =>
  async (
    principal: Principal,
    siren: string,
    options: { demo?: boolean } = {},
  ): Promise<{ territory: Territory; created: number; updated: number }> => {
    assertTerritoryAdmin(principal, siren);
    const reference = await catalogue.find(siren);
    if (!reference) {
      throw new RuleViolationError(`SIREN ${siren} is not an EPCI of the etalab reference data`, 'epci-exists');
    }
    const existing = new Map((await store.listCommunes(siren)).map((c) => [c.insee, c]));
    const previous = await store.getTerritory(siren);
    const territory: Territory = {
      siren,
      name: reference.name,
      population: reference.population,
      communeCount: reference.members.length,
      ...(reference.sharedPostalCodes ? { sharedPostalCodes: [...reference.sharedPostalCodes] } : {}),
      demo: options.demo ?? previous?.demo ?? false,
      updatedAt: clock.now().toISOString(),
    };
    const communes: Commune[] = reference.members.map((m) => ({
      siren,
      insee: m.insee,
      name: m.name,
      population: m.population,
      ...(m.postalCodes?.length ? { postalCodes: [...m.postalCodes] } : {}),
      boundary: existing.get(m.insee)?.boundary,
    }));
    const summary = (list: Iterable<Commune>) => [...list].map((c) => ({ insee: c.insee, name: c.name }));
    const event = changeEvent(clock, principal, siren, 'communes-imported', `territory/${siren}`, {
      before: previous ? { name: previous.name, communes: summary(existing.values()) } : null,
      after: { name: territory.name, communes: summary(communes) },
    });
    await store.saveImport(territory, communes, event);
    const created = communes.filter((c) => !existing.has(c.insee)).length;
    return { territory, created, updated: communes.length - created };
  };

export const makeTerritoryUseCases = ({ store, clock }: TerritoryDeps) => {
  const change = (principal: Principal, siren: string, type: string, subject: string, data: ChangeData) =>
    changeEvent(clock, principal, siren, type, subject, data);

  /**
   * Boundaries read for locate, kept while the function is warm. Each commune record carries its
   * boundary's version: a cached boundary is used only at that version, so none is ever stale.
   */
  const cachedBoundaries = new Map<string, { version: number; boundary: Boundary }>();
  const boundariesOf = async (
    siren: string,
    communes: readonly { insee: string; version?: number }[],
  ): Promise<Map<string, Boundary>> => {
    const found = new Map<string, Boundary>();
    const missing: string[] = [];
    for (const c of communes) {
      const cached = cachedBoundaries.get(`${siren}#${c.insee}`);
      if (cached && cached.version === c.version) found.set(c.insee, cached.boundary);
      else missing.push(c.insee);
    }
    if (missing.length === 0) return found;
    for (const [insee, read] of await store.getVersionedBoundaries(siren, missing)) {
      found.set(insee, read.boundary);
      const key = `${siren}#${insee}`;
      cachedBoundaries.delete(key);
      if (cachedBoundaries.size >= MAX_CACHED_BOUNDARIES) {
        cachedBoundaries.delete(cachedBoundaries.keys().next().value!);
      }
      cachedBoundaries.set(key, read);
    }
    return found;
  };

  /** The first commune, in INSEE order, whose boundary contains the point. */
  const firstContaining = async (siren: string, communes: readonly Commune[], lat: number, lon: number) => {
    const boundaries = await boundariesOf(
      siren,
      communes.map((c) => ({ insee: c.insee, version: c.boundary?.version })),
    );
    return communes.find((c) => {
      const boundary = boundaries.get(c.insee);
      return boundary !== undefined && boundaryContains(boundary, lon, lat);
    });
  };

  const requireTerritory = async (siren: string): Promise<Territory> => {
    const territory = await store.getTerritory(siren);
    if (!territory) throw new NotFoundError(`No territory with SIREN ${siren}`);
    return territory;
  };

  const requireCommune = async (siren: string, insee: string): Promise<Commune> => {
    const commune = await store.getCommune(siren, insee);
    if (!commune) throw new NotFoundError(`No commune ${insee} in territory ${siren}`);
    return commune;
  };

  const requireBody = async (siren: string, bodyId: string): Promise<Body> => {
    const body = (await store.listBodies(siren)).find((b) => b.id === bodyId);
    if (!body) throw new NotFoundError(`No body ${bodyId} in territory ${siren}`);
    return body;
  };

  /** A territory admin manages every body's services; a commune agent those of its own commune. */
  const bodyToManage = async (principal: Principal, siren: string, bodyId: string): Promise<Body> => {
    if (bodyId === siren) assertTerritoryAdmin(principal, siren);
    else assertCanActOnCommune(principal, siren, bodyId);
    return requireBody(siren, bodyId);
  };

  const requireCategory = async (siren: string, code: string): Promise<Category> => {
    const category = (await store.listCategories(siren)).find((c) => c.code === code);
    if (!category) throw new NotFoundError(`No category ${code} in territory ${siren}`);
    return category;
  };

  /** A competence naming a service of the metropolis must name one that exists. */
  const checkCompetence = async (siren: string, competence: Competence): Promise<void> => {
    if (competence.level !== 'territory' || !competence.service) return;
    const metropolis = await requireBody(siren, siren);
    if (!metropolis.services.some((s) => s.id === competence.service)) {
      throw new RuleViolationError(
        `The metropolis has no service "${competence.service}"`,
        'competence-service-exists',
      );
    }
  };

  return {
    getTerritory: requireTerritory,

    listTerritories: () => store.listTerritories(),

    listCommunes: async (siren: string): Promise<Commune[]> => {
      await requireTerritory(siren);
      return store.listCommunes(siren);
    },

    getCommune: async (siren: string, insee: string): Promise<{ commune: Commune; boundary?: Boundary }> => {
      const commune = await requireCommune(siren, insee);
      const boundary = (await store.getBoundaries(siren, [insee])).get(insee);
      return { commune, boundary };
    },

    /** Primary course: an admin sends a commune's Polygon or MultiPolygon; it is checked and stored as given. */
    setBoundary: async (
      principal: Principal,
      siren: string,
      insee: string,
      boundary: Boundary,
      source: string,
      expectedVersion?: number,
    ): Promise<Commune> => {
      assertTerritoryAdmin(principal, siren);
      checkBoundary(boundary);
      const size = JSON.stringify(boundary).length;
      if (size > MAX_BOUNDARY_CHARS) {
        throw new RuleViolationError(
          `The boundary is ${size} characters of GeoJSON; simplify it to at most ${MAX_BOUNDARY_CHARS}`,
          'boundary-size',
        );
      }
      const commune = await requireCommune(siren, insee);
      assertVersionRead(`The boundary of ${insee}`, commune.boundary?.version, expectedVersion);
      const updated: Commune = {
        ...commune,
        boundary: {
          source,
          bbox: boundingBox(boundary),
          vertices: vertexCount(boundary),
          sha256: createHash('sha256').update(JSON.stringify(boundary)).digest('hex'),
          version: (commune.boundary?.version ?? 0) + 1,
          updatedAt: clock.now().toISOString(),
        },
      };
      // The audit keeps a summary: a geometry can be far larger than a queue message.
      const event = change(principal, siren, 'boundary-set', `commune/${insee}/boundary`, {
        before: commune.boundary ?? null,
        after: updated.boundary,
      });
      await store.saveBoundary(updated, boundary, commune.boundary?.version, event, cellGroupsOf(boundary));
      return updated;
    },

    /**
     * Primary course: the communes the cell index holds in the point's cell, in INSEE order; the
     * first whose cell is whole, or whose boundary contains the point, wins (one Query; the
     * boundaries of a border cell are read once per warm function). Communes the index does not
     * hold (boundaries set before it existed, or too large for it) are then tested as before it:
     * those whose bounding box holds the point, by point in polygon.
     */
    locate: async (siren: string, lat: number, lon: number): Promise<Commune> => {
      const cell = cellOf(lat, lon);
      const entries = (await store.cellEntries(siren, groupOf(cell))).filter(
        (e) => suffixesHold(e.whole, cell) || suffixesHold(e.border, cell),
      );
      // Communes after the first whole one cannot come first: their boundaries are not needed.
      const whole = entries.findIndex((e) => suffixesHold(e.whole, cell));
      const tested = entries.slice(0, whole === -1 ? undefined : whole).map((e) => e.commune);
      const hit = (await firstContaining(siren, tested, lat, lon)) ?? entries[whole]?.commune;
      if (hit) return hit;
      const unindexed = await store.listUnindexedBoundaries(siren);
      if (unindexed === undefined) await requireTerritory(siren);
      const candidates = (unindexed ?? []).filter((b) => boxContains(b.bbox, lon, lat));
      const boundaries = await boundariesOf(siren, candidates);
      const inside = candidates.find((b) => {
        const boundary = boundaries.get(b.insee);
        return boundary !== undefined && boundaryContains(boundary, lon, lat);
      });
      const found = inside && (await store.getCommune(siren, inside.insee));
      if (!found) throw new NotFoundError(`No commune of territory ${siren} contains the point (${lat}, ${lon})`);
      return found;
    },

    /**
     * Operations (scripts/backfill-cell-index.ts): puts the boundaries stored before the cell index
     * into it, each at the version read; a boundary set meanwhile was indexed by its own write.
     * Those too large for the index stay out of it, found by point in polygon.
     */
    indexBoundariesSetBeforeTheIndex: async (siren: string): Promise<{ indexed: string[]; left: string[] }> => {
      const unindexed = (await store.listUnindexedBoundaries(siren)) ?? [];
      const boundaries = await store.getVersionedBoundaries(
        siren,
        unindexed.map((b) => b.insee),
      );
      const indexed: string[] = [];
      const left: string[] = [];
      for (const { insee } of unindexed) {
        const stored = boundaries.get(insee);
        const cells = stored && cellGroupsOf(stored.boundary);
        const done = stored && cells ? await store.indexBoundary(siren, insee, stored.version, cells) : false;
        (done ? indexed : left).push(insee);
      }
      return { indexed, left };
    },

    listBodies: async (siren: string): Promise<Body[]> => {
      await requireTerritory(siren);
      return store.listBodies(siren);
    },

    /** Anyone: the bodies and services, without staff e-mail addresses. */
    listPublicBodies: async (siren: string): Promise<PublicBody[]> => {
      await requireTerritory(siren);
      return (await store.listBodies(siren)).map(publicBody);
    },

    /** The territory's agents and admins: the bodies with their services' and managers' addresses. */
    listBodyContacts: async (principal: Principal, siren: string): Promise<Body[]> => {
      if (principal.role === 'citizen' || principal.territory !== siren) {
        throw new ForbiddenError(`Only agents of territory ${siren} may read its staff contacts`);
      }
      await requireTerritory(siren);
      return store.listBodies(siren);
    },

    saveService: async (
      principal: Principal,
      siren: string,
      bodyId: string,
      input: Omit<Service, 'version'>,
      expectedVersion?: number,
    ): Promise<Service> => {
      const body = await bodyToManage(principal, siren, bodyId);
      const previous = body.services.find((s) => s.id === input.id);
      assertVersionRead(`Service ${input.id}`, previous?.version, expectedVersion);
      const service: Service = { ...input, version: (previous?.version ?? 0) + 1 };
      const event = change(principal, siren, 'service-saved', `body/${bodyId}/service/${input.id}`, {
        before: previous ?? null,
        after: service,
      });
      await store.saveService(siren, bodyId, service, previous?.version, event);
      return service;
    },

    /**
     * Primary course: a body's manager (territory admin; a commune agent for its commune) sets the
     * calendar its SLA targets are counted in and who is told when a report goes past due.
     */
    saveBodySla: async (
      principal: Principal,
      siren: string,
      bodyId: string,
      input: Omit<BodySla, 'version'>,
      expectedVersion?: number,
    ): Promise<BodySla> => {
      const body = await bodyToManage(principal, siren, bodyId);
      assertVersionRead(`The SLA settings of body ${bodyId}`, body.sla?.version, expectedVersion);
      // A calendar that never opens would make every report of this body fail to get a due date.
      if (!opensWithin(input.calendar, clock.now(), 366)) {
        throw new RuleViolationError(
          'This calendar has no opening hour in the next year (no weekly hours, or closures over every open day): SLA targets could never fall due',
          'calendar-never-opens',
        );
      }
      const sla: BodySla = { ...input, version: (body.sla?.version ?? 0) + 1 };
      const event = change(principal, siren, 'body-sla-saved', `body/${bodyId}/sla`, {
        before: body.sla ?? null,
        after: sla,
      });
      await store.saveBodySla(siren, bodyId, sla, body.sla?.version, event);
      return sla;
    },

    deleteService: async (
      principal: Principal,
      siren: string,
      bodyId: string,
      serviceId: string,
      expectedVersion?: number,
    ): Promise<void> => {
      const body = await bodyToManage(principal, siren, bodyId);
      const service = body.services.find((s) => s.id === serviceId);
      if (!service) throw new NotFoundError(`Body ${bodyId} has no service ${serviceId}`);
      assertVersionRead(`Service ${serviceId}`, service.version, expectedVersion);
      const event = change(principal, siren, 'service-deleted', `body/${bodyId}/service/${serviceId}`, {
        before: service,
        after: null,
      });
      await store.deleteService(siren, bodyId, service, event);
    },

    listCategories: async (siren: string): Promise<Category[]> => {
      await requireTerritory(siren);
      return store.listCategories(siren);
    },

    saveCategory: async (
      principal: Principal,
      siren: string,
      input: Pick<Category, 'code' | 'name' | 'description' | 'competence' | 'questions' | 'slaHours' | 'active'>,
      expectedVersion?: number,
    ): Promise<Category> => {
      assertTerritoryAdmin(principal, siren);
      const problems = questionProblems(input.questions ?? []);
      if (problems.length > 0) throw new RuleViolationError(`Category questions: ${problems.join('; ')}`, 'questions');
      await requireTerritory(siren);
      await checkCompetence(siren, input.competence);
      const previous = (await store.listCategories(siren)).find((c) => c.code === input.code);
      assertVersionRead(`Category ${input.code}`, previous?.version, expectedVersion);
      const category: Category = {
        ...input,
        overrides: previous?.overrides ?? [],
        version: (previous?.version ?? 0) + 1,
      };
      const { overrides: _before, ...before } = previous ?? { overrides: [] };
      const { overrides: _after, ...after } = category;
      const event = change(principal, siren, 'category-saved', `category/${input.code}`, {
        before: previous ? before : null,
        after,
      });
      await store.saveCategory(siren, category, previous?.version, event);
      return category;
    },

    saveOverride: async (
      principal: Principal,
      siren: string,
      code: string,
      insee: string,
      competence: Competence,
      expectedVersion?: number,
    ): Promise<CategoryOverride> => {
      assertTerritoryAdmin(principal, siren);
      const category = await requireCategory(siren, code);
      await requireCommune(siren, insee);
      await checkCompetence(siren, competence);
      const previous = category.overrides.find((o) => o.insee === insee);
      assertVersionRead(`The override of ${code} in ${insee}`, previous?.version, expectedVersion);
      const override: CategoryOverride = { ...competence, insee, version: (previous?.version ?? 0) + 1 };
      const event = change(principal, siren, 'category-override-saved', `category/${code}/override/${insee}`, {
        before: previous ?? null,
        after: override,
      });
      await store.saveOverride(siren, code, override, previous?.version, event);
      return override;
    },

    deleteOverride: async (
      principal: Principal,
      siren: string,
      code: string,
      insee: string,
      expectedVersion?: number,
    ): Promise<void> => {
      assertTerritoryAdmin(principal, siren);
      const category = await requireCategory(siren, code);
      const override = category.overrides.find((o) => o.insee === insee);
      if (!override) throw new NotFoundError(`Category ${code} has no override for commune ${insee}`);
      assertVersionRead(`The override of ${code} in ${insee}`, override.version, expectedVersion);
      const event = change(principal, siren, 'category-override-deleted', `category/${code}/override/${insee}`, {
        before: override,
        after: null,
      });
      await store.deleteOverride(siren, code, override, event);
    },

    /** Which body (and service) handles a category in a commune. */
    resolveCompetence: async (siren: string, code: string, insee: string): Promise<ResolvedCompetence> => {
      const category = await requireCategory(siren, code);
      await requireCommune(siren, insee);
      return resolveCompetence(siren, category, insee);
    },
  };
};

export type TerritoryUseCases = ReturnType<typeof makeTerritoryUseCases>;
