/**
 * Where a page sits ("Accueil › Consultations › Budget participatif 2026"): a navigation landmark
 * of its own, the current page last and marked as such (aria-current), not a link.
 */
import { usePage } from '../page-context';

export interface Crumb {
  readonly label: string;
  /** Absent for the current page. */
  readonly href?: string;
}

export const Breadcrumbs = ({ items }: { readonly items: readonly Crumb[] }) => {
  const { t } = usePage();
  return (
    <nav class="breadcrumbs" aria-label={t.site.breadcrumbs}>
      <ol class="breadcrumbs__list">
        {items.map((item, i) => (
          <li key={`${i}-${item.label}`} class="breadcrumbs__item">
            {item.href ? <a href={item.href}>{item.label}</a> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
};
