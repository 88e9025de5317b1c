/**
 * The local runtime's secrets (the portal's session key, the pagination cursors' key): 32 random
 * bytes made at first start and kept in the data dir (mode 0600), never in the repository, so
 * sessions and cursors survive a restart. In AWS each is a Secrets Manager secret (infra/).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** The secret kept at `relativePath` under the data dir, made there the first time. */
export const loadOrCreateLocalSecret = async (dataDir: string, relativePath: string): Promise<string> => {
  const file = join(dataDir, relativePath);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const key = randomBytes(32).toString('base64url');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, key, 0o600);
  return key;
};
