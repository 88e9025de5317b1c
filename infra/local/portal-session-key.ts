/**
 * The portal's session key on one machine: 32 random bytes made at first start and kept in the
 * data dir (mode 0600), never in the repository, so sessions survive a restart. In AWS the key is
 * a Secrets Manager secret (infra/constructs/portal-front-end.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

export const loadOrCreatePortalSessionKey = async (dataDir: string): Promise<string> => {
  const dir = join(dataDir, 'portal');
  const file = join(dir, 'session-key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const key = randomBytes(32).toString('base64url');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, key, 0o600);
  return key;
};

/** Another random secret of the local runtime (e.g. the pagination cursors' key), kept the same way. */
export const loadOrCreateLocalSecret = async (dataDir: string, name: string): Promise<string> => {
  const file = join(dataDir, 'secrets', name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const key = randomBytes(32).toString('base64url');
  await mkdir(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, key, 0o600);
  return key;
};
