/**
 * A report for its agents: status and time left, facts (who handles it, channel), description,
 * photos, the citizen's contact, the whole history (public and internal notes), the open reports
 * of its category nearby, then the acts the workflow allows — each a small form carrying the
 * version read. A refused act comes back with its error next to its field; a stale one (someone
 * acted meanwhile) says so above the report as it is now.
 */
import { backOfficePage } from '../components/back-office-frame';
import { Form, Select, SubmitButton, TextArea, TextField } from '../components/forms';
import { DateText, Fact, Notice, StatusTag } from '../components/ui';
import { backOfficePaths as paths } from '../back-office-paths';
import type { Act, ActNotice, ReportDetailView } from '../back-office-reports-app';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { SlaTag } from './back-office-reports-inbox-page';
import { PhotoList } from './report-page';

export interface ReportPageState {
  /** What the last act did (after its 303). */
  readonly notice?: ActNotice;
  /** The report was filed just now, for a citizen. */
  readonly filed?: boolean;
  /** A refused act, its errors and the values typed. */
  readonly refused?: {
    readonly act: Act;
    readonly errors: FormErrors;
    readonly values: Readonly<Record<string, string>>;
  };
  /** Someone acted meanwhile: nothing was written, the page shows the state now. */
  readonly stale?: boolean;
}

const Facts = ({ view }: { readonly view: ReportDetailView }) => {
  const { t } = usePage();
  const r = t.backOfficeReports.report;
  const report = view.report;
  return (
    <dl class="facts">
      <Fact label={r.category}>{view.categoryName}</Fact>
      <Fact label={r.commune}>{view.communeName}</Fact>
      {report.address && <Fact label={r.address}>{report.address}</Fact>}
      <Fact label={r.location}>
        {report.location.lat.toLocaleString('fr-FR', { maximumFractionDigits: 5 })},{' '}
        {report.location.lon.toLocaleString('fr-FR', { maximumFractionDigits: 5 })}
      </Fact>
      <Fact label={r.handledBy}>{view.handledBy}</Fact>
      <Fact label={r.filed}>
        <DateText iso={report.createdAt} withTime />
      </Fact>
      <Fact label={r.channel}>
        {r.channels[report.channel] ?? report.channel}
        {report.filedBy ? ` — ${r.filedByAgent}` : ''}
      </Fact>
      {report.dueAt && (
        <Fact label={r.dueAt}>
          <DateText iso={report.dueAt} withTime />
        </Fact>
      )}
      <Fact label={r.timeLeft}>
        <SlaTag sla={view.sla} />
      </Fact>
      <Fact label={r.supports}>{report.supportCount.toLocaleString('fr-FR')}</Fact>
    </dl>
  );
};

const Contact = ({ view }: { readonly view: ReportDetailView }) => {
  const { t } = usePage();
  const r = t.backOfficeReports.report;
  const c = view.contact;
  const name = [c?.firstName, c?.lastName].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="contact-titre" class="section">
      <h2 id="contact-titre">{r.contact}</h2>
      {!c || (!name && !c.email && !c.phone) ? (
        <p>{r.noContact}</p>
      ) : (
        <dl class="facts">
          {name && <Fact label={r.contactName}>{name}</Fact>}
          {c.email && (
            <Fact label={r.contactEmail}>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </Fact>
          )}
          {c.phone && (
            <Fact label={r.contactPhone}>
              <a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</a>
            </Fact>
          )}
        </dl>
      )}
    </section>
  );
};

const History = ({ view }: { readonly view: ReportDetailView }) => {
  const { t } = usePage();
  const r = t.backOfficeReports.report;
  const word = (status: string) => t.reportStatus[status] ?? status;
  const category = (code: string) => view.categoryNames.get(code) ?? code;
  return (
    <section class="section" aria-labelledby="historique">
      <h2 id="historique">{r.history}</h2>
      <ol class="timeline">
        {view.history.map((entry, i) => (
          <li class="timeline__entry" key={`${entry.at}-${i}`}>
            <p class="timeline__when">
              <DateText iso={entry.at} withTime />
              {entry.actor && ` — ${r.by(t.roles[entry.actor.role] ?? entry.actor.role)}`}
            </p>
            <p class="timeline__what">
              {entry.from === null
                ? r.historyFiled
                : entry.rerouted
                  ? r.historyRerouted(category(entry.rerouted.fromCategory), category(entry.rerouted.toCategory))
                  : entry.from === entry.to
                    ? r.historyNote
                    : r.historyChange(word(entry.from), word(entry.to))}
              {entry.duplicateOf && ` — ${r.historyDuplicate(entry.duplicateOf)}`}
            </p>
            {entry.publicNote && (
              <p class="timeline__note">
                <strong>{r.historyPublic} : </strong>
                {entry.publicNote}
              </p>
            )}
            {entry.internalNote && (
              <p class="timeline__note timeline__note--internal">
                <strong>{r.historyInternal} : </strong>
                {entry.internalNote}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
};

const Nearby = ({ view }: { readonly view: ReportDetailView }) => {
  const { t } = usePage();
  const r = t.backOfficeReports.report;
  return (
    <section class="section" aria-labelledby="proches-titre">
      <h2 id="proches-titre">{r.nearby}</h2>
      {view.nearby.length === 0 ? (
        <p>{r.nearbyNone}</p>
      ) : (
        <ul class="nearby-list">
          {view.nearby.map((n) => (
            <li key={n.id}>
              <a href={paths.report(n.id)}>
                {n.categoryName} n° {n.id}
              </a>{' '}
              — {n.where}, {r.nearbyDistance(n.distanceMetres)}{' '}
              <StatusTag status={n.status} label={t.reportStatus[n.status] ?? n.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

/** One act's form: its title, the act and version read, its fields, its button. */
const ActForm = ({
  view,
  act,
  title,
  state,
  children,
  submit,
}: {
  readonly view: ReportDetailView;
  readonly act: Act;
  readonly title: string;
  readonly state: ReportPageState;
  readonly children?: preact.ComponentChildren;
  readonly submit: string;
}) => {
  const id = `acte-${act}`;
  const errors = state.refused?.act === act ? state.refused.errors : undefined;
  return (
    <section class="act" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`}>{title}</h3>
      <Form action={paths.report(view.report.id)} errors={errors} label={title}>
        <input type="hidden" name="acte" value={act} />
        <input type="hidden" name="version" value={String(view.report.version)} />
        {children}
        <SubmitButton variant={act === 'note' || act === 'rejeter' ? 'secondary' : 'primary'}>{submit}</SubmitButton>
      </Form>
    </section>
  );
};

const Acts = ({ view, state }: { readonly view: ReportDetailView; readonly state: ReportPageState }) => {
  const { t } = usePage();
  const r = t.backOfficeReports.report;
  const refused = state.refused;
  const error = (field: string) => (refused ? refused.errors.fields[field] : undefined);
  const value = (field: string) => refused?.values[field];
  const internalNote = (name: string) => (
    <TextArea
      name={name}
      label={r.internalNote}
      hint={r.noteHint}
      optional
      rows={2}
      maxLength={5000}
      value={value(name)}
      error={error(name)}
    />
  );
  const has = (act: Act) => view.acts.includes(act);
  return (
    <section class="section acts" aria-labelledby="actes-titre">
      <h2 id="actes-titre">{r.acts}</h2>
      {view.acts.length === 1 && <p>{r.noActs}</p>}
      {has('prendre-en-compte') && (
        <ActForm view={view} act="prendre-en-compte" title={r.acknowledge} submit={r.acknowledge} state={state} />
      )}
      {has('commencer') && <ActForm view={view} act="commencer" title={r.start} submit={r.start} state={state} />}
      {has('resoudre') && (
        <ActForm view={view} act="resoudre" title={r.resolve} submit={r.resolve} state={state}>
          <TextArea
            name="resoudre-note"
            label={r.resolveNote}
            hint={r.resolveHint}
            rows={3}
            maxLength={2000}
            value={value('resoudre-note')}
            error={error('resoudre-note')}
          />
          {internalNote('resoudre-interne')}
        </ActForm>
      )}
      {has('rejeter') && (
        <ActForm view={view} act="rejeter" title={r.reject} submit={r.reject} state={state}>
          <TextArea
            name="rejeter-motif"
            label={r.rejectReason}
            hint={r.rejectHint}
            rows={3}
            maxLength={2000}
            value={value('rejeter-motif')}
            error={error('rejeter-motif')}
          />
          {internalNote('rejeter-interne')}
        </ActForm>
      )}
      {has('doublon') && (
        <ActForm view={view} act="doublon" title={r.duplicate} submit={r.duplicate} state={state}>
          {view.nearby.length > 0 ? (
            <Select
              name="doublon-de"
              label={r.duplicateChoice}
              hint={r.duplicateHint}
              value={value('doublon-de')}
              error={error('doublon-de')}
              choices={view.nearby.map((n) => ({
                value: n.id,
                label: r.duplicateOption(n.categoryName, n.where, r.nearbyDistance(n.distanceMetres), n.id),
              }))}
            />
          ) : (
            <TextField
              name="doublon-de"
              label={r.duplicateReference}
              hint={r.duplicateReferenceHint}
              maxLength={26}
              width="medium"
              value={value('doublon-de')}
              error={error('doublon-de')}
            />
          )}
          {internalNote('doublon-interne')}
        </ActForm>
      )}
      {has('categorie') && (
        <ActForm view={view} act="categorie" title={r.changeCategory} submit={r.categorySubmit} state={state}>
          <Select
            name="nouvelle-categorie"
            label={r.newCategory}
            hint={r.categoryHint}
            value={value('nouvelle-categorie')}
            error={error('nouvelle-categorie')}
            choices={view.categories.map((c) => ({ value: c.code, label: r.categoryOption(c.name, c.destination) }))}
          />
          {internalNote('categorie-interne')}
        </ActForm>
      )}
      {has('note') && (
        <ActForm view={view} act="note" title={r.addNote} submit={r.noteSubmit} state={state}>
          <TextArea
            name="note-interne"
            label={r.note}
            hint={r.noteHint}
            rows={3}
            maxLength={5000}
            value={value('note-interne')}
            error={error('note-interne')}
          />
        </ActForm>
      )}
    </section>
  );
};

const ReportDetail = ({ view, state }: { readonly view: ReportDetailView; readonly state: ReportPageState }) => {
  const { t } = usePage();
  const r = t.backOfficeReports.report;
  const report = view.report;
  return (
    <>
      {state.stale && (
        <Notice kind="warning" announce>
          <p>{r.stale}</p>
        </Notice>
      )}
      {state.notice && (
        <Notice kind="success">
          <p>
            {r.notices[state.notice]}
            {state.notice === 'categorie' && ` ${r.rerouted(view.handledBy)}`}
          </p>
        </Notice>
      )}
      {state.filed && (
        <Notice kind="success">
          <p>{t.backOfficeReports.file.filed(report.id)}</p>
        </Notice>
      )}
      <p>
        <a href={paths.inbox}>{r.back}</a>
      </p>
      <h1>{r.title(view.categoryName)}</h1>
      <p class="muted report-reference">{r.reference(report.id)}</p>
      <p class="report-status">
        <span>{r.status} : </span>
        <StatusTag status={report.status} label={t.reportStatus[report.status] ?? report.status} />{' '}
        <SlaTag sla={view.sla} />
      </p>
      {report.duplicateOf && (
        <p>
          {r.duplicateOf} <a href={paths.report(report.duplicateOf)}>n° {report.duplicateOf}</a>
        </p>
      )}
      {!view.manages && (
        <Notice>
          <p>{r.readOnly(view.handledBy)}</p>
        </Notice>
      )}
      <div class="report-layout">
        <div class="report-layout__main">
          <Facts view={view} />
          <section aria-labelledby="description">
            <h2 id="description">{r.description}</h2>
            <p class="report-description">{report.description}</p>
          </section>
          <section aria-labelledby="photos">
            <h2 id="photos">{r.photos}</h2>
            {view.photoUrls.length === 0 ? <p>{r.noPhoto}</p> : <PhotoList urls={view.photoUrls} />}
          </section>
          <Contact view={view} />
          <p>
            <a href={portalPaths.report(report.id)}>{r.publicPage}</a>
          </p>
          <History view={view} />
        </div>
        <div class="report-layout__side">
          {view.manages && <Acts view={view} state={state} />}
          <Nearby view={view} />
        </div>
      </div>
    </>
  );
};

export const backOfficeReportPage = (t: Messages, view: ReportDetailView, state: ReportPageState = {}): PageContent =>
  backOfficePage({
    title: t.backOfficeReports.report.title(view.categoryName),
    body: <ReportDetail view={view} state={state} />,
    hasErrors: state.refused !== undefined,
  });
