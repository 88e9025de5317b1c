/**
 * The frame of every back-office page: the page's content beside the back office's own navigation
 * (a second landmark, its sections grouped as the work is), inside the site's layout. A section is
 * listed only to the roles the API lets act there (territory administration: admins); the server
 * checks again on every page.
 */
import type { ComponentChildren } from 'preact';
import type { Role } from '../../kernel/principal';
import { backOfficePaths as paths } from '../back-office-paths';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';

type Section = keyof Messages['backOffice']['sections'];

const GROUPS: readonly {
  readonly group: keyof Messages['backOffice']['groups'];
  readonly minimumRole: Role;
  readonly sections: readonly (readonly [Section, string])[];
}[] = [
  {
    group: 'reports',
    minimumRole: 'agent',
    sections: [
      ['inbox', paths.inbox],
      ['fileForCitizen', paths.fileForCitizen],
    ],
  },
  {
    group: 'participation',
    minimumRole: 'agent',
    sections: [
      ['moderation', paths.moderation],
      ['consultations', paths.consultations],
    ],
  },
  {
    group: 'sensors',
    minimumRole: 'agent',
    sections: [
      ['sensorAlerts', paths.sensorAlerts],
      ['sensorRules', paths.sensorRules],
      ['sensorPartners', paths.sensorPartners],
    ],
  },
  {
    group: 'territory',
    minimumRole: 'admin',
    sections: [
      ['categories', paths.categories],
      ['competences', paths.competences],
      ['services', paths.services],
      ['calendars', paths.calendars],
      ['communes', paths.communes],
      ['auditLog', paths.auditLog],
    ],
  },
  { group: 'steering', minimumRole: 'agent', sections: [['dashboards', paths.dashboards]] },
];

const ROLE_ORDER: readonly Role[] = ['citizen', 'agent', 'admin'];
const allows = (role: Role | undefined, minimum: Role) =>
  role !== undefined && ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(minimum);

export const BackOfficeNav = () => {
  const { t, path, visitor } = usePage();
  const b = t.backOffice;
  return (
    <nav class="back-office-nav" aria-label={b.sectionNav}>
      {GROUPS.filter((g) => allows(visitor?.role, g.minimumRole)).map((g) => (
        <div key={g.group} class="back-office-nav__group">
          <p class="back-office-nav__title">{b.groups[g.group]}</p>
          <ul class="back-office-nav__list">
            {g.sections.map(([section, href]) => (
              <li key={section}>
                <a
                  href={href}
                  aria-current={path === href || path.startsWith(`${href}/`) ? 'page' : undefined}
                >
                  {b.sections[section]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
};

export const BackOfficeFrame = ({ children }: { readonly children: ComponentChildren }) => (
  <div class="back-office">
    <BackOfficeNav />
    <div class="back-office__content">{children}</div>
  </div>
);

/** A back-office page: its content in the frame (styles in web/styles/back-office.css, part of portal.css). */
export const backOfficePage = (content: PageContent): PageContent => ({
  ...content,
  body: <BackOfficeFrame>{content.body}</BackOfficeFrame>,
});
