/**
 * The inbox of a body: counts per status (each a link to its filter), the filters as a GET form
 * (works without JavaScript), then one page of reports as a table — reference (the link to act),
 * filing date, category, commune, status, due date and the time left in business hours (colour and
 * words) — and the link to the next page.
 */
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import { Form, Select, SubmitButton, TextField } from '../components/forms';
import { DateText, NextPageLink, Notice, StatusTag } from '../components/ui';
import { backOfficePaths as paths } from '../back-office-paths';
import type { InboxQuery, InboxView, SlaState } from '../back-office-reports-app';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { REPORT_STATUSES } from '../../reports/report';

/** The time left as its tag: the colour helps, the words say it (on time / due today / overdue). */
export const SlaTag = ({ sla }: { readonly sla: SlaState }) => {
  const { t } = usePage();
  const s = t.backOfficeReports.sla;
  switch (sla.kind) {
    case 'closed':
      return <span class="sla sla--closed">{s.closed}</span>;
    case 'none':
      return <span class="sla sla--none">{s.none}</span>;
    case 'overdue':
      return (
        <span class="sla sla--overdue">
          <strong>{s.overdue}</strong> — {s.late(sla.hours ?? 0)}
        </span>
      );
    default:
      return (
        <span class={`sla sla--${sla.kind}`}>
          <strong>{sla.kind === 'due-today' ? s.dueToday : s.onTime}</strong> — {s.left(sla.hours ?? 0)}
        </span>
      );
  }
};

/** The query of a link: the filters kept, the cursor dropped unless given. */
const linkQuery = (query: InboxQuery, change: Partial<InboxQuery>): Record<string, string | undefined> => {
  const { suite: _suite, ...rest } = query;
  return { ...rest, ...change };
};

const Counts = ({ view }: { readonly view: InboxView }) => {
  const { t } = usePage();
  const i = t.backOfficeReports.inbox;
  return (
    <section aria-labelledby="comptes-titre" class="inbox-counts">
      <h2 id="comptes-titre" class="visually-hidden">
        {i.counts}
      </h2>
      <ul class="inbox-counts__list">
        {REPORT_STATUSES.map((status) => {
          const { count, more } = view.counts[status];
          const label = i.countLink(t.reportStatus[status] ?? status, i.countOf(count, more));
          return (
            <li key={status}>
              <a
                href={paths.inboxFiltered(linkQuery(view.query, { statut: status }))}
                aria-current={view.query.statut === status ? 'true' : undefined}
              >
                <StatusTag status={status} label={label} />
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
};

const Filters = ({ view }: { readonly view: InboxView }) => {
  const { t } = usePage();
  const i = t.backOfficeReports.inbox;
  const q = view.query;
  const errors = view.datesCrossed ? { fields: { au: i.datesCrossed }, general: [] } : undefined;
  return (
    <Form action={paths.inbox} method="get" class="inbox-filters" label={i.filters} errors={errors}>
      {view.bodies && (
        <Select
          name="organisme"
          label={i.body}
          hint={i.bodyHint}
          optional
          placeholder={view.body.name}
          value={q.organisme}
          choices={view.bodies.map((b) => ({ value: b.id, label: b.name }))}
        />
      )}
      <div class="inline-fields inbox-filters__fields">
        <Select
          name="statut"
          label={i.status}
          optional
          placeholder={i.all}
          value={q.statut}
          choices={REPORT_STATUSES.map((s) => ({ value: s, label: t.reportStatus[s] ?? s }))}
        />
        <Select
          name="categorie"
          label={i.category}
          optional
          placeholder={i.allFeminine}
          value={q.categorie}
          choices={view.categories.map((c) => ({ value: c.code, label: c.name }))}
        />
        {view.communes.length > 0 && (
          <Select
            name="commune"
            label={i.commune}
            optional
            placeholder={i.allFeminine}
            value={q.commune}
            choices={view.communes.map((c) => ({ value: c.insee, label: c.name }))}
          />
        )}
        <TextField name="du" type="date" label={i.from} optional width="medium" value={q.du} />
        <TextField name="au" type="date" label={i.to} optional width="medium" value={q.au} error={errors?.fields.au} />
        <Select
          name="ordre"
          label={i.order}
          optional
          placeholder={i.newest}
          value={q.ordre === 'anciens' ? 'anciens' : undefined}
          choices={[{ value: 'anciens', label: i.oldest }]}
        />
      </div>
      <div class="choice">
        <input
          class="choice__input"
          type="checkbox"
          id="champ-retard"
          name="retard"
          value="oui"
          checked={q.retard === 'oui'}
        />
        <label class="choice__label" for="champ-retard">
          {i.overdueOnly}
        </label>
      </div>
      <div class="button-row">
        <SubmitButton>{i.apply}</SubmitButton>
        <a href={view.bodies ? paths.inboxFiltered({ organisme: view.body.id }) : paths.inbox}>{i.reset}</a>
      </div>
    </Form>
  );
};

const Inbox = ({ view }: { readonly view: InboxView }) => {
  const { t } = usePage();
  const i = t.backOfficeReports.inbox;
  return (
    <>
      <h1>{i.titleOf(view.body.name)}</h1>
      <p class="lead">{i.intro}</p>
      <p>
        <a href={paths.fileForCitizen}>{i.newReport}</a>
      </p>
      <Counts view={view} />
      <Filters view={view} />
      {view.rows.length === 0 ? (
        <Notice>
          <p>{i.none}</p>
        </Notice>
      ) : (
        <DataTable id="tableau-signalements" caption={i.table}>
          <thead>
            <tr>
              <th scope="col">{i.report}</th>
              <th scope="col">{i.filed}</th>
              <th scope="col">{i.commune}</th>
              <th scope="col">{i.status}</th>
              <th scope="col">{i.dueAt}</th>
              <th scope="col">{i.timeLeft}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.id} data-report={row.id}>
                <th scope="row">
                  <a href={paths.report(row.id)}>{row.categoryName}</a>
                  {row.address && <span class="inbox-row__address">{row.address}</span>}
                  <span class="inbox-row__reference">{i.referenceOf(row.id)}</span>
                </th>
                <td>
                  <DateText iso={row.createdAt} withTime />
                </td>
                <td>{row.communeName}</td>
                <td>
                  <StatusTag status={row.status} label={t.reportStatus[row.status] ?? row.status} />
                </td>
                <td>{row.dueAt ? <DateText iso={row.dueAt} withTime /> : '—'}</td>
                <td>
                  <SlaTag sla={row.sla} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <NextPageLink
        href={view.cursor ? paths.inboxFiltered({ ...linkQuery(view.query, {}), suite: view.cursor }) : undefined}
        label={i.next}
      />
    </>
  );
};

export const backOfficeInboxPage = (t: Messages, view: InboxView): PageContent =>
  backOfficePage({
    title: t.backOfficeReports.inbox.titleOf(view.body.name),
    body: <Inbox view={view} />,
    hasErrors: view.datesCrossed,
  });
