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
import { privacyPages } from './fr-privacy';
import { backOfficeDashboards } from './fr-back-office-dashboards';
import { backOfficeParticipation } from './fr-back-office-participation';
import { backOfficeSensors } from './fr-back-office-sensors';
import { backOfficeTerritory } from './fr-back-office-territory';
import { backOfficeReports } from './fr-back-office-reports';

export const fr = {
  locale: 'fr' as const,
  ...shell,
  staticPages,
  participation,
  reportPages,
  sensors,
  portfolio,
  backOffice,
  privacyPages,
  backOfficeDashboards,
  backOfficeParticipation,
  backOfficeSensors,
  backOfficeTerritory,
  backOfficeReports,
};

export type Messages = typeof fr;

export const messagesFor = (_locale?: string): Messages => fr;
