/**
 * French strings of the back office's frame: its navigation and its home. Each area of the back
 * office (reports, participation, sensors, territory, dashboards) has its own catalogue file.
 */
export const backOffice = {
  mainNav: 'Espace agents',
  sectionNav: "Rubriques de l'espace agents",
  home: {
    title: 'Espace agents',
    intro: (territory: string) => `Votre travail sur le territoire ${territory}.`,
    commune: (commune: string) => `Vous agissez pour la commune ${commune}.`,
    metropolitan: 'Vous agissez pour la métropole.',
    admin: 'Vous administrez le territoire.',
  },
  sections: {
    inbox: 'Signalements à traiter',
    fileForCitizen: 'Saisir un signalement pour un habitant',
    moderation: 'Modération',
    consultations: 'Consultations',
    sensorAlerts: 'Alertes des capteurs',
    sensorRules: "Règles d'alerte",
    sensorPartners: 'Partenaires des capteurs',
    categories: 'Catégories',
    competences: 'Compétences',
    services: 'Services',
    calendars: 'Calendriers',
    communes: 'Communes',
    auditLog: "Journal d'audit",
    dashboards: 'Tableaux de bord',
  },
  groups: {
    reports: 'Signalements',
    participation: 'Participation',
    sensors: 'Capteurs',
    territory: 'Administration du territoire',
    steering: 'Pilotage',
  },
};
