/**
 * The development issuer's sign-in page: no password, a form to choose who to be — role,
 * territory, commune, and the identity claims a citizen's provider (FranceConnect) would give.
 * Plain HTML, every value escaped; the authorization request travels in hidden fields.
 */
export interface AuthorizeFormValues {
  readonly role?: string;
  readonly territory?: string;
  readonly commune?: string;
  readonly sub?: string;
  readonly email?: string;
  readonly birthdate?: string;
  readonly postalCode?: string;
  readonly residenceInsee?: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const field = (
  name: keyof AuthorizeFormValues,
  label: string,
  hint: string,
  value: string | undefined,
  type = 'text',
) => `
      <p>
        <label for="${name}">${escapeHtml(label)}</label><br>
        <span id="${name}-aide">${escapeHtml(hint)}</span><br>
        <input id="${name}" name="${name}" type="${type}" value="${escapeHtml(value ?? '')}" aria-describedby="${name}-aide">
      </p>`;

const ROLES = [
  ['citizen', 'Habitant (citizen)'],
  ['agent', 'Agent (agent)'],
  ['admin', 'Administrateur (admin)'],
] as const;

export const authorizeForm = (options: {
  /** The authorization request's parameters, carried in hidden fields. */
  readonly request?: Readonly<Record<string, string>>;
  /** What was typed, when the form comes back with an error. */
  readonly values?: AuthorizeFormValues;
  readonly error?: readonly string[];
}): string => {
  const values: AuthorizeFormValues = options.values ?? { role: 'citizen', territory: '243100518' };
  const errors = options.error ?? [];
  const hidden = Object.entries(options.request ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${errors.length > 0 ? 'Erreur : ' : ''}Connexion de développement — Ville Ouverte</title>
</head>
<body>
  <main>
    <h1>Connexion de développement</h1>
    <p>Ce fournisseur d'identité n'existe que sur votre machine (<code>npm start</code>) : choisissez qui vous êtes.</p>
    ${
      errors.length > 0
        ? `<div role="alert"><h2>La demande contient des erreurs</h2><ul>${errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></div>`
        : ''
    }
    ${
      options.request
        ? `<form method="post" action="/_local/oidc/authorize">
      ${hidden}
      <fieldset>
        <legend>Rôle</legend>
        ${ROLES.map(
          ([value, label]) =>
            `<p><input type="radio" id="role-${value}" name="role" value="${value}"${values.role === value ? ' checked' : ''}> <label for="role-${value}">${label}</label></p>`,
        ).join('\n        ')}
      </fieldset>
      ${field('territory', 'Territoire (SIREN)', 'Obligatoire pour un agent ou un administrateur, par exemple 243100518.', values.territory)}
      ${field('commune', 'Commune (code INSEE)', "Pour un agent d'une commune, par exemple 31555.", values.commune)}
      ${field('email', 'Adresse électronique', 'Donnée comme vérifiée ; le même courriel redonne le même compte.', values.email, 'email')}
      ${field('birthdate', 'Date de naissance', 'AAAA-MM-JJ, par exemple 1990-07-14.', values.birthdate)}
      ${field('postalCode', 'Code postal de résidence', 'Par exemple 31400.', values.postalCode)}
      ${field('residenceInsee', 'Commune de résidence (code INSEE)', 'Par exemple 31555.', values.residenceInsee)}
      ${field('sub', 'Identifiant (sub)', 'Facultatif : par défaut, dérivé du courriel.', values.sub)}
      <p><button type="submit">Se connecter</button></p>
    </form>`
        : ''
    }
  </main>
</body>
</html>
`;
};
