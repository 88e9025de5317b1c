/**
 * The agents' forms of the portfolio: a project (title, description, phase, status, progress,
 * weight, dates), a budget line, a milestone, a manual KPI's value. Each posts urlencoded to its own
 * route, carries the version it was read at, and comes back with the refusal next to its field
 * (or, when someone changed the record meanwhile, with its current version and a notice saying so).
 */
import { Breadcrumbs } from '../components/breadcrumbs';
import { Form, Select, SubmitButton, TextArea, TextField } from '../components/forms';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import { portfolioPaths } from '../portfolio-paths';
import type { PageContent } from '../render';
import { formatEuros } from '../../portfolio/money';
import {
  BUDGET_KINDS,
  MILESTONE_STATES,
  PHASES,
  STATUSES,
  type BudgetLine,
  type Milestone,
  type Project,
} from '../../portfolio/portfolio';
import { percent } from './portfolio-format';

/** What a form shows in its fields: the record's values, or what was sent. */
export type FormValues = Readonly<Record<string, string | undefined>>;

interface FormPageProps {
  readonly project: Pick<Project, 'id' | 'title'>;
  readonly values: FormValues;
  readonly errors?: FormErrors;
}

const Frame = ({
  project,
  title,
  children,
}: {
  readonly project: Pick<Project, 'id' | 'title'>;
  readonly title: string;
  readonly children: unknown;
}) => {
  const { t } = usePage();
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: portalPaths.home },
          { label: t.portfolio.list.title, href: portfolioPaths.list },
          { label: project.title, href: portfolioPaths.project(project.id) },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {children as never}
      <p>
        <a href={portfolioPaths.project(project.id)}>{t.portfolio.forms.cancel}</a>
      </p>
    </>
  );
};

/** A form page: its title, the frame around the form, and whether the form came back refused. */
const framedPage = (view: FormPageProps, title: string, form: unknown): PageContent => ({
  title,
  hasErrors: view.errors !== undefined,
  body: (
    <Frame project={view.project} title={title}>
      {form}
    </Frame>
  ),
});

const Hidden = ({ name, value }: { readonly name: string; readonly value: string | undefined }) =>
  value === undefined ? null : <input type="hidden" name={name} value={value} />;

// ——— the project ———

export const projectFormLabels = (t: Messages) => {
  const f = t.portfolio.forms;
  return {
    title: f.title,
    description: f.description,
    phase: f.phase,
    status: f.status,
    progress: f.progress,
    weight: f.weight,
    startDate: f.startDate,
    endDate: f.endDate,
  };
};

/** A number as a French form shows it and reads it back: a decimal comma (0,75). */
const frenchDecimal = (n: number) => String(n).replace('.', ',');

/** A project's values as its form shows them. */
export const projectValues = (p: Project): FormValues => ({
  title: p.title,
  description: p.description,
  phase: p.phase,
  status: p.status,
  progress: frenchDecimal(p.progress),
  weight: p.weight === undefined ? undefined : frenchDecimal(p.weight),
  startDate: p.startDate,
  endDate: p.endDate,
  version: String(p.version),
});

const ProjectForm = ({
  project,
  values,
  errors,
  rolledUp,
}: FormPageProps & { readonly rolledUp?: number; readonly hasParent: boolean }) => {
  const { t } = usePage();
  const f = t.portfolio.forms;
  const e = errors?.fields ?? {};
  return (
    <Form action={portfolioPaths.edit(project.id)} errors={errors}>
      <Hidden name="version" value={values.version} />
      <TextField name="title" label={f.title} value={values.title} error={e.title} maxLength={200} />
      <TextArea name="description" label={f.description} value={values.description} error={e.description} optional />
      <Select
        name="phase"
        label={f.phase}
        value={values.phase}
        error={e.phase}
        choices={PHASES.map((v) => ({ value: v, label: t.portfolio.phases[v] ?? v }))}
      />
      <Select
        name="status"
        label={f.status}
        value={values.status}
        error={e.status}
        choices={STATUSES.map((v) => ({ value: v, label: t.portfolio.statuses[v] ?? v }))}
      />
      {rolledUp === undefined ? (
        <TextField
          name="progress"
          label={f.progress}
          hint={f.progressHint}
          value={values.progress}
          error={e.progress}
          inputmode="decimal"
          width="short"
        />
      ) : (
        <p class="field__hint">{f.progressRolledUp(percent(rolledUp))}</p>
      )}
      <TextField
        name="weight"
        label={f.weight}
        hint={f.weightHint}
        value={values.weight}
        error={e.weight}
        inputmode="decimal"
        width="short"
        optional
      />
      <TextField
        name="startDate"
        type="date"
        label={f.startDate}
        hint={f.dateHint}
        value={values.startDate}
        error={e.startDate}
        width="medium"
        optional
      />
      <TextField
        name="endDate"
        type="date"
        label={f.endDate}
        hint={f.dateHint}
        value={values.endDate}
        error={e.endDate}
        width="medium"
        optional
      />
      <SubmitButton>{f.save}</SubmitButton>
    </Form>
  );
};

export const projectFormPage = (t: Messages, view: FormPageProps & { readonly current: Project }): PageContent => {
  const title = t.portfolio.forms.editTitle(view.current.title);
  const hasChildren = Object.keys(view.current.children).length > 0;
  return framedPage(
    view,
    title,
    <>
      <ProjectForm
        {...view}
        hasParent={view.current.parentId !== undefined}
        {...(hasChildren ? { rolledUp: view.current.progress } : {})}
      />
    </>,
  );
};

// ——— a budget line ———

/** A budget line's values as its form shows them. */
export const budgetLineValues = (line: BudgetLine): FormValues => ({
  lineId: line.id,
  version: String(line.version),
  year: String(line.year),
  kind: line.kind,
  planned: formatEuros(line.planned),
  committed: formatEuros(line.committed),
  spent: formatEuros(line.spent),
  funder: line.funder,
});

export const budgetLineLabels = (t: Messages) => {
  const f = t.portfolio.forms;
  return { year: f.year, kind: f.kind, planned: f.planned, committed: f.committed, spent: f.spent, funder: f.funder };
};

const BudgetLineFormBody = ({ project, values, errors }: FormPageProps) => {
  const { t } = usePage();
  const f = t.portfolio.forms;
  const e = errors?.fields ?? {};
  return (
    <Form action={portfolioPaths.budgetLines(project.id)} errors={errors}>
      <Hidden name="lineId" value={values.lineId} />
      <Hidden name="version" value={values.version} />
      <TextField name="year" label={f.year} value={values.year} error={e.year} inputmode="numeric" width="short" />
      <Select
        name="kind"
        label={f.kind}
        value={values.kind}
        error={e.kind}
        choices={BUDGET_KINDS.map((v) => ({ value: v, label: t.portfolio.budgetKinds[v] ?? v }))}
      />
      {(['planned', 'committed', 'spent'] as const).map((name) => (
        <TextField
          key={name}
          name={name}
          label={f[name]}
          hint={f.amountHint}
          value={values[name]}
          error={e[name]}
          inputmode="decimal"
          width="medium"
          optional={name !== 'planned'}
        />
      ))}
      <TextField name="funder" label={f.funder} value={values.funder} error={e.funder} maxLength={200} />
      <SubmitButton>{f.save}</SubmitButton>
    </Form>
  );
};

export const budgetLineFormPage = (t: Messages, view: FormPageProps): PageContent => {
  const f = t.portfolio.forms;
  const title = view.values.lineId ? f.editLine(view.project.title) : f.newLine(view.project.title);
  return framedPage(
    view,
    title,
    <>
      <BudgetLineFormBody {...view} />
    </>,
  );
};

// ——— a milestone ———

/** A milestone's values as its form shows them. */
export const milestoneValues = (m: Milestone): FormValues => ({
  milestoneId: m.id,
  version: String(m.version),
  title: m.title,
  description: m.description,
  dueDate: m.dueDate,
  state: m.state,
  metOn: m.metOn,
});

export const milestoneLabels = (t: Messages) => {
  const f = t.portfolio.forms;
  return { title: f.milestoneTitle, description: f.description, dueDate: f.dueDate, state: f.state, metOn: f.metOn };
};

const MilestoneFormBody = ({ project, values, errors }: FormPageProps) => {
  const { t } = usePage();
  const f = t.portfolio.forms;
  const e = errors?.fields ?? {};
  return (
    <Form action={portfolioPaths.milestones(project.id)} errors={errors}>
      <Hidden name="milestoneId" value={values.milestoneId} />
      <Hidden name="version" value={values.version} />
      <TextField name="title" label={f.milestoneTitle} value={values.title} error={e.title} maxLength={200} />
      <TextArea
        name="description"
        label={f.description}
        value={values.description}
        error={e.description}
        rows={3}
        optional
      />
      <TextField
        name="dueDate"
        type="date"
        label={f.dueDate}
        hint={f.dateHint}
        value={values.dueDate}
        error={e.dueDate}
        width="medium"
      />
      <Select
        name="state"
        label={f.state}
        value={values.state ?? 'scheduled'}
        error={e.state}
        choices={MILESTONE_STATES.map((v) => ({ value: v, label: t.portfolio.milestoneStates[v] ?? v }))}
      />
      <TextField
        name="metOn"
        type="date"
        label={f.metOn}
        hint={`${f.metOnHint} ${f.dateHint}`}
        value={values.metOn}
        error={e.metOn}
        width="medium"
        optional
      />
      <SubmitButton>{f.save}</SubmitButton>
    </Form>
  );
};

export const milestoneFormPage = (t: Messages, view: FormPageProps): PageContent => {
  const f = t.portfolio.forms;
  const title = view.values.milestoneId ? f.editMilestone(view.project.title) : f.newMilestone(view.project.title);
  return framedPage(
    view,
    title,
    <>
      <MilestoneFormBody {...view} />
    </>,
  );
};

// ——— a KPI's value ———

export const kpiValueLabels = (t: Messages) => ({ date: t.portfolio.forms.date, value: t.portfolio.forms.value });

export const kpiValueFormPage = (
  t: Messages,
  view: FormPageProps & { readonly kpi: { readonly id: string; readonly name: string; readonly unit: string } },
): PageContent => {
  const f = t.portfolio.forms;
  const title = f.kpiValue(view.kpi.name);
  const e = view.errors?.fields ?? {};
  return framedPage(
    view,
    title,
    <>
      <p>{f.kpiUnit(view.kpi.unit)}</p>
      <Form action={portfolioPaths.kpiValue(view.project.id, view.kpi.id)} errors={view.errors}>
        <TextField
          name="date"
          type="date"
          label={f.date}
          hint={f.dateHint}
          value={view.values.date}
          error={e.date}
          width="medium"
        />
        <TextField
          name="value"
          label={f.value}
          hint={f.valueHint}
          value={view.values.value}
          error={e.value}
          inputmode="decimal"
          width="short"
        />
        <SubmitButton>{f.save}</SubmitButton>
      </Form>
    </>,
  );
};
