/**
 * The bodies' settings (territory admins): a body chosen with a GET form (the metropolis by
 * default), then its services (list, create, rename, delete) or its SLA calendar (opening hours
 * per weekday, public holidays, closures, who is told of overdue reports). Forms carry the version
 * read: a change made meanwhile is said, and the form shows the current values.
 */
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import { Form, Select, SubmitButton, TextArea, TextField } from '../components/forms';
import { Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import type { PageContent } from '../render';
import { bodyPaths, closuresText, hoursText, WEEKDAYS_OF_FORM, type BodyNotice } from '../back-office-territory-forms';
import type { BodiesView } from '../back-office-territory-app';
import { defaultBodyCalendar } from '../../calendar/business-calendar';
import type { Body } from '../../territory/territory';

type Values = Readonly<Record<string, string | undefined>>;

const bodyLabel = (t: Messages, siren: string, body: Body) =>
  body.id === siren ? t.backOfficeTerritory.bodies.metropolis(body.name) : body.name;

/** Which body: a GET form, so it works without JavaScript. */
const BodyPicker = ({ view, action }: { readonly view: BodiesView; readonly action: string }) => {
  const { t } = usePage();
  const b = t.backOfficeTerritory.bodies;
  return (
    <form method="get" action={action} class="filters" aria-label={b.picker}>
      <div class="filters__fields">
        <div class="field">
          <label class="field__label" for="organisme">
            {b.picker}
          </label>
          <select id="organisme" name="organisme" class="input select">
            {view.bodies.map((body) => (
              <option key={body.id} value={body.id} selected={body.id === view.body.id}>
                {bodyLabel(t, view.siren, body)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p>
        <button type="submit" class="button button--secondary">
          {b.show}
        </button>
      </p>
    </form>
  );
};

const Hidden = ({ name, value }: { readonly name: string; readonly value: string | undefined }) =>
  value === undefined ? null : <input type="hidden" name={name} value={value} />;

// ——— services ———

export interface ServicesPageOptions {
  /** The service whose form shows (absent: a new one). */
  readonly serviceId?: string;
  readonly values?: Values;
  readonly errors?: FormErrors;
  readonly notice?: BodyNotice;
}

export const servicesPage = (t: Messages, view: BodiesView, options: ServicesPageOptions = {}): PageContent => {
  const s = t.backOfficeTerritory.services;
  const { body } = view;
  const label = bodyLabel(t, view.siren, body);
  const editing = options.serviceId ? body.services.find((x) => x.id === options.serviceId) : undefined;
  const values: Values = options.values ?? {
    id: editing?.id,
    name: editing?.name,
    email: editing?.email,
    version: String(editing?.version ?? 0),
  };
  const e = options.errors?.fields ?? {};
  const action = bodyPaths.services();
  return backOfficePage({
    title: s.title,
    hasErrors: options.errors !== undefined,
    body: (
      <>
        <h1>{s.title}</h1>
        {options.notice && (
          <Notice kind="success">
            <p>{options.notice === 'supprime' ? s.removed : s.saved}</p>
          </Notice>
        )}
        <p>{s.intro}</p>
        <BodyPicker view={view} action={action} />
        {body.services.length === 0 ? (
          <p>{s.none}</p>
        ) : (
          <DataTable id="tableau-services" caption={s.caption(label)}>
            <thead>
              <tr>
                <th scope="col">{s.name}</th>
                <th scope="col">{s.id}</th>
                <th scope="col">{s.email}</th>
                <th scope="col">{s.action}</th>
              </tr>
            </thead>
            <tbody>
              {body.services.map((service) => (
                <tr key={service.id}>
                  <th scope="row">{service.name}</th>
                  <td>
                    <code>{service.id}</code>
                  </td>
                  <td>{service.email ?? s.noEmail}</td>
                  <td>
                    <a href={`${bodyPaths.services({ organisme: body.id, service: service.id })}#service`}>
                      {s.edit(service.name)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <section aria-labelledby="service" class="back-office-territory__panel">
          <h2 id="service" tabindex={-1}>
            {editing ? s.editTitle(editing.name) : s.newTitle(label)}
          </h2>
          <Form action={action} errors={options.errors}>
            <Hidden name="organisme" value={body.id} />
            <Hidden name="version" value={values.version ?? '0'} />
            {editing ? (
              <Hidden name="id" value={editing.id} />
            ) : (
              <TextField
                name="id"
                label={s.id}
                hint={s.idHint}
                value={values.id}
                error={e.id}
                maxLength={40}
                width="medium"
              />
            )}
            <TextField name="name" label={s.name} value={values.name} error={e.name} maxLength={120} />
            <TextField
              name="email"
              type="email"
              label={s.email}
              hint={s.emailHint}
              value={values.email}
              error={e.email}
              autocomplete="off"
              optional
            />
            <SubmitButton>{s.save}</SubmitButton>
          </Form>
          {editing && (
            <Form action={action} label={s.remove}>
              <Hidden name="organisme" value={body.id} />
              <Hidden name="id" value={editing.id} />
              <Hidden name="version" value={String(editing.version)} />
              <Hidden name="supprimer" value="1" />
              <SubmitButton variant="secondary">{s.remove}</SubmitButton>
            </Form>
          )}
          {editing && (
            <p>
              <a href={bodyPaths.services({ organisme: body.id })}>{t.backOfficeTerritory.cancel}</a>
            </p>
          )}
        </section>
      </>
    ),
  });
};

// ——— the SLA calendar ———

/** A body's calendar as its form shows it (the default calendar while it has none). */
export const calendarValues = (body: Body): Record<string, string> => {
  const calendar = body.sla?.calendar ?? defaultBodyCalendar;
  return {
    ...Object.fromEntries(WEEKDAYS_OF_FORM.map((day) => [day, hoursText(calendar.week[day])])),
    publicHolidays: calendar.publicHolidays,
    closures: closuresText(calendar.closures),
    escalationEmails: (body.sla?.escalationEmails ?? []).join('\n'),
    version: String(body.sla?.version ?? 0),
  };
};

export const calendarPage = (
  t: Messages,
  view: BodiesView,
  options: { readonly values?: Values; readonly errors?: FormErrors; readonly notice?: BodyNotice } = {},
): PageContent => {
  const c = t.backOfficeTerritory.calendars;
  const { body } = view;
  const values = options.values ?? calendarValues(body);
  const e = options.errors?.fields ?? {};
  return backOfficePage({
    title: c.title,
    hasErrors: options.errors !== undefined,
    body: (
      <>
        <h1>{c.title}</h1>
        {options.notice && (
          <Notice kind="success">
            <p>{c.saved}</p>
          </Notice>
        )}
        <p>{c.intro}</p>
        <BodyPicker view={view} action={bodyPaths.calendar()} />
        <section aria-labelledby="calendrier" class="back-office-territory__panel">
          <h2 id="calendrier">{c.formTitle(bodyLabel(t, view.siren, body))}</h2>
          {!body.sla && <p>{c.defaultUsed}</p>}
          <Form action={bodyPaths.calendar()} errors={options.errors}>
            <Hidden name="organisme" value={body.id} />
            <Hidden name="version" value={values.version ?? '0'} />
            <fieldset class="fieldset">
              <legend class="field__label">{c.hoursLegend}</legend>
              <p class="field__hint">{c.hoursHint}</p>
              {WEEKDAYS_OF_FORM.map((day) => (
                <TextField
                  key={day}
                  name={day}
                  label={c.days[day]}
                  value={values[day]}
                  error={e[day]}
                  width="medium"
                  optional
                />
              ))}
            </fieldset>
            <Select
              name="publicHolidays"
              label={c.publicHolidays}
              value={values.publicHolidays}
              error={e.publicHolidays}
              choices={['france', 'alsace-moselle', 'none'].map((v) => ({ value: v, label: c.holidays[v] ?? v }))}
            />
            <TextArea
              name="closures"
              label={c.closures}
              hint={c.closuresHint}
              value={values.closures}
              error={e.closures}
              rows={4}
              optional
            />
            <TextArea
              name="escalationEmails"
              label={c.escalation}
              hint={c.escalationHint}
              value={values.escalationEmails}
              error={e.escalationEmails}
              rows={3}
              optional
            />
            <SubmitButton>{c.save}</SubmitButton>
          </Form>
        </section>
      </>
    ),
  });
};
