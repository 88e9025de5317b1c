/**
 * French strings of the portal's shell: layout, forms and their errors, sign-in, home, the static
 * pages. Every word a page shows comes from a catalogue like this one, so another locale is one
 * more file of the same type (`Messages`, i18n/index.ts). Functions take what a sentence needs.
 */
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

export const shell = {
  site: {
    name: 'Ville Ouverte',
    tagline: 'Le service public numérique de la métropole et de ses communes',
    homeLink: "Ville Ouverte, retour à l'accueil",
    skipLink: 'Aller au contenu',
    mainNav: 'Menu principal',
    footerNav: 'Informations sur le site',
    breadcrumbs: "Fil d'Ariane",
    title: (page: string) => `${page} — Ville Ouverte`,
  },
  nav: {
    home: 'Accueil',
    report: 'Signaler un problème',
    reports: 'Signalements',
    consultations: 'Consultations',
    sensors: 'Capteurs',
    myReports: 'Mes signalements',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    account: 'Votre compte',
    signedInAs: (who: string) => `Connecté : ${who}`,
    current: 'page actuelle',
  },
  footer: {
    accessibility: 'Accessibilité : non conforme',
    legal: 'Mentions légales',
    privacy: 'Données personnelles',
    api: 'API ouverte et documentation',
    licence: 'Logiciel libre sous licence EUPL 1.2',
  },
  roles: { citizen: 'habitant', agent: 'agent', admin: 'administrateur' } as Record<string, string>,
  forms: {
    errorSummaryTitle: 'Le formulaire contient des erreurs',
    errorPrefix: 'Erreur :',
    optional: '(facultatif)',
    send: 'Envoyer',
    choose: 'Choisir…',
    hintRequired: 'Tous les champs sont obligatoires sauf mention contraire.',
  },
  /** Zod issues and domain errors, said next to the field they concern. */
  fieldErrors: {
    required: (label: string) => `Renseignez le champ « ${label} ».`,
    tooShort: (label: string, min: number) =>
      `« ${label} » doit compter au moins ${plural(min, 'caractère', 'caractères')}.`,
    tooLong: (label: string, max: number) =>
      `« ${label} » doit compter au plus ${plural(max, 'caractère', 'caractères')}.`,
    tooSmall: (label: string, min: number | string) => `« ${label} » doit valoir au moins ${min}.`,
    tooBig: (label: string, max: number | string) => `« ${label} » doit valoir au plus ${max}.`,
    email: (label: string) => `« ${label} » doit être une adresse électronique, par exemple nom@exemple.fr.`,
    number: (label: string) => `« ${label} » doit être un nombre.`,
    date: (label: string) => `« ${label} » doit être une date, par exemple 14/07/1990.`,
    choice: (label: string) => `Choisissez une valeur de la liste pour « ${label} ».`,
    format: (label: string) => `« ${label} » n'a pas le format attendu.`,
    invalid: (label: string) => `« ${label} » n'est pas valide.`,
  },
  /**
   * Business rules refused by the use cases (RuleViolationError.rule), in words naming the rule.
   * The pages of each context add theirs here; an unknown rule falls back to `ruleFallback`.
   */
  rules: {
    'eligibility-minimum-age': "Vous n'avez pas l'âge minimum fixé pour participer à cette consultation.",
    'eligibility-birthdate-unknown':
      "Votre date de naissance n'est pas connue : elle est nécessaire pour vérifier l'âge minimum de cette consultation.",
    'residence-in-territory': 'Cette consultation est réservée aux habitants du territoire concerné.',
    'location-in-territory': 'Le lieu indiqué est hors du territoire de la métropole.',
    'inside-territory': 'Le lieu indiqué est hors du territoire de la métropole.',
    // Reports (report pages)
    'category-exists': 'Choisissez un type de problème dans la liste.',
    'category-active': 'Ce type de problème n’est plus proposé : choisissez-en un autre.',
    'photo-uploaded': 'Une photo n’a pas été reçue, ou son envoi a expiré : ajoutez-la de nouveau.',
    'photo-size': 'Une photo dépasse 10 Mo : choisissez une image plus légère.',
    'photo-type': 'Une photo n’est pas une image JPEG, PNG ou WebP.',
    'support-open': 'Ce signalement est clos : il ne peut plus être soutenu.',
  } as Record<string, string>,
  ruleFallback: 'Cette demande ne respecte pas une règle du service.',
  errorPages: {
    back: "Retour à l'accueil",
    reference: (id: string) => `Référence de l'incident : ${id}`,
    byStatus: {
      400: { title: 'Demande invalide', text: "La demande envoyée n'est pas valide." },
      401: { title: 'Connexion nécessaire', text: 'Connectez-vous pour accéder à cette page.' },
      403: {
        title: 'Accès refusé',
        text: "Vous n'avez pas le droit d'effectuer cette action, ou le formulaire a expiré : rechargez la page et recommencez.",
      },
      404: { title: 'Page introuvable', text: "La page demandée n'existe pas ou a été déplacée." },
      409: { title: 'Conflit', text: "L'information a changé entre-temps : rechargez la page et recommencez." },
      413: { title: 'Envoi trop volumineux', text: 'Les données envoyées sont trop volumineuses.' },
      415: { title: 'Format non accepté', text: "Le format des données envoyées n'est pas accepté." },
      422: { title: 'Demande refusée', text: 'Une règle du service refuse cette demande.' },
      500: {
        title: 'Erreur technique',
        text: "Une erreur inattendue s'est produite. Réessayez plus tard ; si elle persiste, signalez-la avec la référence ci-dessous.",
      },
    } as Record<number, { title: string; text: string }>,
  },
  csrf: {
    expired: 'Ce formulaire a expiré ou ne vient pas de ce site : rechargez la page et recommencez.',
  },
  signIn: {
    title: 'Se connecter',
    intro:
      'La connexion est facultative pour signaler un problème. Elle permet de suivre vos signalements et de participer aux consultations.',
    choose: "Choisissez votre service d'identification",
    with: (label: string) => `Se connecter avec ${label}`,
    failed: "La connexion n'a pas abouti. Réessayez.",
    signedOut: 'Vous êtes déconnecté.',
    signedIn: 'Vous êtes connecté.',
    noProvider: "Aucun service d'identification n'est configuré.",
  },
  home: {
    title: 'Accueil',
    heading: (territory: string) => `${territory}, ville ouverte`,
    intro: (communes: number, population: number) =>
      `${plural(communes, 'commune', 'communes')} et ${population.toLocaleString('fr-FR')} habitants partagent ce service public numérique : signalez un problème dans l'espace public, suivez son traitement, donnez votre avis sur les projets.`,
    noTerritory: "Aucun territoire n'est encore configuré sur cette plateforme.",
    reportCta: 'Signaler un problème',
    reportCtaHint: 'Voirie, propreté, éclairage… avec ou sans compte.',
    communeLegend: 'Votre commune',
    communeLabel: 'Choisir une commune',
    communeSubmit: 'Afficher',
    recentReports: (commune: string) => `Signalements récents à ${commune}`,
    mapLabel: (commune: string) => `Carte des signalements publics à ${commune}`,
    mapEquivalent: 'Les signalements récents en liste',
    noReports: 'Aucun signalement public pour le moment.',
    allReports: (commune: string) => `Tous les signalements à ${commune}`,
    openConsultations: 'Consultations ouvertes',
    noConsultations: "Aucune consultation n'est ouverte en ce moment.",
    allConsultations: 'Toutes les consultations',
    supports: (n: number) => plural(n, 'soutien', 'soutiens'),
    filedOn: 'Signalé le',
    overdue: 'En retard',
  },
  map: {
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    picked: 'Lieu choisi',
  },
  reportStatus: {
    new: 'Nouveau',
    acknowledged: 'Pris en compte',
    in_progress: 'En cours de traitement',
    resolved: 'Résolu',
    rejected: 'Rejeté',
    duplicate: 'Doublon',
  } as Record<string, string>,
  phase: {
    information: 'Information',
    proposals: 'Propositions',
    voting: 'Vote',
    closed: 'Clôturée',
    results: 'Résultats',
  } as Record<string, string>,
};
