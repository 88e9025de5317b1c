/**
 * The back office's consultation pages: the territory's consultations (a table, by pages), the
 * form of a new one (scope, a GeoJSON area, dated phases in Paris time, eligibility, a budget),
 * and one consultation for its agents — its facts, its timeline, the phase move with a reason,
 * its budget's projects (from a proposal or entered directly) and the publication of its results.
 * Acts are shown only to the agents who may manage the consultation (as the API checks).
 */
import type { Phase } from '../../participation/participation';
import type { AgentConsultationView, AreaMapView, ConsultationRow } from '../back-office-participation-app';
import type { ConsultationNotice } from '../back-office-participation-pages-routes';
import { backOfficePaths, withQuery } from '../back-office-paths';
import { backOfficePage } from '../components/back-office-frame';
import { DataTable } from '../components/data-table';
import {
  Checkbox,
  Choices,
  fieldId,
  Form,
  Select,
  SubmitButton,
  TextArea,
  TextField,
  type Choice,
} from '../components/forms';
import { DateText, Fact, NextPageLink, Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { euros } from '../i18n/fr-participation';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { PhaseTag, Timeline } from './consultation-parts';

// ——— the list ———

export const consultationsAdminPage = (
  t: Messages,
  view: { readonly rows: readonly ConsultationRow[]; readonly cursor?: string },
): PageContent => {
  const l = t.backOfficeParticipation.consultations;
  return backOfficePage({
    title: l.title,
    body: (
      <>
        <h1>{l.title}</h1>
        <p>{l.intro}</p>
        <p>
          <a class="button button--primary" href={backOfficePaths.newConsultation}>
            {l.create}
          </a>
        </p>
        {view.rows.length === 0 ? (
          <p>{l.none}</p>
        ) : (
          <DataTable id="tableau-consultations" caption={l.caption}>
            <thead>
              <tr>
                <th scope="col">{l.columns.title}</th>
                <th scope="col">{l.columns.scope}</th>
                <th scope="col">{l.columns.phase}</th>
                <th scope="col">{l.columns.budget}</th>
                <th scope="col">{l.columns.public}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map(({ consultation: c, scopeName }) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={backOfficePaths.consultation(c.id)}>{c.title}</a>
                  </th>
                  <td>{scopeName}</td>
                  <td>
                    <PhaseTag phase={c.phase} />
                  </td>
                  <td>{c.budget ? euros(c.budget.amount) : '—'}</td>
                  <td>
                    <a href={portalPaths.consultation(c.id)} aria-label={l.publicLink(c.title)}>
                      {l.columns.public}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <NextPageLink
          href={view.cursor ? withQuery(backOfficePaths.consultations, { suite: view.cursor }) : undefined}
          label={l.next}
        />
      </>
    ),
  });
};

// ——— a new consultation ———

/**
 * The area drawn on a map (web/scripts/area-map.ts): each click adds a vertex and the GeoJSON
 * field is rewritten, so the form posts the same field with or without the map. Shown only with
 * the script (.map-figure); the field stays usable by keyboard and without JavaScript.
 */
const AreaMap = ({ map }: { readonly map: AreaMapView }) => {
  const { t, tiles } = usePage();
  const m = t.backOfficeParticipation.areaMap;
  const settings = {
    field: fieldId('area'),
    communes: map.communes.map((insee) => `/territories/${map.siren}/communes/${insee}`),
    bbox: map.bbox,
    tiles,
    labels: { ...t.map, points: m.points, polygon: m.polygon, cleared: m.cleared },
  };
  return (
    <figure class="map-figure area-map" data-area-map={JSON.stringify(settings)}>
      <p class="field__hint">{m.hint}</p>
      <div class="map area-map__map" role="region" aria-label={m.label} />
      <p class="area-map__status" role="status" data-area-status />
      <p class="area-map__actions">
        <button type="button" class="button button--secondary" data-area-undo>
          {m.undo}
        </button>{' '}
        <button type="button" class="button button--secondary" data-area-clear>
          {m.clear}
        </button>
      </p>
      <figcaption class="map-figure__caption">
        {m.label} — <a href={`#${fieldId('area')}`}>{m.withoutMap}</a>
      </figcaption>
    </figure>
  );
};

/** Who may take part (the same fields on the new and the edit forms). */
const Eligibility = ({
  values: v,
  errors: e,
}: {
  readonly values: FormValues;
  readonly errors: FormErrors['fields'];
}) => {
  const { t } = usePage();
  const f = t.backOfficeParticipation.form;
  return (
    <fieldset class="fieldset">
      <legend class="field__label">{f.eligibility}</legend>
      <Choices
        name="residents"
        legend={f.fields.residents}
        values={[v.residents ?? 'anyone']}
        choices={[
          { value: 'anyone', label: f.residents.anyone },
          { value: 'scope', label: f.residents.scope },
        ]}
        error={e.residents}
      />
      <Checkbox
        name="acceptDeclaredResidence"
        label={f.acceptDeclaredResidence}
        checked={v.acceptDeclaredResidence === 'oui'}
      />
      <TextField
        name="minimumAge"
        label={f.fields.minimumAge}
        hint={f.hints.minimumAge}
        value={v.minimumAge}
        error={e.minimumAge}
        inputmode="numeric"
        width="short"
        optional
      />
    </fieldset>
  );
};

export type FormValues = Readonly<Record<string, string | undefined>>;

export const newConsultationPage = (
  t: Messages,
  props: {
    readonly scopes: readonly Choice[];
    readonly values: FormValues;
    readonly errors?: FormErrors;
    /** The map to draw the area on (with JavaScript). */
    readonly map?: AreaMapView;
  },
): PageContent => {
  const f = t.backOfficeParticipation.form;
  const { values: v, errors } = props;
  const e = errors?.fields ?? {};
  return backOfficePage({
    title: f.title,
    hasErrors: errors !== undefined,
    ...(props.map ? { stylesheets: ['map.css'] } : {}),
    body: (
      <>
        <h1>{f.title}</h1>
        <Form action={backOfficePaths.newConsultation} errors={errors} once>
          <TextField name="title" label={f.fields.title} value={v.title} error={e.title} maxLength={200} />
          <TextArea name="body" label={f.fields.body} value={v.body} error={e.body} rows={6} />
          <Select
            name="scope"
            label={f.fields.scope}
            value={v.scope ?? (props.scopes.length === 1 ? props.scopes[0]!.value : undefined)}
            choices={props.scopes}
            error={e.scope}
          />
          <TextArea
            name="area"
            label={f.fields.area}
            hint={f.hints.area}
            value={v.area}
            error={e.area}
            rows={4}
            optional
          />
          {props.map && <AreaMap map={props.map} />}
          <fieldset class="fieldset">
            <legend class="field__label">{f.schedule}</legend>
            <p class="field__hint">{f.hints.dates}</p>
            {(['information', 'proposals', 'voting', 'closed', 'results'] as const).map((phase) => (
              <TextField
                key={phase}
                type="datetime-local"
                name={phase}
                label={f.fields[phase]}
                value={v[phase]}
                error={e[phase]}
                width="medium"
                optional
              />
            ))}
          </fieldset>
          <Eligibility values={v} errors={e} />
          <fieldset class="fieldset">
            <legend class="field__label">{f.budget}</legend>
            <p class="field__hint">{f.hints.budget}</p>
            <TextField
              name="budgetAmount"
              label={f.fields.budgetAmount}
              value={v.budgetAmount}
              error={e.budgetAmount}
              inputmode="numeric"
              width="medium"
              optional
            />
            <Select
              name="budgetMethod"
              label={f.fields.budgetMethod}
              value={v.budgetMethod}
              choices={[
                { value: 'knapsack', label: f.methods.knapsack },
                { value: 'approval', label: f.methods.approval },
              ]}
              error={e.budgetMethod}
              optional
            />
            <TextField
              name="minSelections"
              label={f.fields.minSelections}
              value={v.minSelections}
              error={e.minSelections}
              inputmode="numeric"
              width="short"
              optional
            />
            <TextField
              name="maxSelections"
              label={f.fields.maxSelections}
              value={v.maxSelections}
              error={e.maxSelections}
              inputmode="numeric"
              width="short"
              optional
            />
          </fieldset>
          <SubmitButton>{f.submit}</SubmitButton>
        </Form>
        <p>
          <a href={backOfficePaths.consultations}>{f.cancel}</a>
        </p>
      </>
    ),
  });
};

// ——— one consultation ———

export interface ConsultationAdminProps {
  readonly view: AgentConsultationView;
  readonly notice?: ConsultationNotice;
  /** A refused form: which one, its values and errors. */
  readonly refused?: {
    readonly form: 'modifier' | 'etape' | 'projet';
    readonly values: FormValues;
    readonly errors: FormErrors;
  };
  /** The values the edit form shows (the consultation's, or what was sent when refused). */
  readonly editValues: FormValues;
  /** Someone changed it meanwhile: the form shows it as it is now. */
  readonly stale?: boolean;
}

const NOTICE_TEXT = (t: Messages): Record<ConsultationNotice, string> => {
  const c = t.backOfficeParticipation.consultation;
  return {
    creee: c.created,
    modifiee: c.edited,
    etape: c.moved,
    projet: c.projectAdded,
    'projet-retire': c.projectRemoved,
  };
};

const EditConsultation = ({ view, refused, editValues: v }: ConsultationAdminProps) => {
  const { t } = usePage();
  const c = t.backOfficeParticipation.consultation;
  const f = t.backOfficeParticipation.form;
  const k = view.consultation;
  const errors = refused?.form === 'modifier' ? refused.errors : undefined;
  const e = errors?.fields ?? {};
  const before = k.phase === 'information';
  const later = (['proposals', 'voting', 'closed', 'results'] as const).filter(
    (p) => view.nextPhases.includes(p) && (p !== 'voting' || k.budget !== undefined),
  );
  return (
    <section aria-labelledby="modifier">
      <h2 id="modifier">{c.editTitle}</h2>
      <p>{c.editHint}</p>
      <Form action={backOfficePaths.consultation(k.id)} errors={errors} label={c.editTitle}>
        <input type="hidden" name="acte" value="modifier" />
        <input type="hidden" name="version" value={v.version} />
        <TextField name="title" label={f.fields.title} value={v.title} error={e.title} maxLength={200} />
        <TextArea name="body" label={f.fields.body} value={v.body} error={e.body} rows={6} />
        {later.length > 0 && (
          <fieldset class="fieldset">
            <legend class="field__label">{f.schedule}</legend>
            <p class="field__hint">{f.hints.dates}</p>
            {later.map((phase) => (
              <TextField
                key={phase}
                type="datetime-local"
                name={phase}
                label={f.fields[phase]}
                value={v[phase]}
                error={e[phase]}
                width="medium"
                optional
              />
            ))}
          </fieldset>
        )}
        {before && (
          <>
            <Eligibility values={v} errors={e} />
            <TextArea
              name="area"
              label={f.fields.area}
              hint={`${f.hints.area} ${c.areaKeep}`}
              value={v.area}
              error={e.area}
              rows={4}
              optional
            />
            <AreaMap map={view.areaMap} />
            {view.hasArea && <Checkbox name="removeArea" label={c.removeArea} />}
          </>
        )}
        <SubmitButton>{c.edit}</SubmitButton>
      </Form>
    </section>
  );
};

const PhaseMove = ({ view, refused }: ConsultationAdminProps) => {
  const { t } = usePage();
  const c = t.backOfficeParticipation.consultation;
  const id = view.consultation.id;
  const mine = refused?.form === 'etape' ? refused : undefined;
  if (view.nextPhases.length === 0) return <p>{c.noMove}</p>;
  return (
    <section aria-labelledby="changer-etape">
      <h2 id="changer-etape">{c.moveTitle}</h2>
      <p>{c.moveHint}</p>
      <Form action={backOfficePaths.consultation(id)} errors={mine?.errors} label={c.moveTitle}>
        <input type="hidden" name="acte" value="etape" />
        <Select
          name="phase"
          label={c.movePhase}
          value={mine?.values.phase ?? view.nextPhases[0]}
          choices={view.nextPhases.map((p: Phase) => ({ value: p, label: t.phase[p] ?? p }))}
          error={mine?.errors.fields.phase}
        />
        <TextArea
          name="reason"
          label={c.moveReason}
          value={mine?.values.reason}
          error={mine?.errors.fields.reason}
          rows={2}
          maxLength={500}
        />
        <SubmitButton>{c.move}</SubmitButton>
      </Form>
    </section>
  );
};

const Projects = ({ view, refused }: ConsultationAdminProps) => {
  const { t } = usePage();
  const c = t.backOfficeParticipation.consultation;
  const id = view.consultation.id;
  const mine = refused?.form === 'projet' ? refused : undefined;
  const canEdit = view.manageable && view.projectsOpen;
  return (
    <section aria-labelledby="projets">
      <h2 id="projets">{c.projectsTitle}</h2>
      {view.projects.length === 0 ? (
        <p>{c.noProjects}</p>
      ) : (
        <DataTable id="tableau-projets" caption={c.projectsCaption}>
          <thead>
            <tr>
              <th scope="col">{c.projectColumns.title}</th>
              <th scope="col">{c.projectColumns.cost}</th>
              <th scope="col">{c.projectColumns.origin}</th>
              {canEdit && <th scope="col">{c.projectColumns.act}</th>}
            </tr>
          </thead>
          <tbody>
            {view.projects.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.title}</th>
                <td>{euros(p.cost)}</td>
                <td>{p.proposalId ? c.fromProposal : c.direct}</td>
                {canEdit && (
                  <td>
                    <Form action={backOfficePaths.consultation(id)} label={c.remove(p.title)}>
                      <input type="hidden" name="acte" value="retirer-projet" />
                      <input type="hidden" name="projectId" value={p.id} />
                      <button type="submit" class="button button--secondary" aria-label={c.remove(p.title)}>
                        {c.projectColumns.act}
                      </button>
                    </Form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {!view.projectsOpen && <p>{c.projectsLocked}</p>}
      {canEdit && (
        <>
          <h3>{c.addTitle}</h3>
          <p>{c.addHint}</p>
          <Form action={backOfficePaths.consultation(id)} errors={mine?.errors} label={c.addTitle} once>
            <input type="hidden" name="acte" value="projet" />
            {view.proposals.length > 0 && (
              <Select
                name="proposalId"
                label={c.proposal}
                value={mine?.values.proposalId}
                choices={view.proposals.map((p) => ({ value: p.id, label: p.title }))}
                error={mine?.errors.fields.proposalId}
                optional
              />
            )}
            <TextField
              name="projectTitle"
              label={c.projectTitle}
              value={mine?.values.projectTitle}
              error={mine?.errors.fields.projectTitle}
              maxLength={150}
              optional
            />
            <TextArea
              name="projectDescription"
              label={c.projectDescription}
              value={mine?.values.projectDescription}
              error={mine?.errors.fields.projectDescription}
              rows={3}
              optional
            />
            <TextField
              name="cost"
              label={c.cost}
              value={mine?.values.cost}
              error={mine?.errors.fields.cost}
              inputmode="numeric"
              width="medium"
            />
            <SubmitButton>{c.add}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
};

const Results = ({ view }: ConsultationAdminProps) => {
  const { t } = usePage();
  const c = t.backOfficeParticipation.consultation;
  const k = view.consultation;
  if (k.phase !== 'closed' && k.phase !== 'results') return null;
  return (
    <section aria-labelledby="resultats">
      <h2 id="resultats">{c.resultsTitle}</h2>
      <p>{k.phase === 'results' ? c.resultsPublished : k.resultsComputedAt ? c.resultsReady : c.resultsWaiting}</p>
      {k.phase === 'results' && (
        <p>
          <a href={portalPaths.results(k.id)}>{c.resultsLink}</a>
        </p>
      )}
    </section>
  );
};

export const consultationAdminPage = (t: Messages, props: ConsultationAdminProps): PageContent => {
  const c = t.backOfficeParticipation.consultation;
  const f = t.backOfficeParticipation.form;
  const { view, notice } = props;
  const k = view.consultation;
  return backOfficePage({
    title: k.title,
    hasErrors: props.refused !== undefined,
    // The edit form draws the area on a map before proposals open.
    ...(view.manageable && k.phase === 'information' ? { stylesheets: ['map.css'] } : {}),
    body: (
      <>
        <p>
          <a href={backOfficePaths.consultations}>{c.back}</a>
        </p>
        <h1>{k.title}</h1>
        {notice && (
          <Notice kind="success">
            <p>{NOTICE_TEXT(t)[notice]}</p>
          </Notice>
        )}
        {props.stale && (
          <Notice kind="warning" announce>
            <p>{c.stale}</p>
          </Notice>
        )}
        {!view.manageable && (
          <Notice>
            <p>{c.readOnly}</p>
          </Notice>
        )}
        <h2>{c.facts}</h2>
        <dl class="facts">
          <Fact label={c.scope}>{view.scopeName}</Fact>
          <Fact label={c.phase}>
            <PhaseTag phase={k.phase} /> {c.since} <DateText iso={k.phaseSince} withTime />
          </Fact>
          <Fact label={c.eligibility}>
            {f.residents[k.eligibility.residents]}
            {k.eligibility.minimumAge !== undefined && `, ${c.minimumAge(k.eligibility.minimumAge)}`}
          </Fact>
          {k.budget && (
            <Fact label={c.budget}>
              {euros(k.budget.amount)} — {f.methods[k.budget.method]}
            </Fact>
          )}
          <Fact label={c.contributions}>
            {c.counts(view.counts.proposals, view.counts.comments, view.counts.ballots)}
          </Fact>
          {view.hasArea && <Fact label={c.area}>{c.areaSet}</Fact>}
        </dl>
        <ul class="link-list">
          <li>
            <a href={portalPaths.consultation(k.id)}>{c.publicPage}</a>
          </li>
          {view.manageable && (
            <li>
              <a href={withQuery(backOfficePaths.moderation, { consultation: k.id })}>{c.moderationLink}</a>
            </li>
          )}
        </ul>
        <h2>{c.timeline}</h2>
        <Timeline steps={view.timeline} />
        {view.manageable && <PhaseMove {...props} />}
        {view.manageable && k.phase !== 'closed' && k.phase !== 'results' && <EditConsultation {...props} />}
        <Results {...props} />
        {k.budget && <Projects {...props} />}
      </>
    ),
  });
};

/** The form's values as sent, for showing a refused form again. */
export const sentValues = (body: Readonly<Record<string, unknown>>): FormValues =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
