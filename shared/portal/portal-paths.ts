/**
 * The portal's URLs, in French, in one place: templates link with these, routes declare the same
 * paths (portal-routes.ts), so a moved page is one edit. The pages of each context add theirs here.
 */
const returnTo = (path: string | undefined) =>
  path && path !== '/' && isLocalPath(path) ? `?retour=${encodeURIComponent(path)}` : '';

/** A path on this site (not `//host`, not a URL): where a return parameter may send a visitor. */
export const isLocalPath = (path: string): boolean => /^\/(?![/\\])/.test(path) && !/[\r\n]/.test(path);

export const portalPaths = {
  home: '/',
  /** Sign-in, then back to `path`. */
  signIn: (path?: string) => `/connexion${returnTo(path)}`,
  /** Sign-in again, saying the last attempt failed. */
  signInFailed: (path?: string) => {
    const back = returnTo(path);
    return `/connexion${back ? `${back}&` : '?'}echec=1`;
  },
  signInCallback: '/connexion/retour',
  signOut: '/deconnexion',
  accessibility: '/accessibilite',
  legalNotice: '/mentions-legales',
  privacy: '/donnees-personnelles',
  /** A signed-in citizen's data: download, erasure (privacy-pages-routes.ts). */
  myData: '/mes-donnees',
  myDataExport: '/mes-donnees/export',
  myDataErasure: '/mes-donnees/effacement',
  apiReference: '/api',
  // Pages of the reports and participation contexts (their routes come with them).
  reportProblem: '/signaler',
  myReports: '/mes-signalements',
  report: (id: string) => `/signalements/${encodeURIComponent(id)}`,
  /** "Moi aussi" on a report (POST). */
  reportSupport: (id: string) => `/signalements/${encodeURIComponent(id)}/soutien`,
  /** The confirmation of a report just filed. */
  reportFiled: (id: string) => `/signaler/merci/${encodeURIComponent(id)}`,
  communeReports: (insee: string) => `/communes/${encodeURIComponent(insee)}/signalements`,
  consultations: '/consultations',
  consultation: (id: string) => `/consultations/${encodeURIComponent(id)}`,
  sensors: '/capteurs',
  sensor: (id: string) => `/capteurs/${encodeURIComponent(id)}`,
  // Participation pages (participation-pages-routes.ts).
  newProposal: (id: string) => `/consultations/${encodeURIComponent(id)}/proposer`,
  proposals: (id: string) => `/consultations/${encodeURIComponent(id)}/propositions`,
  proposal: (id: string, proposalId: string) =>
    `/consultations/${encodeURIComponent(id)}/propositions/${encodeURIComponent(proposalId)}`,
  proposalSupport: (id: string, proposalId: string) =>
    `/consultations/${encodeURIComponent(id)}/propositions/${encodeURIComponent(proposalId)}/soutien`,
  proposalSupportWithdrawal: (id: string, proposalId: string) =>
    `/consultations/${encodeURIComponent(id)}/propositions/${encodeURIComponent(proposalId)}/soutien/retrait`,
  proposalComments: (id: string, proposalId: string) =>
    `/consultations/${encodeURIComponent(id)}/propositions/${encodeURIComponent(proposalId)}/commentaires`,
  /** The flag form of a proposal, or of one of its comments. */
  proposalFlag: (id: string, proposalId: string, commentId?: string) =>
    `/consultations/${encodeURIComponent(id)}/propositions/${encodeURIComponent(proposalId)}/signaler${commentId ? `?commentaire=${encodeURIComponent(commentId)}` : ''}`,
  proposalFlags: (id: string, proposalId: string) =>
    `/consultations/${encodeURIComponent(id)}/propositions/${encodeURIComponent(proposalId)}/signalements`,
  ballot: (id: string) => `/consultations/${encodeURIComponent(id)}/vote`,
  results: (id: string) => `/consultations/${encodeURIComponent(id)}/resultats`,
} as const;
