/** French strings of "Mes données": a signed-in citizen's download and erasure. */
export const privacyPages = {
  title: 'Mes données personnelles',
  intro:
    'Voici ce que vous pouvez faire des données que la plateforme détient sur vous, dans toutes les communes et ' +
    'tous les territoires qu’elle sert.',
  whatIsKept: 'Ce que la plateforme conserve, pourquoi et combien de temps.',
  download: {
    title: 'Télécharger mes données',
    text:
      'Un fichier JSON avec vos signalements et leurs coordonnées, vos soutiens, propositions, commentaires, ' +
      'signalements de contenus, votre profil de participation et vos bulletins de vote.',
    link: 'Télécharger mes données (JSON)',
  },
  erase: {
    title: 'Effacer mes données',
    text:
      'Vos coordonnées, votre identifiant et vos suivis sont supprimés. Vos signalements restent, sans vos ' +
      'coordonnées ; vos propositions et commentaires restent publics, signés « Un habitant » ; un bulletin de vote ' +
      'reste compté mais n’est plus lié à vous, et vous ne pourrez pas voter une seconde fois. Cela ne peut pas être ' +
      'annulé.',
    confirmLegend: 'Confirmation',
    confirm: 'Je demande l’effacement de mes données personnelles',
    confirmRequired: 'Cochez la case pour confirmer votre demande.',
    submit: 'Effacer mes données',
  },
  state: {
    title: 'Votre demande d’effacement',
    pending: (date: string) => `Demandée le ${date} : en cours, elle sera faite dans quelques minutes.`,
    done: (date: string) => `Faite le ${date}.`,
  },
  notices: {
    effacement: 'Votre demande d’effacement est enregistrée.',
  },
  privacyPageLink: 'Voir, télécharger ou effacer mes données',
};
