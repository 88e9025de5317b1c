/**
 * A durable queue with SQS semantics, kept in a folder: one JSON file per message, written
 * atomically and flushed before a send is acknowledged, so a message accepted before a crash is
 * still there after a restart. Received messages are hidden for a visibility timeout and come back
 * if nobody deletes them (at-least-once delivery, like SQS). One process owns a folder; it keeps
 * an index in memory and writes every change through to disk.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';

/** As SQS's JSON protocol carries them: BinaryValue is base64. */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeValue>>;
  /** Epoch ms. */
  readonly sentTimestamp: number;
  readonly receiveCount: number;
  readonly firstReceiveTimestamp?: number;
  /** Epoch ms before which nobody receives it (in flight, or delayed). */
  readonly visibleAt: number;
  /** Set by the last receive; deleting needs it. */
  readonly receiptHandle?: string;
}

export interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
}

export interface NewMessage {
  readonly body: string;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly delaySeconds?: number;
}

export class LocalQueue {
  private readonly messages = new Map<string, StoredMessage>();
  /** Changes to the folder run one at a time, so a delete never races the write of a receive. */
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly name: string,
    private readonly dir: string,
  ) {}

  /** Opens (creating if needed) the queue kept in `dir`, with every message a previous run accepted. */
  static async open(name: string, dir: string): Promise<LocalQueue> {
    await mkdir(dir, { recursive: true });
    const queue = new LocalQueue(name, dir);
    for (const file of await readdir(dir)) {
      if (file.endsWith('.tmp')) {
        await unlink(join(dir, file)); // a write cut short by a crash: that send was never acknowledged
      } else if (file.endsWith('.json')) {
        const message = JSON.parse(await readFile(join(dir, file), 'utf8')) as StoredMessage;
        queue.messages.set(message.messageId, message);
      }
    }
    return queue;
  }

  /** Resolves once the message is on disk: only then may the sender be told it was accepted. */
  send(message: NewMessage, now = Date.now()): Promise<StoredMessage> {
    return this.put({
      messageId: randomUUID(),
      body: message.body,
      messageAttributes: message.messageAttributes ?? {},
      sentTimestamp: now,
      receiveCount: 0,
      visibleAt: now + (message.delaySeconds ?? 0) * 1000,
    });
  }

  /** Up to `max` visible messages, oldest first, each hidden for the visibility timeout with a fresh receipt handle. */
  receive(max: number, visibilityTimeoutSeconds: number, now = Date.now()): Promise<StoredMessage[]> {
    return this.exclusive(async () => {
      const visible = [...this.messages.values()]
        .filter((m) => m.visibleAt <= now)
        .sort((a, b) => a.sentTimestamp - b.sentTimestamp)
        .slice(0, max);
      const received = visible.map((m) => ({
        ...m,
        receiveCount: m.receiveCount + 1,
        firstReceiveTimestamp: m.firstReceiveTimestamp ?? now,
        visibleAt: now + visibilityTimeoutSeconds * 1000,
        receiptHandle: `${m.messageId}:${randomUUID()}`,
      }));
      for (const message of received) await this.write(message);
      return received;
    });
  }

  /** Deletes the message this receipt handle was issued for; a stale handle (the message was received again) does nothing. */
  delete(receiptHandle: string): Promise<boolean> {
    return this.exclusive(async () => {
      const message = this.byReceiptHandle(receiptHandle);
      if (!message) return false;
      this.messages.delete(message.messageId);
      await unlink(this.file(message.messageId)).catch(() => {});
      return true;
    });
  }

  /** Moves a received message to another queue (its dead-letter queue), visible there at once. */
  async moveTo(target: LocalQueue, receiptHandle: string): Promise<void> {
    const message = this.byReceiptHandle(receiptHandle);
    if (!message) return;
    const { receiptHandle: _handle, ...rest } = message;
    // Written there before deleted here: a crash in between duplicates it, never loses it.
    await target.put({ ...rest, visibleAt: 0 });
    await this.delete(receiptHandle);
  }

  depth(now = Date.now()): QueueDepth {
    let visible = 0;
    for (const message of this.messages.values()) if (message.visibleAt <= now) visible++;
    return { visible, inFlight: this.messages.size - visible };
  }

  private put(message: StoredMessage): Promise<StoredMessage> {
    return this.exclusive(async () => {
      await this.write(message);
      return message;
    });
  }

  private async write(message: StoredMessage): Promise<void> {
    await writeFileAtomic(this.file(message.messageId), JSON.stringify(message));
    this.messages.set(message.messageId, message);
  }

  private byReceiptHandle(receiptHandle: string): StoredMessage | undefined {
    const message = this.messages.get(receiptHandle.split(':')[0] ?? '');
    return message?.receiptHandle === receiptHandle ? message : undefined;
  }

  private file(messageId: string): string {
    return join(this.dir, `${messageId}.json`);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.pending.then(work);
    this.pending = result.catch(() => {});
    return result;
  }
}
