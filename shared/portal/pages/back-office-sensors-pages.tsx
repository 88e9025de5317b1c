/**
 * The back office's sensors pages: alerts by state with their acts (acknowledge, close, a note),
 * the alert rules with their editor (admins), the partners with their API keys (admins; a new key
 * is shown once, in the answer to the form that made it). Forms repeated on a page (one per alert,
 * per partner, per key) carry their own field ids.
 */
import type { ComponentChildren } from 'preact';
import { OPERATORS, SEVERITIES, type Alert, type AlertRule, type AlertState } from '../../sensors/alerts';
import { SENSOR_TYPES } from '../../sensors/sensor-catalogue';
import { PARTNER_KINDS } from '../../sensors/sensors';
import type { PartnerWithKeys } from '../back-office-sensors-app';
import type { AlertStateParam } from '../back-office-sensors-pages-routes';
import { backOfficePaths, withQuery } from '../back-office-paths';
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import { ErrorSummary, Form, Select, SubmitButton, TextField } from '../components/forms';
import { DateText, NextPageLink, Notice, StatusTag } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';

export type FormValues = Readonly<Record<string, string | undefined>>;

const STATE_PARAMS: Readonly<Record<AlertState, AlertStateParam>> = {
  open: 'ouvertes',
  acknowledged: 'prises-en-charge',
  closed: 'closes',
};

/** A text field of a form repeated on the page: its id is `id`, not its name. */
const RepeatedField = ({
  id,
  name,
  label,
  error,
  value,
  children,
}: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly error?: string;
  readonly value?: string;
  readonly children?: ComponentChildren;
}) => {
  const { t } = usePage();
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {error && (
        <p class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">{t.forms.errorPrefix} </span>
          {error}
        </p>
      )}
      <input
        class="input input--medium"
        type="text"
        id={id}
        name={name}
        value={value ?? ''}
        aria-describedby={error ? `${id}-erreur` : undefined}
        aria-invalid={error ? 'true' : undefined}
      />
      {children}
    </div>
  );
};

// ——— alerts ———

export interface AlertsPageProps {
  readonly state: AlertState;
  readonly alerts: readonly Alert[];
  readonly cursor?: string;
  readonly notice?: string;
  readonly stale?: boolean;
  readonly errors?: FormErrors;
}

const AlertActs = ({ alert, state }: { readonly alert: Alert; readonly state: AlertState }) => {
  const { t } = usePage();
  const a = t.backOfficeSensors.alerts;
  if (alert.state === 'closed') return null;
  return (
    <Form action={backOfficePaths.sensorAlerts} label={a.actsFor(alert.ruleName, alert.sensorId)}>
      <input type="hidden" name="alertId" value={alert.id} />
      <input type="hidden" name="etat" value={STATE_PARAMS[state]} />
      <RepeatedField id={`note-${alert.id}`} name="note" label={a.note} />
      <p class="button-group">
        {alert.state === 'open' && (
          <SubmitButton name="acte" value="acquitter">
            {a.acknowledge}
          </SubmitButton>
        )}
        <SubmitButton variant="secondary" name="acte" value="clore">
          {a.close}
        </SubmitButton>
      </p>
    </Form>
  );
};

export const sensorAlertsPage = (t: Messages, props: AlertsPageProps): PageContent => {
  const a = t.backOfficeSensors.alerts;
  const stateLabel = a.states[props.state]!;
  return backOfficePage({
    title: `${a.title} — ${stateLabel}`,
    hasErrors: props.errors !== undefined,
    body: (
      <>
        <h1>{a.title}</h1>
        <p>{a.intro}</p>
        <ErrorSummary errors={props.errors} />
        {props.stale && (
          <Notice kind="warning" announce>
            <p>{a.stale}</p>
          </Notice>
        )}
        {props.notice && a.done[props.notice] && (
          <Notice kind="success">
            <p>{a.done[props.notice]}</p>
          </Notice>
        )}
        <nav aria-label={a.stateNav}>
          <ul class="state-tabs">
            {(['open', 'acknowledged', 'closed'] as const).map((s) => (
              <li key={s}>
                <a
                  href={withQuery(backOfficePaths.sensorAlerts, { etat: STATE_PARAMS[s] })}
                  aria-current={s === props.state ? 'page' : undefined}
                >
                  {a.states[s]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {props.alerts.length === 0 ? (
          <p>{a.none}</p>
        ) : (
          <DataTable id="tableau-alertes" caption={a.caption(stateLabel)}>
            <thead>
              <tr>
                <th scope="col">{a.columns.alert}</th>
                <th scope="col">{a.columns.sensor}</th>
                <th scope="col">{a.columns.severity}</th>
                <th scope="col">{a.columns.opened}</th>
                <th scope="col">{a.columns.handled}</th>
                {props.state !== 'closed' && <th scope="col">{a.columns.acts}</th>}
              </tr>
            </thead>
            <tbody>
              {props.alerts.map((alert) => (
                <tr key={alert.id} id={`alerte-${alert.id}`}>
                  <th scope="row">
                    {alert.ruleName}
                    <br />
                    <span class="table__detail">{alert.message}</span>
                  </th>
                  <td>
                    <a href={portalPaths.sensor(alert.sensorId)}>{alert.sensorId}</a>
                  </td>
                  <td>
                    <StatusTag status={`severite-${alert.severity}`} label={a.severities[alert.severity]!} />
                  </td>
                  <td>
                    <DateText iso={alert.openedAt} withTime />
                  </td>
                  <td>
                    {alert.acknowledgedAt && (
                      <p>
                        {a.acknowledgedOn} <DateText iso={alert.acknowledgedAt} withTime />
                      </p>
                    )}
                    {alert.closedAt && (
                      <p>
                        {a.closedOn} <DateText iso={alert.closedAt} withTime />
                        {alert.closedBy === 'system' && ` ${a.bySystem}`}
                      </p>
                    )}
                    {alert.note && <p>« {alert.note} »</p>}
                  </td>
                  {props.state !== 'closed' && (
                    <td>
                      <AlertActs alert={alert} state={props.state} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <NextPageLink
          href={
            props.cursor
              ? withQuery(backOfficePaths.sensorAlerts, { etat: STATE_PARAMS[props.state], suite: props.cursor })
              : undefined
          }
          label={a.next}
        />
      </>
    ),
  });
};

// ——— rules ———

export interface RulesPageProps {
  readonly rules: readonly AlertRule[];
  readonly admin: boolean;
  /** The rule being edited (its id), absent for a new one. */
  readonly editing?: string;
  readonly values: FormValues;
  readonly errors?: FormErrors;
  readonly notice?: 'enregistree' | 'supprimee';
}

const conditionText = (t: Messages, rule: AlertRule) => {
  const r = t.backOfficeSensors.rules;
  if (rule.operator === 'FROZEN') return r.frozen(Math.round((rule.silentForSeconds ?? 0) / 60));
  const property = rule.property ? (t.sensors.properties[rule.property] ?? rule.property) : '';
  const threshold = rule.threshold === undefined ? '' : ` ${String(rule.threshold).replace('.', ',')}`;
  return `${property} ${r.operators[rule.operator] ?? rule.operator}${threshold}`.trim();
};

export const sensorRulesPage = (t: Messages, props: RulesPageProps): PageContent => {
  const r = t.backOfficeSensors.rules;
  const a = t.backOfficeSensors.alerts;
  const v = props.values;
  const e = props.errors?.fields ?? {};
  const editingRule = props.editing ? props.rules.find((rule) => rule.id === props.editing) : undefined;
  const formTitle = editingRule ? r.editTitle(editingRule.name) : r.newTitle;
  // The rule's optional fields differ only by name, hint and width.
  const optionalField = (
    name: 'sensorId' | 'property' | 'threshold' | 'silentMinutes' | 'reportCategory',
    hint: string,
    width: 'medium' | 'short' = 'medium',
    inputmode?: 'numeric',
  ) => (
    <TextField
      name={name}
      label={r.fields[name]}
      hint={hint}
      value={v[name]}
      error={e[name]}
      inputmode={inputmode}
      width={width}
      optional
    />
  );
  return backOfficePage({
    title: r.title,
    hasErrors: props.errors !== undefined,
    body: (
      <>
        <h1>{r.title}</h1>
        <p>{r.intro}</p>
        {props.notice && (
          <Notice kind="success">
            <p>{props.notice === 'enregistree' ? r.saved : r.deleted}</p>
          </Notice>
        )}
        {props.rules.length === 0 ? (
          <p>{r.none}</p>
        ) : (
          <DataTable id="tableau-regles" caption={r.caption}>
            <thead>
              <tr>
                <th scope="col">{r.columns.name}</th>
                <th scope="col">{r.columns.scope}</th>
                <th scope="col">{r.columns.condition}</th>
                <th scope="col">{r.columns.severity}</th>
                {props.admin && <th scope="col">{r.columns.acts}</th>}
              </tr>
            </thead>
            <tbody>
              {props.rules.map((rule) => (
                <tr key={rule.id}>
                  <th scope="row">{rule.name}</th>
                  <td>
                    {'sensorId' in rule.scope
                      ? r.sensorScope(rule.scope.sensorId)
                      : r.typeScope(t.sensors.types[rule.scope.type] ?? rule.scope.type)}
                  </td>
                  <td>{conditionText(t, rule)}</td>
                  <td>{a.severities[rule.severity]}</td>
                  {props.admin && (
                    <td>
                      <p>
                        <a
                          href={withQuery(backOfficePaths.sensorRules, { regle: rule.id })}
                          aria-label={r.edit(rule.name)}
                        >
                          {r.editLabel}
                        </a>
                      </p>
                      <Form action={backOfficePaths.sensorRules} label={r.remove(rule.name)}>
                        <input type="hidden" name="acte" value="supprimer" />
                        <input type="hidden" name="id" value={rule.id} />
                        <button type="submit" class="button button--secondary" aria-label={r.remove(rule.name)}>
                          {r.removeLabel}
                        </button>
                      </Form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {!props.admin ? (
          <p>{r.adminOnly}</p>
        ) : (
          <section aria-labelledby="formulaire-regle">
            <h2 id="formulaire-regle">{formTitle}</h2>
            <Form action={backOfficePaths.sensorRules} errors={props.errors} label={formTitle}>
              <input type="hidden" name="acte" value="enregistrer" />
              {editingRule ? (
                <input type="hidden" name="id" value={editingRule.id} />
              ) : (
                <TextField name="id" label={r.fields.id} hint={r.hints.id} value={v.id} error={e.id} width="medium" />
              )}
              <TextField name="name" label={r.fields.name} value={v.name} error={e.name} maxLength={120} />
              {optionalField('sensorId', r.hints.scope)}
              <Select
                name="type"
                label={r.fields.type}
                value={v.type}
                placeholder={r.anyType}
                choices={SENSOR_TYPES.map((type) => ({ value: type, label: t.sensors.types[type] ?? type }))}
                error={e.type}
                optional
              />
              {optionalField('property', r.hints.property)}
              <Select
                name="operator"
                label={r.fields.operator}
                value={v.operator}
                choices={OPERATORS.map((op) => ({ value: op, label: r.operators[op] ?? op }))}
                error={e.operator}
              />
              {optionalField('threshold', r.hints.threshold)}
              {optionalField('silentMinutes', r.hints.silentMinutes, 'short', 'numeric')}
              <Select
                name="severity"
                label={r.fields.severity}
                value={v.severity ?? 'warning'}
                choices={SEVERITIES.map((s) => ({ value: s, label: a.severities[s] ?? s }))}
                error={e.severity}
              />
              {optionalField('reportCategory', r.hints.reportCategory)}
              <SubmitButton>{r.save}</SubmitButton>
            </Form>
            {editingRule && (
              <p>
                <a href={backOfficePaths.sensorRules}>{r.cancel}</a>
              </p>
            )}
          </section>
        )}
      </>
    ),
  });
};

// ——— partners and keys ———

export interface PartnersPageProps {
  readonly partners: readonly PartnerWithKeys[];
  readonly values: FormValues;
  readonly errors?: FormErrors;
  /** Which form the errors are about: the register form, or a partner's key form. */
  readonly errorsFor?: string;
  readonly notice?: 'inscrit' | 'revoquee';
  /** A key just issued: shown this once. */
  readonly newKey?: { readonly partnerName: string; readonly key: string; readonly rotated: boolean };
}

const PartnerSection = ({ item, props }: { readonly item: PartnerWithKeys; readonly props: PartnersPageProps }) => {
  const { t } = usePage();
  const p = t.backOfficeSensors.partners;
  const { partner, keys } = item;
  const headingId = `partenaire-${partner.id}`;
  const labelError = props.errorsFor === partner.id ? props.errors?.fields.label : undefined;
  return (
    <section aria-labelledby={headingId} class="partner">
      <h3 id={headingId}>
        {partner.name}{' '}
        <span class="table__detail">
          ({partner.id}, {p.kinds[partner.kind]})
        </span>
      </h3>
      {keys.length === 0 ? (
        <p>{p.noKeys}</p>
      ) : (
        <DataTable id={`cles-${partner.id}`} caption={p.keysCaption(partner.name)}>
          <thead>
            <tr>
              <th scope="col">{p.keyColumns.label}</th>
              <th scope="col">{p.keyColumns.hint}</th>
              <th scope="col">{p.keyColumns.created}</th>
              <th scope="col">{p.keyColumns.status}</th>
              <th scope="col">{p.keyColumns.acts}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.keyId}>
                <th scope="row">{key.label}</th>
                <td>
                  <code>…{key.hint}</code>
                </td>
                <td>
                  <DateText iso={key.createdAt} withTime />
                </td>
                <td>{p.statuses[key.status] ?? key.status}</td>
                <td>
                  {key.status === 'active' && (
                    <Form action={backOfficePaths.sensorPartners} label={p.revokeLabel(key.label)}>
                      <input type="hidden" name="partnerId" value={partner.id} />
                      <input type="hidden" name="keyId" value={key.keyId} />
                      <p class="button-group">
                        <button
                          type="submit"
                          class="button button--secondary"
                          name="acte"
                          value="remplacer"
                          aria-label={p.rotateLabel(key.label)}
                        >
                          {p.rotate}
                        </button>
                        <button
                          type="submit"
                          class="button button--secondary"
                          name="acte"
                          value="revoquer"
                          aria-label={p.revokeLabel(key.label)}
                        >
                          {p.revoke}
                        </button>
                      </p>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Form action={backOfficePaths.sensorPartners} label={p.issueFor(partner.name)}>
        <input type="hidden" name="acte" value="cle" />
        <input type="hidden" name="partnerId" value={partner.id} />
        <RepeatedField
          id={`libelle-${partner.id}`}
          name="label"
          label={`${p.fields.label} (${partner.name})`}
          error={labelError}
          value={props.errorsFor === partner.id ? props.values.label : undefined}
        />
        <SubmitButton>{p.issue}</SubmitButton>
      </Form>
    </section>
  );
};

export const sensorPartnersPage = (t: Messages, props: PartnersPageProps): PageContent => {
  const p = t.backOfficeSensors.partners;
  const registering = props.errorsFor === undefined ? props.errors : undefined;
  const e = registering?.fields ?? {};
  const v = props.errorsFor === undefined ? props.values : {};
  return backOfficePage({
    title: p.title,
    hasErrors: props.errors !== undefined,
    body: (
      <>
        <h1>{p.title}</h1>
        <p>{p.intro}</p>
        {props.newKey && (
          <Notice kind="success" title={p.newKeyTitle}>
            <p>{p.newKey(props.newKey.partnerName)}</p>
            <p>
              <code id="nouvelle-cle" class="api-key">
                {props.newKey.key}
              </code>
            </p>
            {props.newKey.rotated && <p>{p.rotateKeep}</p>}
          </Notice>
        )}
        {props.notice && (
          <Notice kind="success">
            <p>{props.notice === 'inscrit' ? p.registered : p.revoked}</p>
          </Notice>
        )}
        {props.errorsFor !== undefined && props.errors && (
          // The key forms' fields have their own ids: the summary says the message without a link.
          <ErrorSummary
            errors={{ fields: {}, general: [...Object.values(props.errors.fields), ...props.errors.general] }}
          />
        )}
        <h2>{p.listTitle}</h2>
        {props.partners.length === 0 ? (
          <p>{p.none}</p>
        ) : (
          props.partners.map((item) => <PartnerSection key={item.partner.id} item={item} props={props} />)
        )}
        <section aria-labelledby="inscrire-partenaire">
          <h2 id="inscrire-partenaire">{p.registerTitle}</h2>
          <Form action={backOfficePaths.sensorPartners} errors={registering} label={p.registerTitle}>
            <input type="hidden" name="acte" value="inscrire" />
            <TextField name="id" label={p.fields.id} hint={p.hints.id} value={v.id} error={e.id} width="medium" />
            <TextField name="name" label={p.fields.name} value={v.name} error={e.name} maxLength={120} />
            <Select
              name="kind"
              label={p.fields.kind}
              value={v.kind}
              choices={PARTNER_KINDS.map((k) => ({ value: k, label: p.kinds[k] ?? k }))}
              error={e.kind}
            />
            <TextField
              name="contactEmail"
              type="email"
              label={p.fields.contactEmail}
              value={v.contactEmail}
              error={e.contactEmail}
              autocomplete="off"
              optional
            />
            <SubmitButton>{p.register}</SubmitButton>
          </Form>
        </section>
      </>
    ),
  });
};
