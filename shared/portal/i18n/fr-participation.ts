/**
 * French strings of the participation pages: consultations, proposals, comments, supports, flags,
 * the participatory budget's ballot and results. The refusals name the rule the use case applied
 * (RuleViolationError.rule), with what the consultation says about it (its minimum age, its phase).
 */
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** 180 000 € (a narrow no-break space between thousands, as French writes them). */
export const euros = (amount: number): string => `${amount.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} €`;

/** What the refusal messages may name about the consultation. */
export interface RuleContext {
  /** The consultation's minimum age, when it has one. */
  readonly minimumAge?: number;
  /** Who may take part: "habitants de Toulouse", "habitants de Toulouse Métropole". */
  readonly residents?: string;
  /** The phase the consultation is in, in words ("Vote", "Clôturée"). */
  readonly phase?: string;
  /** The budget, in words, and the selection limits. */
  readonly budget?: string;
  readonly minSelections?: number;
  readonly maxSelections?: number;
}

export const participation = {
  list: {
    title: 'Consultations',
    intro:
      'Donnez votre avis sur les projets de la métropole et de votre commune : proposez des idées, soutenez celles des autres, votez pour le budget participatif.',
    open: 'En cours',
    past: 'Terminées',
    noOpen: "Aucune consultation n'est ouverte en ce moment.",
    noPast: "Aucune consultation n'est terminée.",
    scope: (name: string) => `Périmètre : ${name}`,
    budget: (amount: string) => `Budget participatif de ${amount}`,
    /** Before the date of the next phase (its name in words, and its key). */
    nextPhase: (label: string, phase: string) =>
      phase === 'closed' ? 'Se termine le' : phase === 'results' ? 'Résultats publiés le' : `${label} à partir du`,
  },
  consultation: {
    aboutHeading: 'La consultation',
    timelineHeading: 'Calendrier',
    timelineLabel: 'Étapes de la consultation',
    /** The steps as the timeline names them. */
    steps: {
      information: 'Information',
      proposals: 'Propositions',
      voting: 'Vote',
      closed: 'Clôture',
      results: 'Publication des résultats',
    } as Record<string, string>,
    dateUnknown: 'date à fixer',
    since: 'depuis le',
    from: 'à partir du',
    on: 'le',
    stepState: { past: 'étape passée', current: 'étape en cours', future: 'étape à venir' } as Record<string, string>,
    whoHeading: 'Qui peut participer ?',
    whoAnyone: 'Toute personne connectée.',
    whoResidents: (where: string) => `Les habitants de ${where}.`,
    whoAge: (age: number) =>
      `À partir de ${age} ans (selon la date de naissance donnée par votre service d'identification).`,
    scopeTerritory: (name: string) => `toute la métropole (${name})`,
    countsHeading: 'En chiffres',
    counts: (proposals: number, comments: number) =>
      `${plural(proposals, 'proposition', 'propositions')}, ${plural(comments, 'commentaire', 'commentaires')}`,
    ballots: (n: number) => plural(n, 'bulletin déposé', 'bulletins déposés'),
    budgetHeading: 'Budget participatif',
    budgetText: (amount: string, min: number, max: number) =>
      `${amount} à répartir. Chaque bulletin retient ${min === max ? `${max} projet${max > 1 ? 's' : ''}` : `de ${min} à ${max} projets`}.`,
    voteCta: 'Voter pour les projets',
    projectsCta: 'Voir les projets',
    resultsCta: 'Voir les résultats',
    proposeCta: 'Proposer une idée',
    signInToPropose: 'Connectez-vous pour proposer une idée',
    /** Before the proposals phase (information). */
    proposalsClosed: (phase: string) =>
      `Les propositions ne sont pas encore ouvertes : la consultation est à l'étape « ${phase} ».`,
    proposalsHeading: 'Propositions',
    noProposals: "Aucune proposition pour l'instant.",
    orderLabel: 'Trier les propositions',
    orders: { recentes: 'Les plus récentes', soutenues: 'Les plus soutenues', hasard: 'Au hasard' } as Record<
      string,
      string
    >,
    orderCurrent: (label: string) => `Ordre : ${label}`,
    nextPage: 'Propositions suivantes',
    firstPage: 'Revenir au début de la liste',
    by: (name: string) => `Par ${name}`,
    postedOn: 'le',
    supports: (n: number) => plural(n, 'soutien', 'soutiens'),
    comments: (n: number) => plural(n, 'commentaire', 'commentaires'),
  },
  proposalForm: {
    title: 'Proposer une idée',
    intro: (consultation: string) => `Votre proposition pour la consultation « ${consultation} ».`,
    titleLabel: 'Titre de la proposition',
    titleHint: 'Entre 3 et 150 caractères.',
    bodyLabel: 'Description',
    bodyHint: "Ce que vous proposez et pourquoi. Jusqu'à 5 000 caractères.",
    displayNameLabel: 'Nom affiché',
    displayNameHint:
      'Le seul renseignement sur vous que le public verra (ni @, ni < ou >). Laissez vide pour reprendre celui de votre profil.',
    submit: 'Publier la proposition',
    back: 'Retour à la consultation',
    closed: (phase: string) => `Les propositions ne sont pas ouvertes : la consultation est à l'étape « ${phase} ».`,
  },
  proposal: {
    consultation: (title: string) => `Consultation : ${title}`,
    hidden: (reason: string) => `Cette proposition a été masquée par la modération : ${reason}`,
    supportHeading: 'Soutenir',
    supportCount: (n: number) =>
      n === 0 ? 'Personne ne la soutient encore.' : `${plural(n, 'personne la soutient', 'personnes la soutiennent')}.`,
    supportButton: 'Soutenir cette proposition',
    supportedByMe: 'Vous soutenez cette proposition.',
    withdrawButton: 'Retirer mon soutien',
    supportClosed: (phase: string) =>
      `Les soutiens ne sont possibles que pendant l'étape « Propositions » ; la consultation est à l'étape « ${phase} ».`,
    signInToSupport: 'Connectez-vous pour soutenir cette proposition',
    commentsHeading: (n: number) => `Commentaires (${n.toLocaleString('fr-FR')})`,
    noComments: "Aucun commentaire pour l'instant.",
    moreComments: 'Commentaires suivants',
    reply: 'Répondre',
    replyTo: (name: string) => `En réponse à ${name}`,
    replyCancel: 'Ne plus répondre',
    answers: 'Réponses',
    commentHeading: 'Commenter',
    commentLabel: 'Votre commentaire',
    commentHint: "Jusqu'à 2 000 caractères. Restez courtois : les propos injurieux sont masqués.",
    commentSubmit: 'Publier le commentaire',
    commentsClosed: (phase: string) => `Les commentaires sont fermés : la consultation est à l'étape « ${phase} ».`,
    signInToComment: 'Connectez-vous pour commenter',
    flagProposal: 'Signaler cette proposition',
    flagComment: 'Signaler ce commentaire',
    notices: {
      published: 'Votre proposition est publiée.',
      supported: 'Votre soutien est enregistré.',
      withdrawn: 'Votre soutien est retiré.',
      commented: 'Votre commentaire est publié.',
      flagged: 'Merci : votre signalement est transmis à la modération.',
    } as Record<string, string>,
  },
  flag: {
    titleProposal: 'Signaler une proposition',
    titleComment: 'Signaler un commentaire',
    intro:
      "Un contenu injurieux, discriminatoire, publicitaire ou hors sujet ? Dites pourquoi : la modération le lira. Votre signalement n'est pas public.",
    flagged: 'Contenu signalé',
    reasonLabel: 'Raison du signalement',
    reasonHint: 'Entre 3 et 500 caractères.',
    submit: 'Envoyer le signalement',
    back: 'Retour à la proposition',
  },
  ballot: {
    title: (consultation: string) => `Voter : ${consultation}`,
    heading: 'Votre bulletin',
    intro: (amount: string, min: number, max: number) =>
      `Choisissez ${min === max ? `${max} projet${max > 1 ? 's' : ''}` : `de ${min} à ${max} projets`} dont le coût total ne dépasse pas ${amount}.`,
    introApproval: (min: number, max: number) =>
      `Choisissez ${min === max ? `${max} projet${max > 1 ? 's' : ''}` : `de ${min} à ${max} projets`}, quel que soit leur coût.`,
    projectsLegend: 'Projets',
    projectsHint: 'Cochez les projets que vous soutenez. Le coût de chacun est indiqué.',
    cost: (amount: string) => `Coût : ${amount}`,
    totalLabel: 'Total de votre sélection',
    totalNoScript: (amount: string) =>
      `Budget disponible : ${amount}. Le total de votre sélection est vérifié à l'envoi.`,
    /** What the enhancement script writes and announces (data-ballot-labels). */
    total: (total: string, budget: string) => `Total : ${total} sur ${budget}`,
    remaining: (amount: string) => `reste ${amount}`,
    over: (amount: string) => `dépassement de ${amount}`,
    selected: (n: number) => plural(n, 'projet choisi', 'projets choisis'),
    submit: 'Valider mon vote',
    replaceNote:
      'Vous pouvez changer votre vote tant que le vote est ouvert : le nouveau bulletin remplace le précédent.',
    recorded: (n: number, total: string) => `Votre vote est enregistré : ${plural(n, 'projet', 'projets')}, ${total}.`,
    replaced: 'Votre nouveau bulletin remplace le précédent.',
    current: (n: number, total: string) => `Votre bulletin actuel : ${plural(n, 'projet', 'projets')}, ${total}.`,
    signIn: 'Connectez-vous pour voter',
    closed: (phase: string) => `Le vote n'est pas ouvert : la consultation est à l'étape « ${phase} ».`,
    noBudget: "Cette consultation n'a pas de budget participatif.",
    back: 'Retour à la consultation',
  },
  results: {
    title: (consultation: string) => `Résultats : ${consultation}`,
    crumb: 'Résultats',
    notYet: 'Les résultats ne sont pas encore publiés.',
    notYetOn: 'Les résultats seront publiés le',
    computedOn: 'Résultats arrêtés le',
    summaryHeading: 'En résumé',
    ballots: (n: number) => plural(n, 'bulletin', 'bulletins'),
    budget: (amount: string) => `Budget : ${amount}`,
    retained: (n: number, amount: string) => `${plural(n, 'projet retenu', 'projets retenus')} pour ${amount}`,
    tableCaption: 'Les projets, par nombre de voix',
    rank: 'Rang',
    project: 'Projet',
    cost: 'Coût',
    votes: 'Voix',
    retainedColumn: 'Retenu',
    yes: 'Oui',
    no: 'Non',
    chartTitle: 'Voix par projet',
    chartDescription: 'Graphique en barres : les mêmes chiffres que le tableau.',
    tableLink: 'Les mêmes chiffres dans le tableau',
    tieBreakHeading: 'Règle de départage',
    tieBreak:
      "Les projets sont pris par nombre de voix décroissant ; à égalité de voix, le moins coûteux d'abord, puis le plus anciennement proposé. Chaque projet ayant au moins une voix est retenu s'il tient dans le budget restant.",
    proposalsCaption: 'Les propositions les plus soutenues',
    proposalsSummary: (proposals: number, supports: number, comments: number) =>
      `${plural(proposals, 'proposition', 'propositions')}, ${plural(supports, 'soutien', 'soutiens')}, ${plural(comments, 'commentaire', 'commentaires')}.`,
    proposal: 'Proposition',
    author: 'Auteur',
    supports: 'Soutiens',
    chartSupports: 'Soutiens par proposition',
    back: 'Retour à la consultation',
  },
  /** Refusals of the participation use cases, by RuleViolationError.rule. */
  rules: {
    'eligibility-minimum-age': (c: RuleContext) =>
      `Vous ne pouvez pas participer : cette consultation est ouverte à partir de ${c.minimumAge ?? '?'} ans.`,
    'eligibility-birthdate-unknown': (c: RuleContext) =>
      `Vous ne pouvez pas participer : cette consultation est ouverte à partir de ${c.minimumAge ?? '?'} ans, et votre service d'identification n'a pas donné votre date de naissance.`,
    'eligibility-residence': (c: RuleContext) =>
      `Vous ne pouvez pas participer : cette consultation est réservée aux ${c.residents ?? 'habitants de son périmètre'}, et votre lieu de résidence est en dehors.`,
    'eligibility-residence-unknown': (c: RuleContext) =>
      `Vous ne pouvez pas participer : cette consultation est réservée aux ${c.residents ?? 'habitants de son périmètre'}, et votre service d'identification n'a donné ni commune ni code postal de résidence.`,
    'consultation-phase': (c: RuleContext) =>
      `Ce n'est pas possible à cette étape : la consultation est à l'étape « ${c.phase ?? '?'} ».`,
    'display-name-required': () => 'Choisissez un nom affiché : il est tout ce que le public verra de vous.',
    'proposal-location': () => 'Le lieu indiqué est en dehors du périmètre de cette consultation.',
    'comment-depth': () => 'On ne peut répondre qu’à un commentaire, pas à une réponse.',
    'consultation-budget': () => "Cette consultation n'a pas de budget participatif.",
    'ballot-budget-cap': (c: RuleContext) =>
      `Votre sélection dépasse le budget de ${c.budget ?? '?'} : retirez un projet ou choisissez-en un moins coûteux.`,
    'ballot-min-selections': (c: RuleContext) =>
      `Choisissez au moins ${plural(c.minSelections ?? 1, 'projet', 'projets')}.`,
    'ballot-max-selections': (c: RuleContext) =>
      `Choisissez au plus ${plural(c.maxSelections ?? 1, 'projet', 'projets')}.`,
    'ballot-unknown-project': () => "Un des projets choisis n'existe pas (ou plus) : rechargez la page.",
    'ballot-duplicate-project': () => 'Un projet est choisi deux fois.',
  } as Record<string, (c: RuleContext) => string>,
  conflict: 'Beaucoup de personnes font la même chose en ce moment : réessayez dans un instant.',
};
