/**
 * Crash-safe file writes: the content is written to a temporary file, flushed to disk, then renamed
 * over the target, so a reader (or a restart) sees either the old file or the new one, never half.
 */
import { open, rename } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';

export const writeFileAtomic = async (path: string, content: string, mode = 0o644): Promise<void> => {
  const tmp = join(dirname(path), `.${randomUUID()}.tmp`);
  const file = await open(tmp, 'w', mode);
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  // The rename itself lives in the directory: flush it too, or a power cut may forget it.
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
};
