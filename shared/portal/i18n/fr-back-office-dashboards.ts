/**
 * French strings of the back office's dashboards (direction, elected officials): service quality
 * of reports, volumes, participation, sensor alerts; each chart with its table and its CSV.
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export const backOfficeDashboards = {
  title: 'Tableaux de bord',
  intro:
    'Qualité de service des signalements, volumes, participation et alertes des capteurs. Les chiffres sont tenus ' +
    'à jour à chaque événement (quelques secondes de décalage) ; ils ne comptent que ce qui s’est passé depuis leur mise en service.',
  scopeTerritory: (territory: string) => `Tout le territoire ${territory}.`,
  scopeCommune: (name: string) => `Commune de ${name}.`,
  scopeCommuneFixed: (name: string) => `Vous voyez les chiffres de votre commune, ${name}, seulement.`,
  period: (from: string, to: string) => (from === to ? `Période : ${from}.` : `Période : de ${from} à ${to}.`),
  month: (month: string) => {
    const [year, m] = month.split('-');
    return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
  },
  week: (week: string) => `semaine ${Number(week.slice(6))} de ${week.slice(0, 4)}`,
  weekShort: (week: string) => `S${Number(week.slice(6))} ${week.slice(0, 4)}`,
  hours: (value: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} h`,
  hoursOpen: '720 h ou plus',
  none: '—',
  noneText: 'aucune donnée',
  share: (ratio: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(ratio * 100)} %`,
  filters: {
    legend: 'Choisir la période et le périmètre',
    from: 'Du mois',
    to: 'Au mois',
    monthHint: 'Sous la forme AAAA-MM, par exemple 2026-01.',
    monthInvalid: (field: string) => `${field} : écrivez un mois sous la forme AAAA-MM, par exemple 2026-01`,
    periodInvalid: (months: number) =>
      `Le mois de début doit venir avant le mois de fin, sur ${months} mois au plus : voici les 12 derniers mois`,
    commune: 'Commune',
    allCommunes: 'Toutes les communes',
    category: 'Catégorie',
    allCategories: 'Toutes les catégories',
    submit: 'Afficher',
    reset: 'Revenir aux 12 derniers mois',
  },
  method:
    'Délais en heures ouvrées du service qui traite le signalement (son calendrier), de son dépôt à sa prise en compte ' +
    'ou à sa résolution ; les médianes sont lues sur des tranches d’une heure jusqu’à 24 h, de 4 h jusqu’à 120 h, ' +
    'de 24 h jusqu’à 720 h. Un signalement est jugé une fois : résolu avant son échéance (dans le délai), ou passé en ' +
    'retard. Chaque chiffre compte dans le mois où l’événement a eu lieu.',
  csv: (what: string) => `Télécharger ${what} (CSV)`,
  tableLink: 'Voir le tableau des mêmes chiffres',
  columns: {
    month: 'Mois',
    commune: 'Commune',
    category: 'Catégorie',
    filed: 'Déposés',
    acknowledged: 'Pris en compte',
    resolved: 'Résolus',
    rejected: 'Rejetés',
    wentOverdue: 'Passés en retard',
    judged: 'Jugés',
    withinTarget: 'Dans le délai',
    share: 'Part dans le délai',
    medianAcknowledge: 'Médiane jusqu’à la prise en compte',
    medianResolve: 'Médiane jusqu’à la résolution',
    week: 'Semaine',
    opened: 'Alertes ouvertes',
    info: 'Information',
    warning: 'Avertissement',
    critical: 'Critique',
    consultation: 'Consultation',
    phase: 'Phase',
    proposals: 'Propositions',
    supports: 'Soutiens',
    comments: 'Commentaires',
    ballots: 'Bulletins',
  },
  sla: {
    title: 'Délais de traitement, mois par mois',
    chart: 'Part des signalements traités dans le délai, par mois',
    chartDescription:
      'Pour chaque mois, la part des signalements jugés ce mois-là qui ont été résolus avant leur échéance. Le tableau qui suit donne les mêmes chiffres avec les volumes et les médianes.',
    table: 'Délais de traitement par mois',
    csvWhat: 'les délais par mois',
  },
  communes: {
    title: 'Signalements par commune',
    chart: 'Signalements déposés par commune sur la période',
    chartDescription: 'Nombre de signalements déposés dans chaque commune sur la période, les plus nombreux d’abord.',
    table: 'Volumes et délais par commune sur la période',
    csvWhat: 'les chiffres par commune',
    empty: 'Aucun signalement sur la période.',
  },
  categories: {
    title: 'Signalements par catégorie',
    chart: 'Signalements déposés par catégorie sur la période',
    chartDescription: 'Nombre de signalements déposés dans chaque catégorie sur la période, les plus nombreux d’abord.',
    table: 'Volumes et délais par catégorie sur la période',
    csvWhat: 'les chiffres par catégorie',
    empty: 'Aucun signalement sur la période.',
  },
  participation: {
    title: 'Participation',
    intro: 'Les 20 consultations les plus récentes (celles de votre commune pour un agent communal).',
    chart: 'Propositions déposées par consultation',
    chartDescription:
      'Nombre de propositions de chaque consultation ; le tableau donne aussi les soutiens et les bulletins.',
    table: 'Propositions, soutiens, commentaires et bulletins par consultation',
    csvWhat: 'la participation',
    empty: 'Aucune consultation.',
    phases: {
      information: 'Information',
      proposals: 'Propositions',
      voting: 'Vote',
      closed: 'Close',
      results: 'Résultats',
    } as Record<string, string>,
  },
  alerts: {
    title: 'Alertes des capteurs',
    chart: 'Alertes ouvertes par semaine (12 dernières semaines)',
    chartDescription: 'Nombre d’alertes de capteurs ouvertes chaque semaine ; le tableau les détaille par gravité.',
    table: 'Alertes ouvertes par semaine et par gravité',
    csvWhat: 'les alertes par semaine',
  },
};
