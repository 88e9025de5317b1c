/**
 * What a citizen following a report is told when it changes: one message per event and address,
 * in French, plain text with a simple HTML twin. Pure. A message holds only what the public view
 * of the report shows (number, category, commune, status, public note): never an internal note,
 * an agent's identity or another follower's data.
 */
import { createHash } from 'node:crypto';
import type { Follower, ReportStatus } from '../reports/report';
import type { ReportOverdueData, ReportReroutedData, ReportStatusChangedData } from '../reports/report-events';

/** A status as the citizen reads it. */
export const STATUS_IN_WORDS: Readonly<Record<ReportStatus, string>> = {
  new: 'nouveau',
  acknowledged: 'pris en compte',
  in_progress: 'en cours',
  resolved: 'résolu',
  rejected: 'rejeté',
  duplicate: 'doublon',
};

/** The names a citizen knows, for the codes an event carries; a code stands in for a name not found. */
export interface ReportNames {
  readonly territory: string;
  readonly commune: string;
  readonly category: string;
  /** Who handles the report: the body, with its service when it has one. */
  readonly handledBy: string;
  /** The category before a re-routing. */
  readonly previousCategory?: string;
}

export type ReportChange =
  | { readonly kind: 'status-changed'; readonly data: ReportStatusChangedData }
  | { readonly kind: 'rerouted'; readonly data: ReportReroutedData };

export interface Notification {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The same address however it was typed: what a follower is de-duplicated and claimed by. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The recipient in a claim's key and the mailer's idempotency key: a digest, so no address is stored twice. */
export const recipientKey = (email: string): string => createHash('sha256').update(normalizeEmail(email)).digest('hex');

const WHY_YOU: Readonly<Record<Follower['reason'], string>> = {
  reporter: 'vous avez déposé ce signalement',
  supporter: 'vous avez soutenu ce signalement',
  'duplicate-reporter': 'vous avez signalé le même problème',
};

/** Paragraphs of a message: each a string, or lines of label and value. */
type Paragraph = string | readonly (readonly [label: string, value: string])[];

const render = (paragraphs: readonly Paragraph[]): { text: string; html: string } => {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const text = paragraphs
    .map((p) => (typeof p === 'string' ? p : p.map(([label, value]) => `${label} : ${value}`).join('\n')))
    .join('\n\n');
  const html = paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p>${escape(p).replace(/\n/g, '<br>')}</p>`
        : `<p>${p.map(([label, value]) => `${escape(label)} : <strong>${escape(value)}</strong>`).join('<br>')}</p>`,
    )
    .join('\n');
  return { text: `${text}\n`, html: `<!doctype html>\n<html lang="fr"><body>\n${html}\n</body></html>\n` };
};

/** The message for one follower; `reason` says why they get it. */
export const composeNotification = (
  change: ReportChange,
  names: ReportNames,
  reason: Follower['reason'],
): Notification => {
  const { reportId, publicNote } = change.data;
  const where: Paragraph = [
    ['Catégorie', names.category],
    ['Commune', names.commune],
  ];
  const note: Paragraph[] = publicNote ? [`Message du service :\n${publicNote}`] : [];
  const footer: Paragraph[] = [
    `Vous recevez ce message parce que ${WHY_YOU[reason]}. Ceci est un message automatique : merci de ne pas y répondre.`,
    names.territory,
  ];

  if (change.kind === 'rerouted') {
    const category =
      names.previousCategory && names.previousCategory !== names.category
        ? `${names.category} (auparavant : ${names.previousCategory})`
        : names.category;
    return {
      subject: `Signalement n° ${reportId} : réorienté`,
      ...render([
        'Bonjour,',
        `Le signalement n° ${reportId} que vous suivez a changé de catégorie : il a été réorienté vers le service compétent.`,
        [
          ['Catégorie', category],
          ['Commune', names.commune],
          ['Traité par', names.handledBy],
        ],
        ...note,
        ...footer,
      ]),
    };
  }

  const { to, reopened, duplicateOf } = change.data;
  const status = reopened ? `${STATUS_IN_WORDS[to]} (rouvert)` : STATUS_IN_WORDS[to];
  const afterwards: Paragraph[] =
    to === 'duplicate' && duplicateOf
      ? [
          `Le même problème avait déjà été signalé : le signalement n° ${duplicateOf}. ` +
            'Vous le suivez désormais et serez informé(e) de son avancement.',
        ]
      : reopened
        ? ['Le problème n’étant pas réglé, le signalement a été rouvert : le service s’en occupe à nouveau.']
        : [];
  return {
    subject: `Signalement n° ${reportId} : ${status}`,
    ...render([
      'Bonjour,',
      `Le signalement n° ${reportId} que vous suivez a changé de statut.`,
      [...where, ['Nouveau statut', status]],
      ...note,
      ...afterwards,
      ...footer,
    ]),
  };
};

/** The message to a body's managers when one of its reports goes past due. */
export const composeEscalation = (data: ReportOverdueData, names: ReportNames): Notification => ({
  subject: `Signalement n° ${data.reportId} en retard`,
  ...render([
    'Bonjour,',
    `Le signalement n° ${data.reportId} a dépassé son délai de traitement : il devait être résolu le ${new Date(
      data.dueAt,
    ).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' })}.`,
    [
      ['Catégorie', names.category],
      ['Commune', names.commune],
      ['Traité par', names.handledBy],
      ['Statut', STATUS_IN_WORDS[data.status]],
    ],
    `Vous recevez ce message parce que votre adresse est celle d’escalade de ${names.handledBy}. Ceci est un message automatique : merci de ne pas y répondre.`,
    names.territory,
  ]),
});
