/**
 * Euros, exactly: amounts are integer cents in storage and arithmetic, and decimal strings
 * ("1250000.50") at the edges (API, CSV), so no amount ever passes through a binary float. Sums of
 * cents are exact while they stay under 2^53 cents (90 000 billion euros); `addCents` checks it.
 * Pure.
 */

/** A euro amount as written in the API and the CSV: digits, optionally a dot and 1 or 2 decimals. */
export const EUROS_PATTERN = /^(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;

/** "1250000.5" → 125000050 cents; undefined when it is not an amount of euros. */
export const parseEuros = (text: string): number | undefined => {
  const match = EUROS_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

/** 125000050 → "1250000.50"; whole euros without decimals ("450000"). */
export const formatEuros = (cents: number): string => {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const euros = Math.floor(magnitude / 100);
  const rest = magnitude % 100;
  return rest === 0 ? `${sign}${euros}` : `${sign}${euros}.${String(rest).padStart(2, '0')}`;
};

/** a + b in cents, refusing a sum past what a number holds exactly. */
export const addCents = (a: number, b: number): number => {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('A budget sum exceeds 2^53 cents');
  return sum;
};

/**
 * spent / planned as a ratio rounded half up to 4 decimals (0.4567 = 45.67 %), computed on the
 * integers; null when nothing is planned.
 */
export const ratio = (spent: number, planned: number): number | null => {
  if (planned <= 0) return null;
  const scaled = (BigInt(spent) * 20_000n + BigInt(planned)) / (2n * BigInt(planned));
  return Number(scaled) / 10_000;
};
