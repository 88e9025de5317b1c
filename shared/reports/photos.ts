/**
 * Photos uploaded through a presigned slot (reports, proposals): what makes an upload acceptable
 * before anything references it.
 */
import { InvalidInputError, RuleViolationError, type FieldIssue } from '../kernel/errors';
import { ULID_PATTERN } from '../kernel/ids';
import type { ObjectStore } from '../kernel/object-store';
import { MAX_PHOTO_BYTES, PHOTO_SIGNATURE_BYTES, photoTypeOf, type PhotoType } from './report';

/** A ULID without the anchors of its pattern, to sit inside a longer one. */
const ULID = ULID_PATTERN.source.replace(/^\^|\$$/g, '');

/** The key of an upload slot of a territory: uploads/<siren>/<ulid>.<ext>. */
const UPLOAD_KEY = new RegExp(`^uploads/(\\d{9})/${ULID}\\.(jpg|png|webp)$`);

/**
 * An upload slot of this territory, uploaded, at most 10 MB, whose first bytes are those of a
 * JPEG, PNG or WebP image; `notASlot` says where in the request a foreign key was given.
 */
export const checkUploadedPhoto = async (
  objects: Pick<ObjectStore, 'head' | 'readRange'>,
  siren: string,
  key: string,
  notASlot: FieldIssue,
): Promise<PhotoType> => {
  const match = UPLOAD_KEY.exec(key);
  if (!match || match[1] !== siren) {
    throw new InvalidInputError(`"${key}" is not a photo upload of territory ${siren}: ask for an upload slot first`, [
      notASlot,
    ]);
  }
  const stored = await objects.head(key);
  if (!stored) throw new RuleViolationError(`Photo ${key} was not uploaded, or its upload expired`, 'photo-uploaded');
  if (stored.size > MAX_PHOTO_BYTES) {
    throw new RuleViolationError(`Photo ${key} is larger than ${MAX_PHOTO_BYTES} bytes`, 'photo-size');
  }
  const type = photoTypeOf(await objects.readRange(key, 0, PHOTO_SIGNATURE_BYTES - 1));
  if (!type) throw new RuleViolationError(`Photo ${key} is not a JPEG, PNG or WebP image`, 'photo-type');
  return type;
};
