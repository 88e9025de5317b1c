/**
 * Exact decimal sums for rollups. Floating-point addition depends on the order of its terms, and
 * observations arrive in any order, several times: a rollup's sum must not. Values are added as
 * integers of nano-units (9 decimals, beyond which a sensor reading carries no information) and
 * kept as a decimal string, so the same points give the same sum whatever their order. Pure.
 */
const DECIMALS = 9;
const SCALE = 10n ** BigInt(DECIMALS);
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** A decimal written as JavaScript writes a number ("12.5", "1e-7") → nano-units, rounded half away from zero. */
const toNanoUnits = (text: string): bigint => {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`Not a decimal number: ${text}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${whole}${fraction}`);
  const shift = Number(exponent) - fraction.length + DECIMALS;
  let units: bigint;
  if (shift >= 0) units = digits * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    units = digits / divisor + ((digits % divisor) * 2n >= divisor ? 1n : 0n);
  }
  return sign === '-' ? -units : units;
};

const format = (units: bigint): string => {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const fraction = (magnitude % SCALE).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${magnitude / SCALE}${fraction ? `.${fraction}` : ''}`;
};

/** `sum` (a decimal string, "0" for none) plus the values, exactly. */
export const addExact = (sum: string, values: readonly number[]): string =>
  format(values.reduce((total, value) => total + toNanoUnits(String(value)), toNanoUnits(sum)));

/** Decimal strings (rollup sums) added exactly. */
export const addDecimals = (sums: readonly string[]): string =>
  format(sums.reduce((total, sum) => total + toNanoUnits(sum), 0n));
