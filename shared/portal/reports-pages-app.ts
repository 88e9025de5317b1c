/**
 * What the report pages show and do, through the reports and territory use cases (never the
 * table): the report form and its outcome (refused with its errors, the nearby open reports offered
 * first, or filed), a report's public view, a commune's list, a citizen's own reports, "moi aussi".
 */
import { InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { AlreadySupportedError, isOpen, REPORT_STATUSES, type Report, type ReportStatus } from '../reports/report';
import type { FileReportInput } from '../reports/filing-use-cases';
import { publicHistory } from '../reports/report-views';
import { reports } from '../reports/reports-app';
import { ConflictError } from '../kernel/errors';
import type { Category, CategoryQuestion } from '../territory/territory';
import type { ReportCardData } from './components/report-card';
import { formErrorsFrom, readForm, type FieldLabels, type FormErrors } from './form-errors';
import type { Messages } from './i18n';
import { portalTerritory, territory } from './portal-app';
import {
  answerField,
  answersOf,
  formValuesOf,
  pointInside,
  reportFormSchema,
  type FormValues,
  type ReportFormInput,
} from './report-form';

/** How far around the point the open reports of the same category are offered, in metres. */
const NEARBY_RADIUS = 100;
const LIST_SIZE = 20;

const requireTerritory = async (): Promise<string> => {
  const siren = await portalTerritory();
  if (!siren) throw new NotFoundError('No territory is configured');
  return siren;
};

export interface CategoryChoice {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
}

export interface ReportFormView {
  readonly siren: string;
  readonly categories: readonly CategoryChoice[];
  /** The category chosen (step 2), with its questions. */
  readonly category?: CategoryChoice & { readonly questions: readonly CategoryQuestion[] };
  readonly communes: readonly { readonly insee: string; readonly name: string }[];
  /** The territory's extent, [west, south, east, north]. */
  readonly bbox?: readonly [number, number, number, number];
  /** What the visitor typed, when the form is shown again. */
  readonly values: FormValues;
  /** The category asked for does not exist (step 1 again, saying so). */
  readonly unknownCategory?: boolean;
}

/** A report as a card of a list (components/report-card.tsx), its status one of the domain's. */
export interface ReportCardView extends ReportCardData {
  readonly status: ReportStatus;
}

const choiceOf = (c: Category): CategoryChoice => ({
  code: c.code,
  name: c.name,
  ...(c.description ? { description: c.description } : {}),
});

const cardOf = (
  r: Report,
  categoryName: ReadonlyMap<string, string>,
  communeName?: ReadonlyMap<string, string>,
): ReportCardView => ({
  id: r.id,
  categoryName: categoryName.get(r.category) ?? r.category,
  status: r.status,
  overdue: r.overdue,
  createdAt: r.createdAt,
  description: r.description,
  ...(r.address ? { address: r.address } : {}),
  ...(communeName?.get(r.commune) ? { communeName: communeName.get(r.commune)! } : {}),
  supportCount: r.supportCount,
});

const byName = <T extends { readonly name: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.name.localeCompare(b.name, 'fr'));

/** The report form: step 1 (no category) lists the categories; step 2 adds the chosen one's questions. */
export const loadReportForm = async (
  categoryCode: string | undefined,
  values: FormValues = {},
): Promise<ReportFormView> => {
  const siren = await requireTerritory();
  const [categories, communes] = await Promise.all([territory.listCategories(siren), territory.listCommunes(siren)]);
  const active = byName(categories.filter((c) => c.active !== false));
  const chosen = categoryCode ? active.find((c) => c.code === categoryCode) : undefined;
  const boxes = communes.flatMap((c) => (c.boundary ? [c.boundary.bbox] : []));
  const bbox =
    boxes.length > 0
      ? ([
          Math.min(...boxes.map((b) => b[0])),
          Math.min(...boxes.map((b) => b[1])),
          Math.max(...boxes.map((b) => b[2])),
          Math.max(...boxes.map((b) => b[3])),
        ] as const)
      : undefined;
  return {
    siren,
    categories: active.map(choiceOf),
    ...(chosen ? { category: { ...choiceOf(chosen), questions: chosen.questions ?? [] } } : {}),
    communes: byName(communes).map((c) => ({ insee: c.insee, name: c.name })),
    ...(bbox ? { bbox } : {}),
    values,
    ...(categoryCode && !chosen ? { unknownCategory: true } : {}),
  };
};

/** The labels of the form's fields, in the order it shows them (the error summary lists them so). */
export const reportFormLabels = (t: Messages, questions: readonly CategoryQuestion[]): FieldLabels => {
  const f = t.reportPages.form;
  return {
    category: f.categoryLabel,
    ...Object.fromEntries(questions.map((q) => [answerField(q.code), q.label])),
    commune: f.commune,
    address: f.address,
    lat: f.lat,
    lon: f.lon,
    description: f.description,
    photos: f.photos,
    email: f.email,
  };
};

/** A rule refusing the filing, next to the field it concerns. */
const RULE_FIELDS = {
  'inside-territory': 'lat',
  'category-exists': 'category',
  'category-active': 'category',
  'photo-uploaded': 'photos',
  'photo-size': 'photos',
  'photo-type': 'photos',
};

/** The domain names an answer `body.answers.<code>`: the form's field is `answer-<code>`. */
const inFormTerms = (error: unknown): unknown =>
  error instanceof InvalidInputError
    ? new InvalidInputError(
        error.message,
        error.issues.map((issue) => ({
          ...issue,
          path: issue.path
            .replace(/^body\.answers\.([^.]+).*$/, (_, code: string) => answerField(code))
            .replace(/^body\.contact\.email$/, 'email')
            .replace(/^body\.location\..*$/, 'lat'),
        })),
      )
    : error;

export interface NearbyReportView extends ReportCardView {
  readonly distanceMetres: number;
}

export type ReportFormOutcome =
  | { readonly kind: 'refused'; readonly status: 400 | 422; readonly view: ReportFormView; readonly errors: FormErrors }
  | { readonly kind: 'edit'; readonly view: ReportFormView }
  | {
      readonly kind: 'nearby';
      readonly view: ReportFormView;
      readonly category: CategoryChoice;
      readonly nearby: readonly NearbyReportView[];
    }
  | { readonly kind: 'filed'; readonly reportId: string };

const fieldError = (field: string, message: string): FormErrors => ({ fields: { [field]: message }, general: [] });

/** One more field error, the fields kept in the form's order. */
const withFieldError = (errors: FormErrors, labels: FieldLabels, field: string, message: string): FormErrors => {
  const order = Object.keys(labels);
  const fields = Object.entries({ ...errors.fields, [field]: errors.fields[field] ?? message }).sort(
    ([a], [b]) => order.indexOf(a) - order.indexOf(b),
  );
  return { fields: Object.fromEntries(fields), general: errors.general };
};

/**
 * The report form sent. Refused: shown again with each error next to its field. Given exact
 * coordinates and not yet confirmed: the open reports of its category nearby are offered first
 * (support one, or send anyway). Otherwise filed.
 */
export const submitReportForm = async (
  t: Messages,
  principal: Principal | undefined,
  body: unknown,
  /** An agent filing for a citizen (back office): its own filing call, no nearby step. */
  options: {
    readonly file?: (siren: string, input: FileReportInput) => Promise<Report>;
    readonly nearby?: boolean;
  } = {},
): Promise<ReportFormOutcome> => {
  const values = formValuesOf(body);
  const categoryCode = typeof values.category === 'string' ? values.category : undefined;
  const view = await loadReportForm(categoryCode, values);
  const f = t.reportPages.form;
  if (!view.category) {
    return { kind: 'refused', status: 400, view, errors: fieldError('category', f.unknownCategory) };
  }
  const { questions } = view.category;
  const labels = reportFormLabels(t, questions);
  const refused = (errors: FormErrors, status: 400 | 422 = 400): ReportFormOutcome => ({
    kind: 'refused',
    status,
    view,
    errors,
  });

  const read = readForm(t, reportFormSchema(questions, { anonymous: !principal }), body, labels);
  if (!read.ok) {
    // A place is needed too: said with the other errors rather than after them.
    const noPlace = !values.commune && !values.lat && !values.lon;
    return refused(noPlace ? withFieldError(read.errors, labels, 'commune', f.locationRequired) : read.errors);
  }
  const input: ReportFormInput = read.value;
  if (input.etape === 'modifier') return { kind: 'edit', view };

  const located = await locate(t, view, input);
  if ('errors' in located) return refused(located.errors, located.status);

  if (located.exact && input.etape !== 'envoyer' && options.nearby !== false) {
    const nearby = await reports.nearby(view.siren, {
      category: view.category.code,
      lat: located.point.lat,
      lon: located.point.lon,
      radius: NEARBY_RADIUS,
    });
    if (nearby.length > 0) {
      const names = new Map(view.categories.map((c) => [c.code, c.name]));
      const communes = new Map(view.communes.map((c) => [c.insee, c.name]));
      return {
        kind: 'nearby',
        view,
        category: view.category,
        nearby: nearby.map((n) => ({ ...cardOf(n.report, names, communes), distanceMetres: n.distanceMetres })),
      };
    }
  }

  try {
    const filing: FileReportInput = {
      category: view.category.code,
      location: located.point,
      ...(input.address ? { address: input.address } : {}),
      description: input.description,
      answers: answersOf(input as Record<string, unknown>, questions),
      ...(input.photos?.length ? { photos: input.photos } : {}),
      ...(input.email ? { contact: { email: input.email } } : {}),
    };
    const report = options.file
      ? await options.file(view.siren, filing)
      : await reports.fileReport(principal, view.siren, filing);
    return { kind: 'filed', reportId: report.id };
  } catch (error) {
    const errors = formErrorsFrom(t, inFormTerms(error), labels, RULE_FIELDS);
    if (!errors) throw error;
    return refused(errors, error instanceof RuleViolationError ? 422 : 400);
  }
};

/**
 * The point to file at: the coordinates given (in the commune chosen, if one is), else a point
 * inside the commune chosen (`exact` false: the address tells the agents where).
 */
const locate = async (
  t: Messages,
  view: ReportFormView,
  input: ReportFormInput,
): Promise<
  | { readonly point: { lat: number; lon: number }; readonly exact: boolean }
  | { readonly errors: FormErrors; readonly status: 400 | 422 }
> => {
  const f = t.reportPages.form;
  if (input.lat !== undefined && input.lon === undefined) {
    return { errors: fieldError('lon', f.otherCoordinate(f.lon)), status: 400 };
  }
  if (input.lon !== undefined && input.lat === undefined) {
    return { errors: fieldError('lat', f.otherCoordinate(f.lat)), status: 400 };
  }
  if (input.lat !== undefined && input.lon !== undefined) {
    const point = { lat: input.lat, lon: input.lon };
    const commune = await territory.locate(view.siren, point.lat, point.lon).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!commune) return { errors: fieldError('lat', t.rules['inside-territory']!), status: 422 };
    if (input.commune && input.commune !== commune.insee) {
      return { errors: fieldError('commune', f.communeMismatch(commune.name)), status: 422 };
    }
    return { point, exact: true };
  }
  if (!input.commune) return { errors: fieldError('commune', f.locationRequired), status: 400 };
  const { boundary } = await territory.getCommune(view.siren, input.commune).catch((error: unknown) => {
    if (error instanceof NotFoundError) return { boundary: undefined };
    throw error;
  });
  const point = boundary ? pointInside(boundary) : undefined;
  if (!point) return { errors: fieldError('commune', f.noBoundary), status: 422 };
  return { point, exact: false };
};

/** A report as its public page shows it: no personal data, no internal note, no agent. */
export interface ReportPageView {
  readonly siren: string;
  readonly id: string;
  readonly categoryName: string;
  readonly status: ReportStatus;
  readonly open: boolean;
  readonly overdue: boolean;
  readonly commune: { readonly insee: string; readonly name: string };
  readonly location: { readonly lat: number; readonly lon: number };
  readonly address?: string;
  readonly description: string;
  /** Each answer with its question's label, list keys turned into their names. */
  readonly answers: readonly { readonly label: string; readonly value: string; readonly datatype: string }[];
  readonly photoUrls: readonly string[];
  readonly createdAt: string;
  readonly dueAt?: string;
  readonly supportCount: number;
  readonly duplicateOf?: string;
  readonly history: readonly {
    readonly at: string;
    readonly from: ReportStatus | null;
    readonly to: ReportStatus;
    readonly publicNote?: string;
  }[];
  /** The visitor filed it. */
  readonly isReporter: boolean;
}

const WHEN = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const WHEN_LOCAL = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const DAY_LOCAL = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A datetime answer in French: as typed when it names no zone (a local time), else in Paris time. */
const whenText = (value: string): string => {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(zoned ? value : /T/.test(value) ? `${value}Z` : `${value}T00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  if (zoned) return WHEN.format(date);
  return /T/.test(value) ? WHEN_LOCAL.format(date) : DAY_LOCAL.format(date);
};

const answerText = (q: CategoryQuestion, value: unknown): string => {
  if (q.datatype === 'datetime' && typeof value === 'string') return whenText(value);
  const names = new Map((q.values ?? []).map((v) => [v.key, v.name]));
  if (Array.isArray(value)) return value.map((v) => names.get(String(v)) ?? String(v)).join(', ');
  if (typeof value === 'number') return value.toLocaleString('fr-FR');
  return names.get(String(value)) ?? String(value);
};

export const loadReportPage = async (reportId: string, principal: Principal | undefined): Promise<ReportPageView> => {
  const siren = await requireTerritory();
  const [{ report, history, photoUrls }, categories] = await Promise.all([
    reports.getPublic(siren, reportId),
    territory.listCategories(siren),
  ]);
  const { commune } = await territory.getCommune(siren, report.commune);
  const category = categories.find((c) => c.code === report.category);
  const questions = category?.questions ?? [];
  const answers = Object.entries(report.answers ?? {}).map(([code, value]) => {
    const q = questions.find((question) => question.code === code);
    return q
      ? { label: q.label, value: answerText(q, value), datatype: q.datatype }
      : {
          label: code,
          value: answerText({ code, label: code, datatype: 'string', required: false }, value),
          datatype: 'string',
        };
  });
  return {
    siren,
    id: report.id,
    categoryName: category?.name ?? report.category,
    status: report.status,
    open: isOpen(report.status),
    overdue: report.overdue,
    commune: { insee: commune.insee, name: commune.name },
    location: report.location,
    ...(report.address ? { address: report.address } : {}),
    description: report.description,
    answers,
    photoUrls,
    createdAt: report.createdAt,
    ...(report.dueAt ? { dueAt: report.dueAt } : {}),
    supportCount: report.supportCount,
    ...(report.duplicateOf ? { duplicateOf: report.duplicateOf } : {}),
    history: publicHistory(history),
    isReporter: principal !== undefined && report.reporterSub === principal.sub,
  };
};

/** "Moi aussi" from a page: what its page then says. */
export const supportFromPage = async (principal: Principal, reportId: string): Promise<'merci' | 'deja' | 'ferme'> => {
  const siren = await requireTerritory();
  try {
    await reports.support(principal, siren, reportId);
    return 'merci';
  } catch (error) {
    if (error instanceof AlreadySupportedError) return 'deja';
    if (error instanceof RuleViolationError || error instanceof ConflictError) return 'ferme';
    throw error;
  }
};

export interface CommuneReportsView {
  readonly siren: string;
  readonly commune: { readonly insee: string; readonly name: string };
  readonly bbox?: readonly [number, number, number, number];
  readonly categories: readonly CategoryChoice[];
  readonly statuses: readonly ReportStatus[];
  readonly filter: { readonly status?: ReportStatus; readonly category?: string };
  readonly reports: readonly ReportCardView[];
  /** The next page's cursor. */
  readonly cursor?: string;
}

export const loadCommuneReports = async (
  insee: string,
  query: { readonly statut?: string; readonly categorie?: string; readonly apres?: string },
): Promise<CommuneReportsView> => {
  const siren = await requireTerritory();
  const [{ commune }, categories] = await Promise.all([
    territory.getCommune(siren, insee),
    territory.listCategories(siren),
  ]);
  // A filter value that names nothing is no filter (a GET form's field edited by hand).
  const status = REPORT_STATUSES.find((s) => s === query.statut);
  const category = categories.find((c) => c.code === query.categorie)?.code;
  const page = await reports.listPublic(siren, {
    commune: insee,
    limit: LIST_SIZE,
    ...(query.apres ? { cursor: query.apres } : {}),
    ...(status ? { statuses: [status] } : {}),
    ...(category ? { categories: [category] } : {}),
  });
  const names = new Map(categories.map((c) => [c.code, c.name]));
  return {
    siren,
    commune: { insee: commune.insee, name: commune.name },
    ...(commune.boundary ? { bbox: commune.boundary.bbox } : {}),
    categories: byName(categories).map(choiceOf),
    statuses: REPORT_STATUSES,
    filter: { ...(status ? { status } : {}), ...(category ? { category } : {}) },
    reports: page.items.map((r) => cardOf(r, names)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
};

export interface MyReportsView {
  readonly reports: readonly (ReportCardView & { readonly reason: string })[];
  readonly cursor?: string;
}

export const loadMyReports = async (principal: Principal, cursor: string | undefined): Promise<MyReportsView> => {
  const siren = await requireTerritory();
  const [page, categories, communes] = await Promise.all([
    reports.listFollowed(principal, siren, { limit: LIST_SIZE, ...(cursor ? { cursor } : {}) }),
    territory.listCategories(siren),
    territory.listCommunes(siren),
  ]);
  const names = new Map(categories.map((c) => [c.code, c.name]));
  const communeNames = new Map(communes.map((c) => [c.insee, c.name]));
  return {
    reports: page.items.map((f) => ({ ...cardOf(f.report, names, communeNames), reason: f.reason })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
};
