/**
 * What the territory administration's pages show and do, through the territory and audit use cases
 * (never the table): the competence table and its exceptions, categories, services, SLA calendars,
 * commune boundaries, the audit log. Only a territory admin of their own territory sees these pages
 * (assertTerritoryAdmin: anyone else gets the 403 page in words); the use cases check again.
 */
import { audit } from '../audit/audit-app';
import type { AuditEntry, AuditFilter } from '../audit/audit-log';
import { ForbiddenError, NotFoundError } from '../kernel/errors';
import { assertTerritoryAdmin, type Principal } from '../kernel/principal';
import { territory } from '../territory/territory-app';
import type { Body, Category, Commune } from '../territory/territory';
import {
  CategoryForm,
  categoryLabels,
  categoryPaths,
  categoryValues,
  questionsFromForm,
  sentValues,
  territoryRefusal,
} from './back-office-territory-forms';
import type { FormErrors } from './form-errors';
import type { PageResult, PageTools } from './page-http';
import { categoryFormPage } from './pages/back-office-territory-categories';

export { audit, territory };
export * from './back-office-territory-forms';

/** Entries on a page of the audit log. */
const AUDIT_PAGE = 25;

/** The SIREN of the territory the visitor administers; anyone but its admin is refused. */
export const administeredTerritory = (principal: Principal): string => {
  const siren = principal.territory;
  if (!siren) throw new ForbiddenError('Only a territory admin may administer a territory');
  assertTerritoryAdmin(principal, siren);
  return siren;
};

// ——— the competence table ———

export interface CompetencesView {
  readonly categories: readonly Category[];
  readonly communes: readonly Commune[];
  readonly metropolis: Body | undefined;
}

export const loadCompetences = async (principal: Principal): Promise<CompetencesView> => {
  const siren = administeredTerritory(principal);
  const [categories, communes, bodies] = await Promise.all([
    territory.listCategories(siren),
    territory.listCommunes(siren),
    territory.listBodies(siren),
  ]);
  return { categories, communes, metropolis: bodies.find((b) => b.id === siren) };
};

export interface CompetenceView {
  readonly siren: string;
  readonly category: Category;
  readonly communes: readonly Commune[];
  readonly bodies: readonly Body[];
  /** The commune whose exception the form shows. */
  readonly commune?: Commune;
}

export const loadCompetence = async (principal: Principal, code: string, insee?: string): Promise<CompetenceView> => {
  const siren = administeredTerritory(principal);
  const [categories, communes, bodies] = await Promise.all([
    territory.listCategories(siren),
    territory.listCommunes(siren),
    territory.listBodies(siren),
  ]);
  const category = categories.find((c) => c.code === code);
  if (!category) throw new NotFoundError(`No category ${code} in territory ${siren}`);
  const commune = insee === undefined ? undefined : communes.find((c) => c.insee === insee);
  if (insee !== undefined && !commune) throw new NotFoundError(`No commune ${insee} in territory ${siren}`);
  return { siren, category, communes, bodies, ...(commune ? { commune } : {}) };
};

// ——— the audit log ———

export interface AuditLogView {
  readonly entries: readonly AuditEntry[];
  readonly cursor?: string;
  readonly isFirstPage: boolean;
  /** Entries a full page holds. */
  readonly pageSize: number;
}

export const loadAuditLog = async (
  principal: Principal,
  filter: AuditFilter,
  cursor?: string,
): Promise<AuditLogView> => {
  const siren = administeredTerritory(principal);
  const page = await audit.list(principal, siren, AUDIT_PAGE, cursor, filter);
  return {
    entries: page.items,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    isFirstPage: !cursor,
    pageSize: AUDIT_PAGE,
  };
};

// ——— categories ———

export interface CategoriesView {
  readonly siren: string;
  readonly categories: readonly Category[];
  readonly bodies: readonly Body[];
}

export const loadCategories = async (principal: Principal): Promise<CategoriesView> => {
  const siren = administeredTerritory(principal);
  const [categories, bodies] = await Promise.all([territory.listCategories(siren), territory.listBodies(siren)]);
  return { siren, categories, bodies };
};

/** The categories with the one to edit (absent: a new one). */
export const loadCategory = async (
  principal: Principal,
  code?: string,
): Promise<CategoriesView & { readonly category?: Category }> => {
  const view = await loadCategories(principal);
  if (code === undefined) return view;
  const category = view.categories.find((c) => c.code === code);
  if (!category) throw new NotFoundError(`No category ${code} in territory ${view.siren}`);
  return { ...view, category };
};

/**
 * A category form posted (new when `code` is absent): saved at the version read → 303 to the list;
 * else the form again with what is wrong next to its field, or — changed meanwhile — the category
 * as it is now with a notice.
 */
export const submitCategoryForm = async (
  page: PageTools,
  body: Readonly<Record<string, unknown>>,
  code?: string,
): Promise<PageResult> => {
  const { t } = page;
  const principal = page.principal!;
  const k = t.backOfficeTerritory.category;
  const view = await loadCategory(principal, code);
  const sent = sentValues(body);
  const again = (errors: FormErrors, status: 400 | 422, values: Record<string, string | undefined> = sent) =>
    page.render(
      categoryFormPage(t, {
        ...view,
        ...(code ? { code } : {}),
        title: view.category ? k.editTitle(view.category.name) : k.createTitle,
        values,
        errors,
      }),
      status,
    );
  const labels = categoryLabels(t);
  const form = page.readForm(CategoryForm, labels);
  const questions = questionsFromForm(t, body);
  if (!form.ok || Object.keys(questions.errors).length > 0) {
    const fields = { ...(form.ok ? {} : form.errors.fields), ...questions.errors };
    return again({ fields, general: form.ok ? [] : form.errors.general }, 400);
  }
  const { level, service, slaHours, active, description, name, version } = form.value;
  const saving = code ?? form.value.code;
  try {
    await territory.saveCategory(
      principal,
      view.siren,
      {
        code: saving,
        name,
        ...(description ? { description } : {}),
        competence: { level, ...(service ? { service } : {}) },
        questions: questions.questions,
        ...(slaHours !== undefined ? { slaHours } : {}),
        active: active === 'oui',
      },
      version,
    );
    return page.redirect(categoryPaths.list({ avis: 'enregistree', code: saving }));
  } catch (error) {
    const refused = territoryRefusal(t, error, { 'competence-service-exists': 'service' });
    // A new category whose code is taken: said next to the code.
    if (refused?.stale && !code) return again({ fields: { code: k.codeTaken }, general: [] }, 422);
    if (refused?.stale) {
      const current = await loadCategory(principal, code);
      return again(refused.errors, 422, categoryValues(current.category!));
    }
    if (refused) return again(refused.errors, 422);
    const invalid = page.formErrors(error, labels);
    if (invalid) return again(invalid, 400);
    throw error;
  }
};

// ——— bodies: services and SLA calendars ———

export interface BodiesView {
  readonly siren: string;
  /** The metropolis first, then the communes by name. */
  readonly bodies: readonly Body[];
  /** The body the page shows. */
  readonly body: Body;
}

export const loadBodies = async (principal: Principal, bodyId?: string): Promise<BodiesView> => {
  const siren = administeredTerritory(principal);
  const all = await territory.listBodyContacts(principal, siren);
  const bodies = [...all].sort((a, b) =>
    a.id === siren ? -1 : b.id === siren ? 1 : a.name.localeCompare(b.name, 'fr'),
  );
  const body = bodies.find((b) => b.id === (bodyId ?? siren));
  if (!body) throw new NotFoundError(`No body ${bodyId} in territory ${siren}`);
  return { siren, bodies, body };
};

// ——— communes and their boundaries ———

export interface CommunesView {
  readonly siren: string;
  readonly communes: readonly Commune[];
  /** The commune whose upload form shows. */
  readonly commune?: Commune;
}

export const loadCommunes = async (principal: Principal, insee?: string): Promise<CommunesView> => {
  const siren = administeredTerritory(principal);
  const communes = await territory.listCommunes(siren);
  const commune = insee === undefined ? undefined : communes.find((c) => c.insee === insee);
  if (insee !== undefined && !commune) throw new NotFoundError(`No commune ${insee} in territory ${siren}`);
  return { siren, communes, ...(commune ? { commune } : {}) };
};
