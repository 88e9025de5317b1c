/**
 * The local mailbox: where the production mailer's messages land on one machine. SES_ENDPOINT
 * points the mailer at its SES-compatible endpoint; `GET /_local/mailbox` (optionally
 * `?to=address`) lists the messages newest first, `DELETE /_local/mailbox` empties it.
 */
import { join } from 'node:path';
import { jsonResponse, type LocalRoute } from '../local-http';
import { Mailbox } from './mailbox-store';
import { createSesEndpoint, SES_ENDPOINT_PATH } from './ses-endpoint';

export interface LocalMailboxOptions {
  readonly dataDir: string;
  /** Where the gateway serves /_local, e.g. http://127.0.0.1:3000 */
  readonly baseUrl: string;
}

export interface LocalMailbox {
  /** For SES_ENDPOINT. */
  readonly sesEndpoint: string;
  readonly routes: readonly LocalRoute[];
}

export const openLocalMailbox = async (options: LocalMailboxOptions): Promise<LocalMailbox> => {
  const mailbox = await Mailbox.open(join(options.dataDir, 'mailbox'));
  return {
    sesEndpoint: `${options.baseUrl}${SES_ENDPOINT_PATH}`,
    routes: [
      createSesEndpoint(mailbox),
      {
        method: 'GET',
        path: '/_local/mailbox',
        handle: async (request) => jsonResponse(200, await mailbox.list(request.query.get('to') ?? undefined)),
      },
      {
        method: 'DELETE',
        path: '/_local/mailbox',
        handle: async () => jsonResponse(200, { deleted: await mailbox.clear() }),
      },
    ],
  };
};
