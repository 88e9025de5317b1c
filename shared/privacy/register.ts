/**
 * The register of processing activities (GDPR Art. 30), declared next to the code that does the
 * processing: served at `GET /privacy/register` and shown on the portal's privacy page. A test
 * checks every context whose records carry a personal field (personal-fields.ts) has an entry.
 */
import * as z from 'zod';
import { DEFAULT_AUDIT_MONTHS, DEFAULT_CONTACT_MONTHS } from './retention';

export const ProcessingRecord = z
  .object({
    id: z.string(),
    /** The code's context (folder under shared/) that does it. */
    context: z.string(),
    name: z.string(),
    purpose: z.string(),
    legalBasis: z.string().meta({ description: 'GDPR Art. 6 basis' }),
    dataCategories: z.array(z.string()),
    dataSubjects: z.array(z.string()),
    retention: z.string(),
    recipients: z.array(z.string()),
  })
  .meta({ id: 'ProcessingActivity' });
export type Processing = z.output<typeof ProcessingRecord>;

export const CONTROLLER = "L'établissement public de coopération intercommunale (EPCI) et ses communes membres";

export const REGISTER: readonly Processing[] = [
  {
    id: 'citizen-reports',
    context: 'reports',
    name: 'Signalements des habitants',
    purpose: "Recevoir, router et traiter les signalements sur l'espace public, et en informer leurs auteurs",
    legalBasis: "Mission d'intérêt public (art. 6-1-e)",
    dataCategories: [
      'identifiant de connexion (sub)',
      'coordonnées (e-mail, nom, prénom, téléphone) données au signalement',
      'position et photos du signalement',
      "agent ayant saisi un signalement au guichet ou au téléphone, et l'historique de traitement",
    ],
    dataSubjects: ['habitants et usagers', 'agents'],
    retention:
      `Le signalement est conservé ; les coordonnées, l'identifiant, les suivis et soutiens sont effacés ` +
      `${DEFAULT_CONTACT_MONTHS} mois après sa clôture (délai réglable par le territoire), ou dès la demande d'effacement`,
    recipients: ['agents du service compétent (commune ou métropole)', 'administrateurs du territoire'],
  },
  {
    id: 'report-notifications',
    context: 'notifications',
    name: 'Avis de suivi des signalements',
    purpose:
      "Prévenir par e-mail l'auteur et les soutiens d'un signalement de ses changements, et les responsables d'un retard",
    legalBasis: "Mission d'intérêt public (art. 6-1-e)",
    dataCategories: [
      'adresse e-mail (seule une empreinte SHA-256 est gardée, 30 jours, pour ne pas envoyer deux fois)',
    ],
    dataSubjects: ['habitants qui suivent un signalement', 'responsables des services'],
    retention: '30 jours (empreinte anti-doublon)',
    recipients: ["le prestataire d'envoi d'e-mails (Amazon SES)"],
  },
  {
    id: 'participation',
    context: 'participation',
    name: 'Concertations et budgets participatifs',
    purpose: 'Permettre aux habitants de proposer, commenter, soutenir, signaler et voter, une fois par personne',
    legalBasis: "Mission d'intérêt public (art. 6-1-e)",
    dataCategories: [
      "clé pseudonyme (empreinte de l'émetteur et de l'identifiant)",
      'nom affiché choisi, propositions, commentaires, soutiens, signalements de contenus, bulletins',
      'commune de résidence et âge (vérifiés, non conservés), résidence déclarée',
    ],
    dataSubjects: ['habitants participants'],
    retention:
      "Contributions publiques archivées dans l'intérêt public ; à la demande d'effacement, elles sont signées " +
      '« Un habitant », le profil, les soutiens et signalements supprimés, le bulletin reste compté sans lien avec la personne',
    recipients: ['public (contributions et nom affiché)', 'modérateurs et administrateurs du territoire'],
  },
  {
    id: 'territory-staff-directory',
    context: 'territory',
    name: 'Annuaire des services',
    purpose: 'Router les signalements vers le bon service et alerter ses responsables des retards',
    legalBasis: "Mission d'intérêt public (art. 6-1-e)",
    dataCategories: ['adresses e-mail des services et des responsables'],
    dataSubjects: ['agents'],
    retention: "Tant que l'adresse est déclarée par le territoire",
    recipients: ['agents et administrateurs du territoire (jamais le public)'],
  },
  {
    id: 'administrative-audit',
    context: 'audit',
    name: 'Journal des actions administratives',
    purpose: 'Tracer qui a changé quoi et quand (responsabilité, sécurité)',
    legalBasis: 'Obligation légale et mission d’intérêt public (art. 6-1-c et e)',
    dataCategories: ["identifiant et rôle de l'agent ou de l'administrateur", "détail de l'action"],
    dataSubjects: ['agents', 'administrateurs'],
    retention: `${DEFAULT_AUDIT_MONTHS} mois par défaut, délai réglable par le territoire (effacement quotidien)`,
    recipients: ['administrateurs du territoire'],
  },
  {
    id: 'open311-client-applications',
    context: 'open311',
    name: 'Applications clientes Open311',
    purpose: 'Identifier les applications qui déposent des signalements et joindre leur responsable',
    legalBasis: "Mission d'intérêt public (art. 6-1-e)",
    dataCategories: [
      'contact du responsable (e-mail ou adresse web)',
      "identifiant de l'agent qui a créé ou révoqué la clé",
    ],
    dataSubjects: ["responsables d'applications", 'agents'],
    retention: "Tant que l'application est enregistrée",
    recipients: ['administrateurs du territoire'],
  },
  {
    id: 'sensor-partners',
    context: 'sensors',
    name: 'Partenaires des capteurs',
    purpose: 'Gérer les organisations qui transmettent des mesures et leurs clés',
    legalBasis: "Mission d'intérêt public (art. 6-1-e)",
    dataCategories: ['adresse e-mail de contact du partenaire'],
    dataSubjects: ['contacts des partenaires'],
    retention: 'Tant que le partenaire est enregistré',
    recipients: ['administrateurs du territoire'],
  },
  {
    id: 'personal-data-export',
    context: 'privacy',
    name: 'Droit d’accès et portabilité',
    purpose: 'Remettre à un habitant connecté toutes les données que la plateforme détient sur lui',
    legalBasis: 'Obligation légale (art. 6-1-c ; art. 15 et 20)',
    dataCategories: ['toutes les catégories ci-dessus qui le concernent'],
    dataSubjects: ['habitants'],
    retention: "Rien n'est conservé : l'export est calculé à la demande",
    recipients: ['la personne concernée seule'],
  },
  {
    id: 'personal-data-erasure',
    context: 'privacy',
    name: 'Droit à l’effacement',
    purpose: "Effacer, à la demande d'un habitant connecté, ses données dans tous les territoires",
    legalBasis: 'Obligation légale (art. 6-1-c ; art. 17)',
    dataCategories: [
      'clé pseudonyme et identifiant le temps de la demande',
      'nombre d’éléments effacés par territoire (jamais les données effacées)',
    ],
    dataSubjects: ['habitants'],
    retention: "30 jours après l'effacement pour la demande ; le journal d'audit garde les nombres",
    recipients: ['la personne concernée', 'administrateurs du territoire (nombres seulement)'],
  },
];
