/**
 * The names of fields that carry personal data, wherever they appear in a record or a view: a
 * person's address, phone, name given as a contact, identity (subject, pseudonymous key), identity
 * claims, and staff e-mail addresses. No public view may carry one (test/unit/privacy-public-views.test.ts),
 * and every context whose records hold one has an entry in the register (register.ts).
 * `authorName` is not in it: it is the pseudonym a citizen chose to sign in public with.
 */
export const PERSONAL_FIELDS = [
  'email',
  'emails',
  'escalationEmails',
  'contactEmail',
  'phone',
  'firstName',
  'lastName',
  'contact',
  'reporterSub',
  'filedBy',
  'createdBy',
  'revokedBy',
  'sub',
  'actor',
  'authorKey',
  'voterKey',
  'birthdate',
  'postalCode',
  'residenceInsee',
  'declaredResidence',
] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

const personal: ReadonlySet<string> = new Set(PERSONAL_FIELDS);
export const isPersonalField = (name: string): boolean => personal.has(name);
