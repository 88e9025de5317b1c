/**
 * The local mailbox: each accepted message is one JSON file in `<dataDir>/mailbox/`, named by a
 * time-ordered id so that the newest sorts last, written atomically so a reader never sees half.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { writeFileAtomic } from '../atomic-file';

export interface MailboxMessage {
  readonly id: string;
  readonly receivedAt: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly replyTo: readonly string[];
  readonly subject: string;
  readonly text?: string;
  readonly html?: string;
  readonly headers: Readonly<Record<string, string>>;
}

export type NewMailboxMessage = Omit<MailboxMessage, 'id' | 'receivedAt'>;

const isMessageFile = (name: string) => name.endsWith('.json') && !name.startsWith('.');

/** The address in `Name <address>` or a bare address, lower-cased. */
const addressOf = (recipient: string) => (/<([^>]+)>\s*$/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();

export class Mailbox {
  private readonly nextId = monotonicFactory();

  private constructor(readonly folder: string) {}

  static async open(folder: string): Promise<Mailbox> {
    await mkdir(folder, { recursive: true });
    return new Mailbox(folder);
  }

  async deliver(message: NewMailboxMessage, now = new Date()): Promise<MailboxMessage> {
    const stored: MailboxMessage = { id: this.nextId(now.getTime()), receivedAt: now.toISOString(), ...message };
    await writeFileAtomic(join(this.folder, `${stored.id}.json`), JSON.stringify(stored, null, 2));
    return stored;
  }

  /** Newest first; only those addressed (to, cc or bcc) to `recipient` when given. */
  async list(recipient?: string): Promise<MailboxMessage[]> {
    const names = (await readdir(this.folder)).filter(isMessageFile).sort().reverse();
    const messages: MailboxMessage[] = [];
    for (const name of names) {
      const content = await readFile(join(this.folder, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined; // emptied meanwhile
        throw error;
      });
      if (content !== undefined) messages.push(JSON.parse(content) as MailboxMessage);
    }
    if (recipient === undefined) return messages;
    const wanted = addressOf(recipient);
    return messages.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((r) => addressOf(r) === wanted));
  }

  /** Deletes every message; answers how many there were. */
  async clear(): Promise<number> {
    const names = (await readdir(this.folder)).filter(isMessageFile);
    await Promise.all(names.map((name) => rm(join(this.folder, name), { force: true })));
    return names.length;
  }
}
