/**
 * Streaming pieces of the exports, so that a file of any size passes through a bounded amount of
 * memory: text batched into byte chunks, the bytes counted and hashed as they pass, and one
 * source of pages read once and fed to several files at the pace of the slowest (a bounded
 * buffer per file: the source waits while a file's buffer is full). Pure: no I/O.
 */
import { createHash } from 'node:crypto';

/** Text as UTF-8 chunks of about `chunkSize` characters (small pieces are joined, a large one passes alone). */
export async function* utf8Chunks(texts: AsyncIterable<string>, chunkSize = 64 * 1024): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const piece of texts) {
    if (piece === '') continue;
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength >= chunkSize) {
      yield encoder.encode(pending.join(''));
      pending = [];
      pendingLength = 0;
    }
  }
  if (pendingLength > 0) yield encoder.encode(pending.join(''));
}

export interface Measured {
  readonly body: AsyncIterable<Uint8Array>;
  /** Size and SHA-256 of what went through `body`; read once it is consumed. */
  result(): { readonly byteSize: number; readonly sha256: string };
}

/** Counts and hashes bytes on their way. */
export const measured = (bytes: AsyncIterable<Uint8Array>): Measured => {
  const hash = createHash('sha256');
  let byteSize = 0;
  let digest: string | undefined;
  async function* body() {
    for await (const chunk of bytes) {
      hash.update(chunk);
      byteSize += chunk.length;
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    body: body(),
    result: () => {
      if (digest === undefined) throw new Error('The body was not consumed to its end');
      return { byteSize, sha256: digest };
    },
  };
};

/** A bounded queue between one writer and one reader. */
class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failed = false;
  private failure: unknown;
  /** The reader finished (or gave up): what is pushed now is dropped. */
  private detached = false;
  private wakeReader?: () => void;
  private wakeWriter?: () => void;

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.failed && !this.detached) {
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    }
    if (this.failed) throw this.failure;
    if (this.detached) return;
    this.items.push(item);
    this.wake('reader');
  }

  close(): void {
    this.closed = true;
    this.wake('reader');
  }

  abort(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.failure = error;
    this.wake('reader');
    this.wake('writer');
  }

  detach(): void {
    this.detached = true;
    this.items.length = 0;
    this.wake('writer');
  }

  private wake(who: 'reader' | 'writer'): void {
    const wake = who === 'reader' ? this.wakeReader : this.wakeWriter;
    if (who === 'reader') this.wakeReader = undefined;
    else this.wakeWriter = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.failed) throw this.failure;
      const item = this.items.shift();
      if (item !== undefined) {
        this.wake('writer');
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }
}

/**
 * Reads `source` once and gives each sink every item, in order, each sink at its own pace within
 * `capacity` items of the others. A failure anywhere (the source, a sink) fails the others too
 * (their iteration throws, so an upload in progress is abandoned) and is thrown.
 */
export const fanOut = async <T, R>(
  source: AsyncIterable<T>,
  sinks: readonly ((items: AsyncIterable<T>) => Promise<R>)[],
  capacity = 2,
): Promise<R[]> => {
  const channels = sinks.map(() => new Channel<T>(capacity));
  const consuming = sinks.map((sink, i) =>
    sink(channels[i]!).then(
      (result) => {
        channels[i]!.detach();
        return result;
      },
      (error: unknown) => {
        channels[i]!.abort(error);
        throw error;
      },
    ),
  );
  const producing = (async () => {
    try {
      for await (const item of source) {
        for (const channel of channels) await channel.push(item);
      }
      for (const channel of channels) channel.close();
    } catch (error) {
      for (const channel of channels) channel.abort(error);
      throw error;
    }
  })();
  const settled = await Promise.allSettled([producing, ...consuming]);
  const failure = settled.find((outcome) => outcome.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return settled.slice(1).map((outcome) => (outcome as PromiseFulfilledResult<R>).value);
};

/** `[` items `,`-separated `]`: a JSON array written as its items come. */
export async function* jsonArray(
  items: AsyncIterable<readonly unknown[]>,
  open = '[',
  close = ']',
): AsyncIterable<string> {
  yield open;
  let first = true;
  for await (const page of items) {
    if (page.length === 0) continue;
    yield (first ? '' : ',') + page.map((item) => JSON.stringify(item)).join(',');
    first = false;
  }
  yield close;
}

/** A GeoJSON FeatureCollection written as its features come. */
export const featureCollection = (features: AsyncIterable<readonly unknown[]>): AsyncIterable<string> =>
  jsonArray(features, '{"type":"FeatureCollection","features":[', ']}');

/** Pages of `source` mapped one by one. */
export async function* mapPages<T, U>(source: AsyncIterable<readonly T[]>, map: (item: T) => U): AsyncIterable<U[]> {
  for await (const page of source) yield page.map(map);
}

/** An array as one page (small datasets go through the same writers as large ones). */
export async function* onePage<T>(items: readonly T[]): AsyncIterable<readonly T[]> {
  yield items;
}
