/**
 * The static pages' text: the accessibility statement (the RGAA 4.1 model), the legal notice and
 * the personal data page. `publisher` is the territory operating the platform (its name), `site`
 * the portal's origin. Durations stated here are the ones the code applies (named beside each).
 */

/** A page of text: sections, each with paragraphs and lists. */
export interface TextSection {
  readonly heading: string;
  readonly paragraphs?: readonly string[];
  readonly items?: readonly string[];
}

/** One kind of personal data on the privacy page (a row of its table). */
export interface DataKept {
  readonly what: string;
  readonly why: string;
  readonly basis: string;
  readonly howLong: string;
}

export const staticPages = {
  accessibility: {
    title: "Déclaration d'accessibilité",
    /** "Non conforme" until an audit of RGAA 4.1 has been carried out (the model says so). */
    status: 'non conforme',
    sections: (publisher: string, site: string, date: string): readonly TextSection[] => [
      {
        heading: "Déclaration d'accessibilité",
        paragraphs: [
          `${publisher} s'engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`,
          `Cette déclaration d'accessibilité s'applique au portail citoyen Ville Ouverte (${site}).`,
        ],
      },
      {
        heading: 'État de conformité',
        paragraphs: [
          "Le portail Ville Ouverte est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : aucun audit de conformité n'a encore été réalisé.",
        ],
      },
      {
        heading: 'Résultats des tests',
        paragraphs: [
          "En l'absence d'audit, aucun taux de conformité n'est publié. Chaque page du portail est vérifiée automatiquement, à chaque modification du logiciel, avec le moteur axe-core (règles WCAG 2.1 niveaux A et AA), avec et sans JavaScript : aucune erreur n'est tolérée. La navigation au clavier seul (lien d'évitement, ordre de tabulation, focus visible) est testée sur les parcours principaux.",
          'Ces vérifications automatiques couvrent environ un tiers des critères du RGAA ; un audit complet reste à mener.',
        ],
      },
      {
        heading: 'Contenus non accessibles',
        paragraphs: [
          "Les cartes interactives ne sont pas entièrement utilisables au clavier ni avec un lecteur d'écran. Chaque carte est accompagnée d'une liste ou d'un tableau qui donne les mêmes informations, et tout lieu peut être indiqué sans carte (commune, adresse et coordonnées facultatives).",
          "L'ajout de photos à un signalement nécessite JavaScript ; le signalement lui-même fonctionne sans.",
        ],
      },
      {
        heading: 'Établissement de cette déclaration',
        paragraphs: [`Cette déclaration a été établie le ${date}.`],
      },
      {
        heading: 'Technologies utilisées pour la réalisation du portail',
        items: ['HTML5', 'CSS', 'WAI-ARIA', 'JavaScript (amélioration facultative)'],
      },
      {
        heading: 'Environnement de test',
        paragraphs: [
          "Les vérifications automatiques sont faites avec le navigateur Chromium (Debian), sans interface graphique, en 1280 et 320 pixels de large, avec l'outil axe-core 4.14.",
        ],
      },
      {
        heading: "Retour d'information et contact",
        paragraphs: [
          `Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du portail (${publisher}) pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.`,
        ],
      },
      {
        heading: 'Voies de recours',
        paragraphs: [
          "Si vous avez signalé au responsable du site un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services du portail et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :",
        ],
        items: [
          'écrire un message au Défenseur des droits (formulaire en ligne sur le site du Défenseur des droits) ;',
          'contacter le délégué du Défenseur des droits dans votre région ;',
          'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
        ],
      },
    ],
  },
  legal: {
    title: 'Mentions légales',
    sections: (publisher: string): readonly TextSection[] => [
      {
        heading: 'Éditeur',
        paragraphs: [
          `Le portail est édité par ${publisher}, établissement public de coopération intercommunale, pour lui-même et ses communes membres. Le directeur de la publication est le président de l'établissement.`,
        ],
      },
      {
        heading: 'Hébergement',
        paragraphs: [
          "Le portail et ses données sont hébergés par Amazon Web Services EMEA SARL, 38 avenue John F. Kennedy, L-1855 Luxembourg, dans la région Europe (Paris), sauf configuration contraire de l'exploitant.",
        ],
      },
      {
        heading: 'Logiciel',
        paragraphs: [
          "Ville Ouverte est un logiciel libre publié sous la licence publique de l'Union européenne (EUPL 1.2). Son apparence est propre au portail : il n'utilise pas le système de design de l'État, réservé aux sites de l'État.",
        ],
      },
      {
        heading: 'Réutilisation des contenus',
        paragraphs: [
          "Les signalements publics (sans données personnelles), les consultations et les mesures des capteurs sont publiés par l'API ouverte du portail et peuvent être réutilisés.",
        ],
      },
      {
        heading: 'Cookies',
        paragraphs: [
          "Le portail dépose uniquement des cookies strictement nécessaires à son fonctionnement (session et sécurité des formulaires) ; ils ne demandent pas votre consentement. Aucun cookie de mesure d'audience ni de publicité n'est déposé, et aucune ressource n'est chargée depuis un autre site (sauf le fond de carte, si l'exploitant en configure un).",
        ],
      },
    ],
  },
  privacy: {
    title: 'Données personnelles',
    intro: (publisher: string) =>
      `${publisher} est responsable des traitements de données personnelles du portail. Voici les données conservées, pourquoi, et combien de temps.`,
    tableCaption: 'Données personnelles conservées par le portail',
    columns: { what: 'Donnée', why: 'Pourquoi', basis: 'Base légale', howLong: 'Durée de conservation' },
    kept: [
      {
        what: "Adresse électronique (et, s'il est saisi par un agent, nom et téléphone) de la personne qui signale un problème sans compte",
        why: "Vous informer de l'avancement du signalement ; permettre à l'agent de vous recontacter",
        basis: 'Mission de service public',
        howLong:
          "Jusqu'à 12 mois après la clôture du signalement (délai réglé par le territoire), puis effacées ; jamais publiées. Vous pouvez en demander l'effacement à tout moment.",
      },
      {
        what: 'Identifiant de votre compte et adresse électronique transmis par votre service d’identification',
        why: 'Vous reconnaître, suivre vos signalements et soutiens, vous envoyer les nouvelles des signalements que vous suivez',
        basis: 'Mission de service public',
        howLong: 'Avec chaque signalement ou soutien concerné, jusqu’à 12 mois après sa clôture, ou jusqu’à votre demande d’effacement.',
      },
      {
        what: 'Date de naissance, code postal et commune de résidence transmis par votre service d’identification',
        why: "Vérifier à chaque participation les conditions d'une consultation (âge minimum, résidence)",
        basis: 'Mission de service public',
        howLong:
          "Lus à chaque participation, non conservés par le portail ; votre participation est enregistrée sous une empreinte de votre identifiant, jamais sous l'identifiant lui-même.",
      },
      {
        what: 'Nom affiché avec vos propositions et commentaires, commune de résidence que vous déclarez',
        why: 'Signer vos contributions ; vérifier la résidence quand une consultation accepte une résidence déclarée',
        basis: 'Mission de service public',
        howLong: 'Tant que vous ne les modifiez pas ; vos contributions publiées restent signées du nom donné.',
      },
      {
        what: 'Photos jointes à un signalement',
        why: 'Montrer le problème aux services qui le traitent',
        basis: 'Mission de service public',
        howLong: 'Avec le signalement ; une photo envoyée mais jamais jointe est effacée après 2 jours.',
      },
      {
        what: 'Cookie de session (chiffré : votre identité et un secret de protection des formulaires)',
        why: 'Rester connecté ; protéger vos formulaires contre la falsification de requêtes',
        basis: 'Cookie strictement nécessaire',
        howLong: '8 heures après la connexion (24 heures sans connexion) ; effacé à la déconnexion.',
      },
      {
        what: 'Cookie de connexion en cours (chiffré)',
        why: "Vérifier la réponse de votre service d'identification",
        basis: 'Cookie strictement nécessaire',
        howLong: '10 minutes.',
      },
      {
        what: 'Journaux techniques (adresse IP, date, page demandée, navigateur)',
        why: 'Sécurité du service et diagnostic des erreurs',
        basis: 'Obligation de sécurité',
        howLong: '6 mois, comme le recommande la CNIL.',
      },
    ] satisfies readonly DataKept[],
    rights: {
      heading: 'Vos droits',
      paragraphs: (publisher: string) => [
        `Vous pouvez accéder aux données qui vous concernent, les faire rectifier ou effacer, et vous opposer à leur traitement, en écrivant à ${publisher} (délégué à la protection des données).`,
        'Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL.',
        'Connecté, vous pouvez télécharger à tout moment toutes les données que la plateforme détient sur vous, dans tous les territoires, au format JSON (API : GET /me/personal-data), et en demander l’effacement (API : DELETE /me/personal-data).',
      ],
    },
    register: {
      heading: 'Registre des activités de traitement',
      intro:
        'Le registre tenu au titre de l’article 30 du RGPD, tiré des déclarations du logiciel lui-même : chaque traitement, sa finalité, les données, les personnes concernées, la durée de conservation et les destinataires.',
      labels: {
        purpose: 'Finalité',
        basis: 'Base légale',
        data: 'Données',
        subjects: 'Personnes concernées',
        retention: 'Durée de conservation',
        recipients: 'Destinataires',
      },
      json: 'Le registre au format JSON',
    },
  },
};
