/**
 * The Open311 GeoReport v2 use cases: the specification's methods over the territory's categories
 * and the report use cases. Pure: the reports and the territory are ports.
 */
import type { Clock } from '../kernel/clock';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { ULID_PATTERN } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import type { Answer, HistoryEntry, Report } from '../reports/report';
import { resolveCompetence, type Body, type Category, type Commune } from '../territory/territory';
import {
  MAX_REQUESTS,
  reportStatusesFor,
  searchPeriod,
  serviceDefinitionOf,
  serviceNoticeOf,
  serviceOf,
  serviceRequestOf,
  type CreatedRequest,
  type Open311Status,
  type Service,
  type ServiceDefinition,
  type ServiceRequest,
} from './open311';
import type { ClientGate, CommuneMembership, PhotoLinks, Reports, TerritoryDirectory } from './open311-ports';

export interface Open311Deps {
  readonly territory: TerritoryDirectory;
  readonly membership: CommuneMembership;
  readonly reports: Reports;
  readonly photos: PhotoLinks;
  /** Client applications: an api_key names one, or none is given (when the territory allows it). */
  readonly clients: ClientGate;
  readonly clock: Clock;
}

/** Who a request speaks to: a territory, or one of its communes. */
interface Jurisdiction {
  readonly id: string;
  readonly siren: string;
  /** Set when jurisdiction_id is a commune's INSEE code. */
  readonly commune?: Commune;
}

/** POST requests: the specification's fields, as sent (strings, parsed where typed). */
export interface PostRequestInput {
  readonly jurisdiction_id: string;
  readonly service_code: string;
  readonly lat?: number;
  readonly long?: number;
  readonly address_string?: string;
  readonly address_id?: string;
  /** attribute[code]=value, attribute[code][]=value for a multivaluelist. */
  readonly attribute?: Readonly<Record<string, Answer>>;
  readonly email?: string;
  readonly device_id?: string;
  readonly account_id?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly phone?: string;
  readonly description?: string;
  readonly media_url?: string;
  readonly api_key?: string;
}

export interface RequestsQuery {
  readonly jurisdiction_id: string;
  readonly service_request_id: readonly string[];
  readonly service_code: readonly string[];
  readonly start_date?: Date;
  readonly end_date?: Date;
  readonly status: readonly Open311Status[];
}

const SIREN = /^\d{9}$/;
const INSEE = /^(\d{5}|2[AB]\d{3})$/;

const isActive = (c: Category) => c.active !== false;

/** "Toulouse Métropole — Direction de la voirie": who handles a report. */
const agencyOf = (bodies: readonly Body[], r: Pick<Report, 'bodyId' | 'service'>): string => {
  const body = bodies.find((b) => b.id === r.bodyId);
  const service = body?.services.find((s) => s.id === r.service);
  return `${body?.name ?? r.bodyId}${service ? ` — ${service.name}` : ''}`;
};

/** Why the report is in its status: the public note of its last transition. */
const statusNotesOf = (history: readonly HistoryEntry[]): string | undefined =>
  history.filter((h) => h.from !== h.to).at(-1)?.publicNote;

const notFoundOr =
  <T>(fallback: T) =>
  (error: unknown): T => {
    if (error instanceof NotFoundError) return fallback;
    throw error;
  };

export const makeOpen311UseCases = ({ territory, membership, reports, photos, clients, clock }: Open311Deps) => {
  /** A SIREN of a territory here, or the INSEE code of one of its communes; anything else is not found. */
  const jurisdiction = async (id: string): Promise<Jurisdiction> => {
    const unknown = new NotFoundError(
      `jurisdiction_id ${id} not found: give the SIREN of a territory served here, or the INSEE code of one of its communes`,
    );
    if (SIREN.test(id)) {
      const known = await territory.getTerritory(id).then(() => true, notFoundOr(false));
      if (!known) throw unknown;
      return { id, siren: id };
    }
    if (!INSEE.test(id)) throw unknown;
    const siren = await membership.epciOf(id);
    const commune = siren
      ? (await territory.listCommunes(siren).catch(notFoundOr([] as Commune[]))).find((c) => c.insee === id)
      : undefined;
    if (!siren || !commune) throw unknown;
    return { id, siren, commune };
  };

  const activeCategory = async (j: Jurisdiction, code: string): Promise<Category> => {
    const category = (await territory.listCategories(j.siren)).find((c) => c.code === code && isActive(c));
    if (!category) throw new NotFoundError(`service_code ${code} not found in jurisdiction ${j.id}`);
    return category;
  };

  /** Who handles a category: in a commune, its competent body; territory-wide, the default level. */
  const groupOf = (j: Jurisdiction, bodies: readonly Body[], category: Category): string => {
    if (!j.commune && category.competence.level === 'commune') return 'Communes';
    const { bodyId } = resolveCompetence(j.siren, category, j.commune?.insee ?? '');
    return bodies.find((b) => b.id === bodyId)?.name ?? bodyId;
  };

  /** lat and long, both; an address alone cannot be geocoded here. */
  const locationOf = (input: PostRequestInput): { lat: number; lon: number } => {
    if (input.lat !== undefined && input.long !== undefined) return { lat: input.lat, lon: input.long };
    if (input.lat !== undefined || input.long !== undefined) {
      const missing = input.lat === undefined ? 'lat' : 'long';
      throw new InvalidInputError('lat and long are sent together', [
        { path: `body.${missing}`, message: 'required with the other coordinate' },
      ]);
    }
    const address = input.address_string ? 'address_string' : input.address_id ? 'address_id' : undefined;
    const why = address
      ? `required: this endpoint cannot geocode ${address}, send the point as lat and long (WGS84)`
      : 'required: a location, as lat and long (WGS84)';
    throw new InvalidInputError(
      `A location is required: lat and long${address ? ` (${address} cannot be geocoded here)` : ''}`,
      [
        { path: 'body.lat', message: why },
        { path: 'body.long', message: why },
      ],
    );
  };

  /** With a commune's INSEE code as jurisdiction, the point must lie in that commune. */
  const assertInCommune = async (j: Jurisdiction, commune: Commune, point: { lat: number; lon: number }) => {
    const found = await territory.locate(j.siren, point.lat, point.lon).catch(notFoundOr(undefined));
    if (found?.insee === commune.insee) return;
    throw new RuleViolationError(
      `The point (${point.lat}, ${point.lon}) is ${found ? `in ${found.name} (${found.insee})` : `outside territory ${j.siren}`}, ` +
        `not in ${commune.name} (${commune.insee}), the commune jurisdiction_id ${j.id} names`,
      'inside-jurisdiction',
    );
  };

  /** Service requests as Open311 shows them, with the names and agencies they need. */
  const viewsOf = async (
    siren: string,
    found: readonly { report: Report; statusNotes?: string; photoLink?: string }[],
  ): Promise<ServiceRequest[]> => {
    const [categories, bodies, communes] = await Promise.all([
      territory.listCategories(siren),
      territory.listBodies(siren),
      territory.listCommunes(siren),
    ]);
    const names = new Map(categories.map((c) => [c.code, c.name]));
    const postalCodes = new Map(communes.map((c) => [c.insee, c.postalCodes ?? []]));
    return found.map(({ report, statusNotes, photoLink }) =>
      serviceRequestOf(report, {
        serviceName: names.get(report.category),
        agency: agencyOf(bodies, report),
        postalCodes: postalCodes.get(report.commune) ?? [],
        ...(statusNotes ? { statusNotes } : {}),
        ...(photoLink ? { photoLink } : {}),
      }),
    );
  };

  /** A report of the jurisdiction with its public history and photo links; undefined if none. */
  const findReport = async (j: Jurisdiction, id: string) => {
    if (!ULID_PATTERN.test(id)) return undefined;
    const found = await reports.getPublic(j.siren, id).catch(notFoundOr(undefined));
    if (!found || (j.commune && found.report.commune !== j.commune.insee)) return undefined;
    return found;
  };

  const requireReport = async (j: Jurisdiction, id: string) => {
    const found = await findReport(j, id);
    if (!found) throw new NotFoundError(`service_request_id ${id} not found in jurisdiction ${j.id}`);
    return found;
  };

  return {
    /** Primary course: a client lists the services (active categories) of a jurisdiction. */
    listServices: async (jurisdictionId: string): Promise<Service[]> => {
      const j = await jurisdiction(jurisdictionId);
      const [categories, bodies] = await Promise.all([
        territory.listCategories(j.siren),
        territory.listBodies(j.siren),
      ]);
      return categories.filter(isActive).map((c) => serviceOf(c, groupOf(j, bodies, c)));
    },

    /** Primary course: a client reads the attributes (questions) of a service before posting. */
    getServiceDefinition: async (jurisdictionId: string, code: string): Promise<ServiceDefinition> =>
      serviceDefinitionOf(await activeCategory(await jurisdiction(jurisdictionId), code)),

    /**
     * Primary course: a client posts a service request for a citizen (signed in, or with an email
     * address): its api_key names an active client application of the territory (or none is sent
     * and the territory takes POSTs without one), the service exists in the jurisdiction, the point
     * is given (and lies in the commune named, if one is), then the report is filed on channel
     * open311 with the client it came through; the answer names
     * it, who handles it and by when.
     */
    postServiceRequest: async (
      principal: Principal | undefined,
      input: PostRequestInput,
    ): Promise<CreatedRequest[]> => {
      const j = await jurisdiction(input.jurisdiction_id);
      // The client application first: a refused key says so, whatever else the request holds.
      const client = await clients.admit(j.siren, input.api_key);
      const category = await activeCategory(j, input.service_code);
      const location = locationOf(input);
      if (!principal && !input.email) {
        throw new InvalidInputError(
          'email is required without a bearer token: it is how the citizen is told of progress',
          [{ path: 'body.email', message: 'required without a bearer token' }],
        );
      }
      if (j.commune) await assertInCommune(j, j.commune, location);
      const contact = {
        ...(input.email ? { email: input.email } : {}),
        ...(input.first_name ? { firstName: input.first_name } : {}),
        ...(input.last_name ? { lastName: input.last_name } : {}),
        ...(input.phone ? { phone: input.phone } : {}),
      };
      const report = await reports.fileReport(
        principal,
        j.siren,
        {
          category: category.code,
          location,
          ...(input.address_string ? { address: input.address_string } : {}),
          // Optional in Open311, required here: the service's name says what it is about.
          description: input.description?.trim() || category.name,
          answers: input.attribute ?? {},
          ...(input.media_url ? { mediaUrl: input.media_url } : {}),
          contact,
        },
        'open311',
        client,
      );
      const bodies = await territory.listBodies(j.siren);
      return [
        {
          service_request_id: report.id,
          service_notice: serviceNoticeOf(agencyOf(bodies, report), report.dueAt),
          account_id: principal?.sub ?? null,
        },
      ];
    },

    /**
     * Primary course: a client asks for some requests by id (that overrides every other
     * argument), or for those filed in a period (the last 90 days by default, at most 90 days),
     * maybe of some services and open or closed; newest first, at most 1000.
     */
    listServiceRequests: async (query: RequestsQuery): Promise<ServiceRequest[]> => {
      const j = await jurisdiction(query.jurisdiction_id);
      if (query.service_request_id.length > 0) {
        const ids = [...new Set(query.service_request_id)].slice(0, MAX_REQUESTS);
        const found = (await Promise.all(ids.map((id) => findReport(j, id)))).filter((f) => f !== undefined);
        return viewsOf(
          j.siren,
          found.map(({ report, history, photoUrls }) => ({
            report,
            statusNotes: statusNotesOf(history),
            photoLink: photoUrls[0],
          })),
        );
      }
      const period = searchPeriod(clock.now(), query.start_date, query.end_date);
      const communes = j.commune ? [j.commune.insee] : (await territory.listCommunes(j.siren)).map((c) => c.insee);
      const statuses = reportStatusesFor(query.status);
      const filed = await reports.listFiled(j.siren, {
        communes,
        from: period.from.toISOString(),
        ...(period.to ? { to: period.to.toISOString() } : {}),
        ...(statuses ? { statuses } : {}),
        ...(query.service_code.length > 0 ? { categories: query.service_code } : {}),
        limit: MAX_REQUESTS,
      });
      const links = await Promise.all(filed.map((r) => (r.photos[0] ? photos.link(r.photos[0]) : undefined)));
      return viewsOf(
        j.siren,
        filed.map((report, i) => ({ report, photoLink: links[i] })),
      );
    },

    /** Primary course: a client follows one request: its status, why, who handles it, by when. */
    getServiceRequest: async (jurisdictionId: string, id: string): Promise<ServiceRequest[]> => {
      const j = await jurisdiction(jurisdictionId);
      const { report, history, photoUrls } = await requireReport(j, id);
      return viewsOf(j.siren, [{ report, statusNotes: statusNotesOf(history), photoLink: photoUrls[0] }]);
    },

    /**
     * Primary course: a client turns a token into its request id. Requests are realtime here, so
     * POST already gave the id: a token is that id, found if the request exists.
     */
    getToken: async (
      jurisdictionId: string,
      token: string,
    ): Promise<{ service_request_id: string; token: string }[]> => {
      const j = await jurisdiction(jurisdictionId);
      const { report } = await requireReport(j, token);
      return [{ service_request_id: report.id, token }];
    },
  };
};
