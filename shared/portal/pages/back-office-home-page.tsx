/**
 * The back office's home: who the agent acts for (a commune, the metropolis, the whole territory
 * as admin) and the sections of their work, the same list as the frame's navigation.
 */
import type { Principal } from '../../kernel/principal';
import { BackOfficeNav } from '../components/back-office-frame';
import type { Messages } from '../i18n';
import type { PageContent } from '../render';

const Scope = ({ t, principal }: { readonly t: Messages; readonly principal: Principal }) => {
  const h = t.backOffice.home;
  return (
    <>
      <p>{h.intro(principal.territory ?? '—')}</p>
      <p>
        {principal.role === 'admin' ? h.admin : principal.commune ? h.commune(principal.commune) : h.metropolitan}
      </p>
    </>
  );
};

export const backOfficeHomePage = (t: Messages, principal: Principal): PageContent => ({
  title: t.backOffice.home.title,
  body: (
    <>
      <h1>{t.backOffice.home.title}</h1>
      <Scope t={t} principal={principal} />
      <BackOfficeNav />
    </>
  ),
});
