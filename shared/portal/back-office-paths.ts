/**
 * The URLs of the back office (agents, territory admins, elected officials), in French, in one
 * place: templates link with these, each area's `back-office-*-pages-routes.ts` declares the same
 * paths. Everything lives under `/agents`, so the gateway, the CSP and the tests see one space.
 */
const id = (value: string) => encodeURIComponent(value);

/** A path with its query, empty values left out (the "all" of a filter). */
export const withQuery = (path: string, query: Readonly<Record<string, string | undefined>>) => {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

export const backOfficePaths = {
  home: '/agents',
  // Reports (signalements): the inbox of a body, one report and its acts, filing for a citizen.
  inbox: '/agents/signalements',
  inboxFiltered: (query: Readonly<Record<string, string | undefined>>) => withQuery('/agents/signalements', query),
  report: (reportId: string) => `/agents/signalements/${id(reportId)}`,
  fileForCitizen: '/agents/signalements/nouveau',
  // Participation: moderation queue, consultations and their budget projects.
  moderation: '/agents/moderation',
  consultations: '/agents/consultations',
  newConsultation: '/agents/consultations/nouvelle',
  consultation: (consultationId: string) => `/agents/consultations/${id(consultationId)}`,
  // Sensors: alerts, alert rules, partners and their keys.
  sensorAlerts: '/agents/capteurs/alertes',
  sensorRules: '/agents/capteurs/regles',
  sensorPartners: '/agents/capteurs/partenaires',
  // Territory administration (admins).
  categories: '/agents/territoire/categories',
  competences: '/agents/territoire/competences',
  services: '/agents/territoire/services',
  calendars: '/agents/territoire/calendriers',
  communes: '/agents/territoire/communes',
  auditLog: '/agents/territoire/journal',
  // Dashboards (direction, elected officials).
  dashboards: '/agents/tableaux-de-bord',
} as const;
