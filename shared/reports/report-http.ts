/** The version a client read, from `If-Match: "3"` or the body's `version`: optimistic locking over HTTP. */
import { InvalidInputError } from '../kernel/errors';

export const versionRead = (headers: Readonly<Record<string, string | undefined>>, bodyVersion?: number): number => {
  const ifMatch = headers['if-match'];
  const fromHeader = ifMatch === undefined ? undefined : /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim())?.[1];
  if (ifMatch !== undefined && fromHeader === undefined) {
    throw new InvalidInputError('If-Match must be the ETag of the report read, e.g. "3"');
  }
  const version = fromHeader === undefined ? bodyVersion : Number(fromHeader);
  if (version === undefined) {
    throw new InvalidInputError('Send the version of the report you read: If-Match header or body.version', [
      { path: 'body.version', message: 'required without If-Match' },
    ]);
  }
  if (bodyVersion !== undefined && bodyVersion !== version) {
    throw new InvalidInputError('If-Match and body.version name different versions');
  }
  return version;
};
