/**
 * The pages every public site owes its visitors: the accessibility statement (RGAA 4.1 model),
 * the legal notice, and what personal data is kept, why and for how long (a table).
 */
import { REGISTER } from '../../privacy/register';
import { portalPaths } from '../portal-paths';
import type { Messages } from '../i18n';
import type { TextSection } from '../i18n/fr-static';
import type { PageContent } from '../render';

const Sections = ({ sections }: { readonly sections: readonly TextSection[] }) => (
  <>
    {sections.map((section) => (
      <section class="prose" key={section.heading}>
        <h2>{section.heading}</h2>
        {section.paragraphs?.map((text) => (
          <p key={text}>{text}</p>
        ))}
        {section.items && (
          <ul>
            {section.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
      </section>
    ))}
  </>
);

export interface StaticPageView {
  /** The territory operating the platform. */
  readonly publisher: string;
  /** The portal's origin. */
  readonly site: string;
}

/** The date the statement was drawn up (the RGAA model asks for it). */
export const ACCESSIBILITY_STATEMENT_DATE = '30 novembre 2026';

export const accessibilityPage = (t: Messages, view: StaticPageView): PageContent => {
  const page = t.staticPages.accessibility;
  const [first, ...rest] = page.sections(view.publisher, view.site, ACCESSIBILITY_STATEMENT_DATE);
  return {
    title: page.title,
    body: (
      <>
        <h1>{page.title}</h1>
        {first?.paragraphs?.map((text) => (
          <p key={text}>{text}</p>
        ))}
        <Sections sections={rest} />
      </>
    ),
  };
};

export const legalNoticePage = (t: Messages, view: StaticPageView): PageContent => {
  const page = t.staticPages.legal;
  return {
    title: page.title,
    body: (
      <>
        <h1>{page.title}</h1>
        <Sections sections={page.sections(view.publisher)} />
      </>
    ),
  };
};

export const privacyPage = (t: Messages, view: StaticPageView): PageContent => {
  const page = t.staticPages.privacy;
  return {
    title: page.title,
    body: (
      <>
        <h1>{page.title}</h1>
        <p class="lead">{page.intro(view.publisher)}</p>
        <div class="table-wrap" tabindex={0} role="region" aria-label={page.tableCaption}>
          <table class="table">
            <caption>{page.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{page.columns.what}</th>
                <th scope="col">{page.columns.why}</th>
                <th scope="col">{page.columns.basis}</th>
                <th scope="col">{page.columns.howLong}</th>
              </tr>
            </thead>
            <tbody>
              {page.kept.map((row) => (
                <tr key={row.what}>
                  <th scope="row">{row.what}</th>
                  <td>{row.why}</td>
                  <td>{row.basis}</td>
                  <td>{row.howLong}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section class="prose">
          <h2>{page.rights.heading}</h2>
          {page.rights.paragraphs(view.publisher).map((text) => (
            <p key={text}>{text}</p>
          ))}
          <p>
            <a href={portalPaths.myData}>{t.privacyPages.privacyPageLink}</a>
          </p>
        </section>
        <section class="prose" aria-labelledby="registre">
          <h2 id="registre">{page.register.heading}</h2>
          <p>{page.register.intro}</p>
          {/* Generated from the code's declarations (shared/privacy/register.ts), as GET /privacy/register serves them. */}
          {REGISTER.map((activity) => (
            <article key={activity.id}>
              <h3>{activity.name}</h3>
              <dl>
                <dt>{page.register.labels.purpose}</dt>
                <dd>{activity.purpose}</dd>
                <dt>{page.register.labels.basis}</dt>
                <dd>{activity.legalBasis}</dd>
                <dt>{page.register.labels.data}</dt>
                <dd>{activity.dataCategories.join(' ; ')}</dd>
                <dt>{page.register.labels.subjects}</dt>
                <dd>{activity.dataSubjects.join(' ; ')}</dd>
                <dt>{page.register.labels.retention}</dt>
                <dd>{activity.retention}</dd>
                <dt>{page.register.labels.recipients}</dt>
                <dd>{activity.recipients.join(' ; ')}</dd>
              </dl>
            </article>
          ))}
          <p>
            <a href="/privacy/register">{page.register.json}</a>
          </p>
        </section>
      </>
    ),
  };
};
