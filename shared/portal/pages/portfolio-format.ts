/** How the portfolio's pages write figures in French: euros, percentages, days. Pure. */
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** Integer cents as euros ("1 250 000,50 €"). */
export const euros = (cents: number): string => EUROS.format(cents / 100);

/** 62.5 → "62,5 %". */
export const percent = (value: number): string => `${NUMBER.format(value)} %`;

/** A ratio (0.4567) as a percentage ("45,67 %"); undefined when there is none. */
export const share = (ratio: number | null): string | undefined =>
  ratio === null ? undefined : percent(Math.round(ratio * 10_000) / 100);

export const number = (value: number): string => NUMBER.format(value);

/** A calendar day (YYYY-MM-DD) in words ("30 septembre 2026"). */
export const dayText = (day: string): string => DAY.format(new Date(`${day}T12:00:00.000Z`));

/** A value with its unit ("42,5 µg/m³"). */
export const withUnit = (value: number, unit: string): string => `${NUMBER.format(value)} ${unit}`;
