/**
 * Filing reports: a citizen online or through an Open311 client, an agent for a citizen at the
 * counter or on the phone, a sensor's alert; and the photo upload slots a report names. Pure: the
 * store keeps a report, its first history entry, its reporter and `reports.filed` together.
 */
import { distanceMetres } from '../geo/distance';
import { cellWithNeighbours } from '../geo/geohash';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { PresignedUpload } from '../kernel/object-store';
import { isTerritoryAdmin, type Principal } from '../kernel/principal';
import { resolveCompetence } from '../territory/territory';
import { checkUploadedPhoto } from './photos';
import {
  checkAnswers,
  NEARBY_PRECISION,
  PHOTO_TYPES,
  UPLOAD_URL_SECONDS,
  type Contact,
  type Follower,
  type HistoryEntry,
  type Location,
  type PhotoType,
  type Report,
  type ReportChannel,
} from './report';
import type { Access, ReportDeps } from './report-access';
import { refOf, REPORT_EVENTS } from './report-events';

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

/** A sensor alert's request for a report (sensors.report-requested). */
export interface SensorReportRequest {
  readonly alertId: string;
  readonly category: string;
  readonly location: Location;
  readonly description: string;
  /** An open report of the category within this distance is the same problem. */
  readonly radiusMeters: number;
}

/** An upload key: the territory, then a ULID, then the extension of the declared type. */
const uploadKey = (siren: string, type: PhotoType) => `uploads/${siren}/${newId()}.${PHOTO_TYPES[type].extension}`;

export const makeFilingUseCases = (
  { store, territory, objects, clock }: ReportDeps,
  { eventOf, requireCategory, dueAtFor }: Access,
) => {
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
    id: string = newId(),
    clientApp?: { readonly id: string; readonly name: string },
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

    const photos = uploads.map((_, i) => `photos/${siren}/${id}/${i + 1}.${PHOTO_TYPES[types[i]!].extension}`);
    await Promise.all(uploads.map((key, i) => objects.copy(key, photos[i]!)));

    const now = clock.now().toISOString();
    const assisted = channel === 'phone' || channel === 'counter';
    const base = { territory: siren, commune: commune.insee, bodyId: competence.bodyId, createdAt: now };
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
      ...(clientApp ? { clientApp: { id: clientApp.id, name: clientApp.name } } : {}),
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
    const filed = eventOf(REPORT_EVENTS.filed, principal, report, {
      ...refOf(report, now),
      status: 'new',
      channel,
      location: report.location,
      ...(dueAt ? { dueAt } : {}),
    });
    return store.create(report, first, reporter, filed);
  };

  return {
    /**
     * Primary course: a citizen (signed in or not) declares a photo's type and size; they get a
     * key in the territory's upload area and a URL valid five minutes to PUT it to.
     */
    requestPhotoUpload: async (
      siren: string,
      upload: { readonly contentType: PhotoType; readonly size: number },
    ): Promise<PresignedUpload & { readonly photoKey: string }> => {
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
      /** The Open311 client application that posted it, when it gave an api_key. */
      clientApp?: { readonly id: string; readonly name: string },
    ): Promise<Report> => {
      if (!principal && !input.contact?.email) {
        throw new InvalidInputError('An anonymous report needs contact.email, to tell you how it goes', [
          { path: 'body.contact.email', message: 'required without a bearer token' },
        ]);
      }
      return file(principal, siren, input, channel, newId(), clientApp);
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
      request: SensorReportRequest,
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
  };
};
