/**
 * Use cases of the reports context. Pure: they decide and build events; the store persists a
 * change and its event together; the object store and the territory are ports.
 */
import { newEvent, type DomainEvent } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { ObjectStore, PresignedUpload } from '../runtime/object-store';
import { isTerritoryAdmin, type Principal } from '../kernel/principal';
import { resolveCompetence, type Category } from '../territory/territory';
import { distanceMetres } from '../geo/distance';
import { checkUploadedPhoto } from './photos';
import { cellSideMetres, cellsCovering, cellWithNeighbours } from '../geo/geohash';
import {
  AlreadySupportedError,
  assertTransition,
  canManage,
  canView,
  checkAnswers,
  isOpen,
  PHOTO_TYPES,
  withinReopenWindow,
  REOPEN_WINDOW_DAYS,
  StaleVersionError,
  type Contact,
  type Follower,
  type HistoryEntry,
  type Location,
  type PhotoType,
  type Report,
  type ReportChannel,
  type ReportStatus,
} from './report';
import {
  refOf,
  REPORT_EVENTS,
  type ReportFiledData,
  type ReportRef,
  type ReportReroutedData,
  type ReportStatusChangedData,
} from './report-events';
import type {
  BodyReportsQuery,
  CommuneReportsFilter,
  DueDateCalculator,
  NearbyReport,
  Page,
  ReportStore,
  TerritoryDirectory,
} from './report-ports';

/** Geohash precision of the map index (cells of ~4.9 × 3.5 km around Toulouse). */
export const MAP_PRECISION = 5;
/** At most this many map cells per request: a larger box is listed by commune instead. */
export const MAX_MAP_CELLS = 64;
/** Geohash precision of the nearby index (cells of ~610 × 880 m around Toulouse). */
export const NEARBY_PRECISION = 6;
export const DEFAULT_NEARBY_RADIUS = 50;
export const MAX_NEARBY_RADIUS = 500;
export const MAX_NEARBY_RESULTS = 20;
/** How long a presigned upload URL stays valid. */
export const UPLOAD_URL_SECONDS = 300;
/** How long a photo link in a public view stays valid. */
export const PHOTO_LINK_SECONDS = 3600;

export interface ReportDeps {
  readonly store: ReportStore;
  readonly territory: TerritoryDirectory;
  readonly objects: ObjectStore;
  readonly dueDates: DueDateCalculator;
  readonly clock: Clock;
}

export interface FileReportInput {
  readonly category: string;
  readonly location: Location;
  readonly address?: string;
  readonly description: string;
  readonly answers?: Readonly<Record<string, unknown>>;
  /** Keys returned by requestPhotoUpload, once uploaded. */
  readonly photos?: readonly string[];
  /** An http(s) link to media hosted elsewhere (Open311's media_url). */
  readonly mediaUrl?: string;
  readonly contact?: Contact;
}

export interface TransitionInput {
  readonly to: ReportStatus;
  /** The version the caller read. */
  readonly version: number;
  readonly publicNote?: string;
  readonly internalNote?: string;
  readonly duplicateOf?: string;
}

export type BodyReportsFilters = Omit<BodyReportsQuery, 'territory' | 'bodyId' | 'now'>;

/** An upload key: the territory, then a ULID, then the extension of the declared type. */
const uploadKey = (siren: string, type: PhotoType) => `uploads/${siren}/${newId()}.${PHOTO_TYPES[type].extension}`;

export const makeReportUseCases = ({ store, territory, objects, dueDates, clock }: ReportDeps) => {
  const event = <D>(principal: Principal | undefined, type: string, report: Report, data: D): DomainEvent<D> =>
    newEvent<D>(clock, {
      type,
      territory: report.territory,
      subject: `report/${report.id}`,
      ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
      data,
    });

  const requireReport = async (siren: string, id: string): Promise<Report> => {
    const report = await store.get(siren, id);
    if (!report) throw new NotFoundError(`No report ${id} in territory ${siren}`);
    return report;
  };

  const requireCategory = async (siren: string, code: string): Promise<Category> => {
    const category = (await territory.listCategories(siren)).find((c) => c.code === code);
    if (!category)
      throw new RuleViolationError(`Territory ${siren} has no report category "${code}"`, 'category-exists');
    if (category.active === false) {
      throw new RuleViolationError(`The category "${code}" is withdrawn: choose another`, 'category-active');
    }
    return category;
  };

  const assertManages = (principal: Principal, report: Report) => {
    if (!canManage(principal, report)) {
      throw new ForbiddenError(
        report.bodyKind === 'commune'
          ? `Report ${report.id} is handled by commune ${report.bodyId}: only its agents (or a territory admin) may change it`
          : `Report ${report.id} is handled by the metropolis: only metropolitan agents (or a territory admin) may change it`,
      );
    }
  };

  const assertVersion = (report: Report, version: number) => {
    if (version !== report.version) throw new StaleVersionError(version, report.version);
  };

  const dueAtFor = async (report: Pick<Report, 'territory' | 'bodyId' | 'commune' | 'createdAt'>, category: Category) =>
    (
      await dueDates.dueAt({
        territory: report.territory,
        bodyId: report.bodyId,
        commune: report.commune,
        category,
        from: new Date(report.createdAt),
      })
    )?.toISOString();

  const checkPhoto = (siren: string, key: string): Promise<PhotoType> =>
    checkUploadedPhoto(objects, siren, key, { path: 'body.photos', message: 'unknown photo key' });

  /**
   * Primary course: the category exists and is active, the answers fit its questions, the point
   * lies in a commune of the territory, the competence table names the body and service, every
   * photo is an image actually uploaded; photos are copied out of the upload area (whose objects
   * expire), then the report, its first history entry, its reporter as follower and
   * `reports.filed` are stored together.
   */
  const file = async (
    principal: Principal | undefined,
    siren: string,
    input: FileReportInput,
    channel: ReportChannel,
    reportId: string = newId(),
  ): Promise<Report> => {
    const { name } = await territory.getTerritory(siren);
    const category = await requireCategory(siren, input.category);
    // A sensor cannot answer a citizen's questions: only theirs are required of people.
    const questions = (category.questions ?? []).map((q) => (channel === 'sensor' ? { ...q, required: false } : q));
    const answers = checkAnswers(questions, input.answers ?? {});
    const commune = await territory.locate(siren, input.location.lat, input.location.lon).catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
      throw new RuleViolationError(
        `The point (${input.location.lat}, ${input.location.lon}) is outside territory ${name} (${siren})`,
        'inside-territory',
      );
    });
    const competence = resolveCompetence(siren, category, commune.insee);
    const uploads = [...new Set(input.photos ?? [])];
    const types = await Promise.all(uploads.map((key) => checkPhoto(siren, key)));

    const id = reportId;
    const photos = uploads.map((_, i) => `photos/${siren}/${id}/${i + 1}.${PHOTO_TYPES[types[i]!].extension}`);
    await Promise.all(uploads.map((key, i) => objects.copy(key, photos[i]!)));

    const now = clock.now().toISOString();
    const assisted = channel === 'phone' || channel === 'counter';
    const base = {
      territory: siren,
      commune: commune.insee,
      bodyId: competence.bodyId,
      createdAt: now,
    };
    const dueAt = await dueAtFor(base, category);
    const report: Report = {
      ...base,
      id,
      category: category.code,
      bodyKind: competence.bodyKind,
      ...(competence.service ? { service: competence.service } : {}),
      location: input.location,
      ...(input.address ? { address: input.address } : {}),
      ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}),
      description: input.description,
      answers,
      photos,
      status: 'new',
      channel,
      ...(principal && !assisted ? { reporterSub: principal.sub } : {}),
      ...(input.contact && Object.keys(input.contact).length > 0 ? { contact: input.contact } : {}),
      ...(principal && assisted ? { filedBy: principal.sub } : {}),
      supportCount: 0,
      updatedAt: now,
      ...(dueAt ? { dueAt } : {}),
      overdue: false,
      version: 1,
    };
    const reporterSub = report.reporterSub;
    // The contact given for this report first, else the signed-in citizen's own (never an assisting agent's).
    const email = input.contact?.email ?? (principal && !assisted ? principal.email : undefined);
    const reporter: Follower | undefined =
      reporterSub || email
        ? { ...(reporterSub ? { sub: reporterSub } : {}), ...(email ? { email } : {}), reason: 'reporter', since: now }
        : undefined;
    const first: HistoryEntry = {
      at: now,
      from: null,
      to: 'new',
      ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
      ...(assisted ? { internalNote: `Filed by an agent (${channel})` } : {}),
    };
    const filed = event<ReportFiledData>(principal, REPORT_EVENTS.filed, report, {
      ...refOf(report, now),
      status: 'new',
      channel,
      location: report.location,
      ...(dueAt ? { dueAt } : {}),
    });
    await store.create(report, first, reporter, filed);
    return report;
  };

  /** Shared by the agents' transitions and the reporter's reopening. */
  const applyTransition = async (principal: Principal, report: Report, input: TransitionInput): Promise<Report> => {
    assertVersion(report, input.version);
    assertTransition(report.status, input.to);
    const reopened = report.status === 'resolved' && input.to === 'in_progress';
    const now = clock.now();
    if (reopened && !withinReopenWindow(report.resolvedAt, now)) {
      throw new RuleViolationError(
        `Report ${report.id} was resolved more than ${REOPEN_WINDOW_DAYS} days ago: file a new report`,
        'reopen-window',
      );
    }
    if (input.to === 'duplicate' && !input.duplicateOf) {
      throw new InvalidInputError('Marking a report as duplicate needs duplicateOf, the original report', [
        { path: 'body.duplicateOf', message: 'required when to is duplicate' },
      ]);
    }
    if (input.to !== 'duplicate' && input.duplicateOf) {
      throw new InvalidInputError('duplicateOf goes only with to: duplicate', [
        { path: 'body.duplicateOf', message: 'only when to is duplicate' },
      ]);
    }
    if (input.to === 'rejected' && !input.publicNote) {
      throw new RuleViolationError('A rejection tells the citizen why: give a publicNote', 'rejection-reason');
    }
    let followOriginal: { id: string; followers: Follower[] } | undefined;
    if (input.duplicateOf) {
      if (input.duplicateOf === report.id) {
        throw new RuleViolationError('A report cannot be a duplicate of itself', 'duplicate-of-another');
      }
      const original = await store.get(report.territory, input.duplicateOf);
      if (!original) throw new NotFoundError(`No report ${input.duplicateOf} in territory ${report.territory}`);
      if (original.status === 'duplicate') {
        throw new RuleViolationError(
          `Report ${original.id} is itself a duplicate of ${original.duplicateOf}: name that one`,
          'duplicate-of-original',
        );
      }
      const followers = await store.followers(report.territory, report.id);
      followOriginal = {
        id: original.id,
        followers: followers.map((f) => ({ ...f, reason: 'duplicate-reporter', since: now.toISOString() })),
      };
    }

    const at = now.toISOString();
    const { resolvedAt: _resolvedAt, ...rest } = report;
    const updated: Report = {
      ...(reopened ? rest : report),
      status: input.to,
      updatedAt: at,
      version: report.version + 1,
      ...(input.to === 'acknowledged' && !report.acknowledgedAt ? { acknowledgedAt: at } : {}),
      ...(input.to === 'resolved' ? { resolvedAt: at } : {}),
      ...(input.to === 'rejected' || input.to === 'duplicate' ? { closedAt: at } : {}),
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
      // Overdue is derived (open and past due), so a change never undoes the SLA engine's flag;
      // a reopened report is no longer late on a target it met, the SLA engine judges it again.
      overdue: isOpen(input.to) && !reopened && report.dueAt !== undefined && report.dueAt < at,
    };
    const entry: HistoryEntry = {
      at,
      from: report.status,
      to: input.to,
      ...(input.publicNote ? { publicNote: input.publicNote } : {}),
      ...(input.internalNote ? { internalNote: input.internalNote } : {}),
      actor: { sub: principal.sub, role: principal.role },
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
    };
    const changed = event<ReportStatusChangedData>(principal, REPORT_EVENTS.statusChanged, updated, {
      ...refOf(updated, at),
      from: report.status,
      to: input.to,
      ...(input.publicNote ? { publicNote: input.publicNote } : {}),
      reopened,
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
    });
    await store.update(updated, report.version, entry, changed, followOriginal ? { followOriginal } : undefined);
    return updated;
  };

  return {
    /**
     * Primary course: a citizen (signed in or not) declares a photo's type and size; they get a
     * key in the territory's upload area and a URL valid five minutes to PUT it to.
     */
    requestPhotoUpload: async (
      siren: string,
      upload: { readonly contentType: PhotoType; readonly size: number },
    ): Promise<PresignedUpload & { photoKey: string }> => {
      await territory.getTerritory(siren);
      const photoKey = uploadKey(siren, upload.contentType);
      const presigned = await objects.presignUpload(photoKey, {
        contentType: upload.contentType,
        contentLength: upload.size,
        expiresInSeconds: UPLOAD_URL_SECONDS,
      });
      return { ...presigned, photoKey };
    },

    /**
     * Primary course: a signed-in citizen files a report (`online`, or `open311` through an Open311
     * client); an anonymous one must leave an email address to be told of its progress.
     */
    fileReport: async (
      principal: Principal | undefined,
      siren: string,
      input: FileReportInput,
      channel: 'online' | 'open311' = 'online',
    ): Promise<Report> => {
      if (!principal && !input.contact?.email) {
        throw new InvalidInputError('An anonymous report needs contact.email, to tell you how it goes', [
          { path: 'body.contact.email', message: 'required without a bearer token' },
        ]);
      }
      return file(principal, siren, input, channel);
    },

    /**
     * Primary course: an agent of the territory files a report for a citizen who phoned or came to
     * the counter; the channel and the agent are recorded, the citizen's contact is optional.
     */
    fileReportOnBehalf: async (
      principal: Principal,
      siren: string,
      input: FileReportInput & { readonly channel: 'phone' | 'counter' },
    ): Promise<Report> => {
      if (!(isTerritoryAdmin(principal, siren) || (principal.role === 'agent' && principal.territory === siren))) {
        throw new ForbiddenError(`Only agents of territory ${siren} may file a report on a citizen's behalf`);
      }
      return file(principal, siren, input, input.channel);
    },

    /**
     * Primary course: a sensor's alert asks for a report (a streetlight out); when an open report of
     * the category already lies within the radius (a citizen saw it first), none is filed; else one
     * is filed with channel `sensor`, under the alert's id, so a redelivered request files nothing.
     */
    fileFromSensor: async (
      siren: string,
      request: {
        readonly alertId: string;
        readonly category: string;
        readonly location: { readonly lat: number; readonly lon: number };
        readonly description: string;
        readonly radiusMeters: number;
      },
    ): Promise<{ readonly filed: boolean; readonly reportId: string }> => {
      const cells = cellWithNeighbours(request.location.lat, request.location.lon, NEARBY_PRECISION);
      const near = (await store.listOpenInCells(siren, request.category, cells)).find(
        (r) => r.id === request.alertId || distanceMetres(request.location, r.location) <= request.radiusMeters,
      );
      if (near) return { filed: false, reportId: near.id };
      if (await store.get(siren, request.alertId)) return { filed: false, reportId: request.alertId };
      const input = { category: request.category, location: request.location, description: request.description };
      try {
        await file(undefined, siren, input, 'sensor', request.alertId);
      } catch (error) {
        // The same request delivered twice at once: the other delivery filed it.
        if (error instanceof ConflictError) return { filed: false, reportId: request.alertId };
        throw error;
      }
      return { filed: true, reportId: request.alertId };
    },

    /**
     * Primary course: while reporting, the citizen sees the open reports of the same category
     * within the radius, nearest first, and may support one instead.
     */
    nearby: async (
      siren: string,
      query: { readonly category: string; readonly lat: number; readonly lon: number; readonly radius: number },
    ): Promise<NearbyReport[]> => {
      if (query.radius > Math.min(MAX_NEARBY_RADIUS, cellSideMetres(NEARBY_PRECISION, query.lat))) {
        throw new InvalidInputError(`The radius is at most ${MAX_NEARBY_RADIUS} m`, [
          { path: 'query.radius', message: `at most ${MAX_NEARBY_RADIUS}` },
        ]);
      }
      await territory.getTerritory(siren);
      const cells = cellWithNeighbours(query.lat, query.lon, NEARBY_PRECISION);
      const open = await store.listOpenInCells(siren, query.category, cells);
      return open
        .map((report) => ({ report, distanceMetres: Math.round(distanceMetres(query, report.location)) }))
        .filter((n) => n.distanceMetres <= query.radius)
        .sort((a, b) => a.distanceMetres - b.distanceMetres)
        .slice(0, MAX_NEARBY_RESULTS);
    },

    /** Primary course: anyone reads a report's public view, its public history and photo links. */
    getPublic: async (
      siren: string,
      id: string,
    ): Promise<{ report: Report; history: HistoryEntry[]; photoUrls: string[] }> => {
      const report = await requireReport(siren, id);
      const [history, photoUrls] = await Promise.all([
        store.history(siren, id),
        Promise.all(report.photos.map((key) => objects.presignDownload(key, PHOTO_LINK_SECONDS))),
      ]);
      return { report, history, photoUrls };
    },

    /** Primary course: a map or a list of a territory's reports, by commune or by a box, newest first. */
    listPublic: async (
      siren: string,
      query: {
        readonly commune?: string;
        readonly bbox?: readonly [number, number, number, number];
        readonly limit: number;
        readonly cursor?: string;
      },
    ): Promise<Page<Report>> => {
      await territory.getTerritory(siren);
      if (query.commune) return store.listByCommune(siren, query.commune, query.limit, query.cursor);
      const bbox = query.bbox!;
      const cells = cellsCovering(bbox, MAP_PRECISION, MAX_MAP_CELLS);
      if (!cells) {
        throw new RuleViolationError(
          `The box is too large for one map request (more than ${MAX_MAP_CELLS} cells of ~5 km): zoom in, or list by commune`,
          'bbox-size',
        );
      }
      return store.listByCells({ territory: siren, cells, bbox, limit: query.limit, cursor: query.cursor });
    },

    /**
     * Primary course: the reports filed in some communes of a territory during a period, newest
     * first, at most `limit`, maybe only some statuses and categories (Open311's GET requests).
     * Each commune is read by pages of its own index, merged by filing time.
     */
    listFiled: async (
      siren: string,
      query: CommuneReportsFilter & { readonly communes: readonly string[]; readonly limit: number },
    ): Promise<Report[]> => {
      await territory.getTerritory(siren);
      const { communes, limit, ...filter } = query;
      // Pages big enough that a commune is rarely read twice, small enough that 40 of them stay cheap.
      const pageSize = Math.min(limit, Math.max(25, Math.ceil((2 * limit) / Math.max(1, communes.length))));
      const sources = communes.map((commune) => ({
        commune,
        items: [] as Report[],
        cursor: undefined as string | undefined,
        done: false,
      }));
      const refill = async (source: (typeof sources)[number]) => {
        const next = await store.listByCommune(siren, source.commune, pageSize, source.cursor, filter);
        source.items.push(...next.items);
        source.cursor = next.cursor;
        source.done = next.cursor === undefined;
      };
      const filed = (r: Report) => `${r.createdAt}#${r.id}`;
      const result: Report[] = [];
      await Promise.all(sources.map(refill));
      while (result.length < limit) {
        // A source whose buffer ran out may hold the next newest: read its next page first.
        await Promise.all(sources.filter((s) => s.items.length === 0 && !s.done).map(refill));
        const live = sources.filter((s) => s.items.length > 0);
        if (live.length === 0) break;
        const newest = live.reduce((a, b) => (filed(a.items[0]!) >= filed(b.items[0]!) ? a : b));
        result.push(newest.items.shift()!);
      }
      return result;
    },

    /**
     * Primary course: an agent lists their body's reports (a commune agent their commune's, a
     * metropolitan agent or an admin any body's), filtered, sorted by filing time, by pages.
     */
    listForBody: async (
      principal: Principal,
      siren: string,
      bodyId: string,
      filters: BodyReportsFilters,
    ): Promise<Page<Report>> => {
      const allowed =
        isTerritoryAdmin(principal, siren) ||
        (principal.role === 'agent' &&
          principal.territory === siren &&
          (principal.commune === undefined || principal.commune === bodyId));
      if (!allowed) throw new ForbiddenError(`You may not list the reports of body ${bodyId} of territory ${siren}`);
      return store.listByBody({
        ...filters,
        territory: siren,
        bodyId,
        now: clock.now().toISOString(),
      });
    },

    /** Primary course: an agent reads a report with its contact, its whole history and internal notes. */
    getDetails: async (
      principal: Principal,
      siren: string,
      id: string,
    ): Promise<{ report: Report; history: HistoryEntry[] }> => {
      const report = await requireReport(siren, id);
      if (!canView(principal, report)) throw new ForbiddenError(`You may not see the details of report ${id}`);
      return { report, history: await store.history(siren, id) };
    },

    /**
     * Primary course: an agent of the responsible body moves the report along the workflow with a
     * public and an internal note, from the version they read; marking a duplicate makes the
     * report's followers follow the original.
     */
    changeStatus: async (principal: Principal, siren: string, id: string, input: TransitionInput): Promise<Report> => {
      const report = await requireReport(siren, id);
      assertManages(principal, report);
      return applyTransition(principal, report, input);
    },

    /**
     * Primary course: within 30 days of its resolution, the reporter (or an agent of the body)
     * reopens a report that is not fixed: it goes back to in_progress.
     */
    reopen: async (
      principal: Principal,
      siren: string,
      id: string,
      input: { readonly version: number; readonly publicNote?: string },
    ): Promise<Report> => {
      const report = await requireReport(siren, id);
      const isReporter = report.reporterSub !== undefined && report.reporterSub === principal.sub;
      if (!isReporter && !canManage(principal, report)) {
        throw new ForbiddenError(`Only the reporter or the responsible body may reopen report ${id}`);
      }
      return applyTransition(principal, report, { ...input, to: 'in_progress' });
    },

    /**
     * Primary course: an agent of the responsible body corrects the category; the competence table
     * routes the report again (maybe to another body) and its due date follows the new category.
     */
    changeCategory: async (
      principal: Principal,
      siren: string,
      id: string,
      input: {
        readonly category: string;
        readonly version: number;
        readonly publicNote?: string;
        readonly internalNote?: string;
      },
    ): Promise<Report> => {
      const report = await requireReport(siren, id);
      assertManages(principal, report);
      assertVersion(report, input.version);
      if (input.category === report.category) return report;
      const category = await requireCategory(siren, input.category);
      const competence = resolveCompetence(siren, category, report.commune);
      const at = clock.now().toISOString();
      const { service: _service, dueAt: _dueAt, ...rest } = report;
      const routed = { ...rest, category: category.code, bodyId: competence.bodyId, bodyKind: competence.bodyKind };
      const dueAt = isOpen(report.status) ? await dueAtFor(routed, category) : report.dueAt;
      const updated: Report = {
        ...routed,
        ...(competence.service ? { service: competence.service } : {}),
        ...(dueAt ? { dueAt } : {}),
        overdue: false,
        updatedAt: at,
        version: report.version + 1,
      };
      const entry: HistoryEntry = {
        at,
        from: report.status,
        to: report.status,
        ...(input.publicNote ? { publicNote: input.publicNote } : {}),
        ...(input.internalNote ? { internalNote: input.internalNote } : {}),
        actor: { sub: principal.sub, role: principal.role },
        rerouted: { fromCategory: report.category, fromBody: report.bodyId, toCategory: category.code },
      };
      const rerouted = event<ReportReroutedData>(principal, REPORT_EVENTS.rerouted, updated, {
        ...refOf(updated, at),
        before: {
          category: report.category,
          bodyId: report.bodyId,
          ...(report.service ? { service: report.service } : {}),
        },
        ...(dueAt ? { dueAt } : {}),
        ...(input.publicNote ? { publicNote: input.publicNote } : {}),
      });
      await store.update(updated, report.version, entry, rerouted);
      return updated;
    },

    /**
     * Primary course: a signed-in citizen says "me too" on an open report they did not file; the
     * support and the count change together, once per citizen, and they follow the report.
     */
    support: async (principal: Principal, siren: string, id: string): Promise<number> => {
      const report = await requireReport(siren, id);
      if (!isOpen(report.status)) {
        throw new RuleViolationError(
          `Report ${id} is ${report.status}: only an open report can be supported`,
          'support-open',
        );
      }
      if (report.reporterSub === principal.sub) throw new AlreadySupportedError(id);
      const at = clock.now().toISOString();
      const supported = event<ReportRef>(principal, REPORT_EVENTS.supported, report, refOf(report, at));
      const supporter: Follower = {
        sub: principal.sub,
        ...(principal.email ? { email: principal.email } : {}),
        reason: 'supporter',
        since: at,
      };
      return store.support(report, supporter, supported);
    },

    /** Who is told of a report's changes (for the notifier). */
    followers: (siren: string, id: string): Promise<Follower[]> => store.followers(siren, id),
  };
};

export type ReportUseCases = ReturnType<typeof makeReportUseCases>;
