/**
 * The right to erasure (GDPR Art. 17): a signed-in citizen asks (`DELETE /me/personal-data`, 202),
 * a queue consumer erases, in every territory of the deployment:
 * - reports: the contact data of the reports they filed, their subject, their supports, their
 *   following, their name on a reopening — the reports themselves stay (the street's problem is
 *   public business); found through the reports' citizen index, one territory after another;
 * - participation: their profile, supports and flags go; their proposals and comments stay signed
 *   "Un habitant"; a ballot stays counted, unlinked from them — found through the person index.
 * Each handled item leaves the index that found it, so a run killed midway is finished by the
 * redelivered message (resumable), and a second request while one is pending is the same request
 * (idempotent). Done, the request keeps counts only, and each territory's audit log an entry
 * saying what was removed — counts, never the data.
 */
import type { DomainEvent } from '../events/domain-event';
import { newEvent } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';
import { voterKeyOf } from '../participation/participation';
import type { FollowedReport } from '../reports/report-ports';
import { DEPLOYMENT_WIDE, ERASURE_REQUESTED, PRIVACY_EVENTS } from './privacy-events';

export interface ErasureRequest {
  readonly requestId: string;
  readonly requestedAt: string;
  readonly state: 'pending' | 'done';
  /** Who asked, while the request is pending: the consumer needs it; it goes when done. */
  readonly issuer?: string;
  readonly sub?: string;
  readonly completedAt?: string;
  /** What was removed so far, by `<territory>/<kind>`: counted as the work goes, so a resumed run adds up. */
  readonly removed?: Readonly<Record<string, number>>;
}

/** What was removed, per territory and kind: the request's and the audit's record. */
export type Removed = Record<string, Record<string, number>>;

export interface ErasureDeps {
  readonly requests: {
    get(voterKey: string): Promise<ErasureRequest | undefined>;
    /** A new pending request and its event, unless one is pending (then false). */
    open(voterKey: string, request: ErasureRequest, event: DomainEvent): Promise<boolean>;
    /** Adds to what the request removed (`<territory>/<kind>` → n). */
    count(voterKey: string, requestId: string, counts: Readonly<Record<string, number>>): Promise<void>;
    /** Done: counts kept, the identity removed, one audit event per territory; false if not pending. */
    complete(voterKey: string, requestId: string, at: string, events: readonly DomainEvent[]): Promise<boolean>;
  };
  readonly territories: { listTerritories(): Promise<string[]> };
  readonly reports: {
    listFollowedBy(siren: string, sub: string, limit: number): Promise<Page<FollowedReport>>;
    forgetPeople(
      siren: string,
      reportId: string,
      whom: { readonly sub: string },
    ): Promise<Readonly<Record<string, number>>>;
  };
  readonly participation: {
    nextItems(
      voterKey: string,
      limit: number,
    ): Promise<
      readonly { readonly pk: string; readonly sk: string; readonly territory: string; readonly kind: string }[]
    >;
    erase(
      item: { readonly pk: string; readonly sk: string; readonly territory: string; readonly kind: string },
      voterKey: string,
      now: Date,
    ): Promise<boolean>;
  };
  readonly clock: Clock;
  /** Waits between two reads of an index that still shows what was just handled (eventual consistency). */
  readonly pause?: (ms: number) => Promise<void>;
}

const PAGE = 100;
/** Reads of an index showing only handled items before the run ends: the index's lag, not new work. */
const STALLS = 5;

/** `<territory>/<kind>` → n, the request's tally, as territory → kind → n. */
const byTerritory = (tally: Readonly<Record<string, number>>): Removed => {
  const removed: Removed = {};
  for (const [key, n] of Object.entries(tally)) {
    const [territory = '', kind = ''] = key.split('/');
    if (n > 0) (removed[territory] ??= {})[kind] = n;
  }
  return removed;
};

const tallyOf = (territory: string, counts: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(counts).flatMap(([kind, n]) => (n > 0 ? [[`${territory}/${kind}`, n]] : [])));

/**
 * Handles what an index lists until it lists nothing new: each handled item leaves the index, so
 * reading its first page again is the next page; what it still shows after being handled is lag.
 */
const drain = async <T>(
  read: () => Promise<readonly T[]>,
  keyOf: (item: T) => string,
  handle: (item: T) => Promise<void>,
  pause: (ms: number) => Promise<void>,
) => {
  const seen = new Set<string>();
  for (let stalls = 0; stalls < STALLS;) {
    const items = await read();
    const fresh = items.filter((item) => !seen.has(keyOf(item)));
    if (items.length === 0) return;
    if (fresh.length === 0) {
      stalls++;
      await pause(200 * stalls);
      continue;
    }
    stalls = 0;
    for (const item of fresh) {
      seen.add(keyOf(item));
      await handle(item);
    }
  }
};

/** A request as its citizen sees it: without the identity it holds while pending. */
const shown = ({ issuer: _issuer, sub: _sub, ...request }: ErasureRequest): ErasureRequest => request;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const makeErasureUseCases = (deps: ErasureDeps) => {
  const pause = deps.pause ?? sleep;
  return {
    /** Primary course: a signed-in citizen asks that their data be erased; the work is queued (202). Without the identity. */
    requestErasure: async (principal: Principal): Promise<ErasureRequest> => {
      const voterKey = voterKeyOf(principal);
      const pending = await deps.requests.get(voterKey);
      if (pending?.state === 'pending') return shown(pending);
      const request: ErasureRequest = {
        requestId: newId(),
        requestedAt: deps.clock.now().toISOString(),
        state: 'pending',
        issuer: principal.issuer,
        sub: principal.sub,
      };
      const event = newEvent(deps.clock, ERASURE_REQUESTED, {
        territory: DEPLOYMENT_WIDE,
        subject: `erasure/${request.requestId}`,
        data: { requestId: request.requestId, voterKey },
      });
      if (await deps.requests.open(voterKey, request, event)) return shown(request);
      // Another request was opened meanwhile (a double click): that one is the request.
      return shown((await deps.requests.get(voterKey)) ?? request);
    },

    /** Where the caller's last request stands. */
    erasureStatus: async (principal: Principal): Promise<ErasureRequest | undefined> => {
      const request = await deps.requests.get(voterKeyOf(principal));
      return request ? shown(request) : undefined;
    },

    /** The consumer: erases everything of the request's citizen, every territory; a redelivery finishes it. */
    erase: async (data: { readonly requestId: string; readonly voterKey: string }): Promise<Removed | undefined> => {
      const request = await deps.requests.get(data.voterKey);
      if (!request || request.requestId !== data.requestId || request.state !== 'pending' || !request.sub) {
        return undefined;
      }
      const sub = request.sub;
      const count = (territory: string, counts: Readonly<Record<string, number>>) => {
        const tally = tallyOf(territory, counts);
        return Object.keys(tally).length > 0
          ? deps.requests.count(data.voterKey, request.requestId, tally)
          : Promise.resolve();
      };
      for (const siren of await deps.territories.listTerritories()) {
        await drain(
          async () => (await deps.reports.listFollowedBy(siren, sub, PAGE)).items,
          (followed) => followed.report.id,
          async (followed) => count(siren, await deps.reports.forgetPeople(siren, followed.report.id, { sub })),
          pause,
        );
      }
      await drain(
        () => deps.participation.nextItems(data.voterKey, PAGE),
        (item) => `${item.pk}|${item.sk}`,
        async (item) => {
          if (await deps.participation.erase(item, data.voterKey, deps.clock.now())) {
            await count(item.territory, { [item.kind]: 1 });
          }
        },
        pause,
      );
      const at = deps.clock.now().toISOString();
      const removed = byTerritory((await deps.requests.get(data.voterKey))?.removed ?? {});
      const events = Object.entries(removed).map(([territory, counts]) =>
        newEvent(deps.clock, PRIVACY_EVENTS.personalDataErased, {
          territory,
          subject: `erasure/${request.requestId}`,
          data: {
            before: null,
            after: {
              requestId: request.requestId,
              requestedAt: request.requestedAt,
              requestedBy: 'data-subject',
              removed: counts,
            },
          },
        }),
      );
      await deps.requests.complete(data.voterKey, request.requestId, at, events);
      return removed;
    },
  };
};
export type ErasureUseCases = ReturnType<typeof makeErasureUseCases>;
