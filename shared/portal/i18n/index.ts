/**
 * The portal's message catalogue. French is the only locale today; another one is a file of the
 * same type (`Messages`) and a choice made per request in page-http.ts.
 */
import { shell } from './fr-shell';
import { staticPages } from './fr-static';
import { participation } from './fr-participation';
import { reportPages } from './fr-reports';
import { sensors } from './fr-sensors';
import { portfolio } from './fr-portfolio';
import { backOffice } from './fr-back-office';

export const fr = {
  locale: 'fr' as const,
  ...shell,
  staticPages,
  participation,
  reportPages,
  sensors,
  portfolio,
  backOffice,
};

export type Messages = typeof fr;

export const messagesFor = (_locale?: string): Messages => fr;
