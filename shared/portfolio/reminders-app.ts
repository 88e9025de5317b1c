/** The late-milestone reminders wired to the mailer: only their scheduled function bundles it (MAIL_FROM). */
import { mailer } from '../runtime/mailer';
import { portfolioDeps } from './portfolio-app';
import { makePortfolioReminders } from './portfolio-use-cases';

export const reminders = makePortfolioReminders({ ...portfolioDeps, mailer });
