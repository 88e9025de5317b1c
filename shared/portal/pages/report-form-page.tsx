/**
 * Reporting a problem, in two steps that work without JavaScript: the category (a GET form), then
 * the form — the category's questions by datatype, the place (a click on the map of the communes,
 * or a commune, an address and optional coordinates), a description, photos (presigned upload by
 * the enhancement script; without it the page says photos need JavaScript), the e-mail address of
 * an anonymous reporter. Before filing, the open reports of the same category nearby are offered
 * ("moi aussi"), with the form's values carried in hidden fields to send it anyway or edit it.
 */
import type { ComponentChildren } from 'preact';
import { Choices, Form, Select, SubmitButton, TextArea, TextField, fieldId } from '../components/forms';
import { ReportCard } from '../components/report-card';
import { MapFigure, Notice } from '../components/ui';
import type { FormErrors } from '../form-errors';
import type { Messages } from '../i18n';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import type { PageContent } from '../render';
import { answerField, valueOf, valuesOf } from '../report-form';
import { MAX_DESCRIPTION_CHARS, MAX_PHOTOS } from '../../reports/report';
import type { CategoryQuestion } from '../../territory/territory';
import type { CategoryChoice, NearbyReportView, ReportFormView } from '../reports-pages-app';

const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/** Step 1, the category, as the citizen's and the back office's forms ask it: a GET form to `action`. */
export const CategoryStep = ({
  view,
  title,
  intro,
  action,
  hint,
}: {
  readonly view: ReportFormView;
  readonly title: string;
  readonly intro: string;
  readonly action: string;
  readonly hint?: string;
}) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  const errors: FormErrors = view.unknownCategory
    ? { fields: { categorie: f.unknownCategory }, general: [] }
    : NO_ERRORS;
  return (
    <>
      <h1>{title}</h1>
      <p class="lead">{intro}</p>
      <p class="step-indicator">{f.step(1, 2)}</p>
      {view.categories.length === 0 ? (
        <Notice>
          <p>{f.noCategories}</p>
        </Notice>
      ) : (
        <Form action={action} method="get" errors={errors} class="report-form">
          <Choices
            name="categorie"
            legend={f.categoryLegend}
            hint={hint}
            error={errors.fields.categorie}
            choices={view.categories.map((c) => ({ value: c.code, label: c.name }))}
            values={view.category ? [view.category.code] : []}
          />
          <SubmitButton>{f.continue}</SubmitButton>
        </Form>
      )}
    </>
  );
};

/** One question of the category, its field chosen by its datatype. */
const Question = ({
  question: q,
  values,
  error,
}: {
  readonly question: CategoryQuestion;
  readonly values: ReportFormView['values'];
  readonly error?: string;
}) => {
  const name = answerField(q.code);
  const common = {
    name,
    label: q.label,
    error,
    optional: !q.required,
    ...(q.description ? { hint: q.description } : {}),
  };
  switch (q.datatype) {
    case 'text':
      return <TextArea {...common} rows={4} maxLength={MAX_DESCRIPTION_CHARS} value={valueOf(values, name)} />;
    case 'number':
      return <TextField {...common} inputmode="decimal" width="short" value={valueOf(values, name)} />;
    case 'datetime':
      return <TextField {...common} type="datetime-local" width="medium" value={valueOf(values, name)} />;
    case 'singlevaluelist':
    case 'multivaluelist':
      return (
        <Choices
          name={name}
          legend={q.label}
          hint={q.description}
          error={error}
          optional={!q.required}
          multiple={q.datatype === 'multivaluelist'}
          choices={(q.values ?? []).map((v) => ({ value: v.key, label: v.name }))}
          values={valuesOf(values, name)}
        />
      );
    default:
      return <TextField {...common} maxLength={500} value={valueOf(values, name)} />;
  }
};

const Place = ({ view, errors }: { readonly view: ReportFormView; readonly errors: FormErrors }) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  return (
    <fieldset class="fieldset report-form__place">
      <legend class="report-form__legend">{f.placeLegend}</legend>
      {/* The map is shown only when the script runs (portal.ts sets html.js): each hint says what is there. */}
      <p class="field__hint js-only">{f.placeHint}</p>
      <p class="field__hint no-js-only">{f.placeHintNoMap}</p>
      <MapFigure
        label={f.mapLabel}
        layers={view.communes.map((c) => ({
          kind: 'area' as const,
          url: `/territories/${view.siren}/communes/${c.insee}`,
          path: 'geometry',
        }))}
        bbox={view.bbox}
        pick={{ lat: fieldId('lat'), lon: fieldId('lon') }}
        equivalentId="lieu-sans-carte"
        equivalentLabel={f.withoutMap}
      />
      <p class="report-form__located" data-located aria-live="polite" />
      <div id="lieu-sans-carte" tabindex={-1}>
        <Select
          name="commune"
          label={f.commune}
          hint={f.communeHint}
          optional
          error={errors.fields.commune}
          value={valueOf(view.values, 'commune')}
          choices={view.communes.map((c) => ({ value: c.insee, label: c.name }))}
        />
        <TextField
          name="address"
          label={f.address}
          hint={f.addressHint}
          optional
          maxLength={300}
          autocomplete="street-address"
          error={errors.fields.address}
          value={valueOf(view.values, 'address')}
        />
        <fieldset class="fieldset report-form__coordinates">
          <legend class="field__label">
            {f.coordinatesLegend}
            <span class="field__optional"> {t.forms.optional}</span>
          </legend>
          <p class="field__hint">{f.coordinatesHint}</p>
          <div class="inline-fields report-form__coordinate-fields">
            <TextField
              name="lat"
              label={f.lat}
              optional
              inputmode="decimal"
              width="medium"
              error={errors.fields.lat}
              value={valueOf(view.values, 'lat')}
            />
            <TextField
              name="lon"
              label={f.lon}
              optional
              inputmode="decimal"
              width="medium"
              error={errors.fields.lon}
              value={valueOf(view.values, 'lon')}
            />
          </div>
        </fieldset>
      </div>
    </fieldset>
  );
};

const Photos = ({ view, error }: { readonly view: ReportFormView; readonly error?: string }) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  const attached = valuesOf(view.values, 'photos');
  const settings = { siren: view.siren, max: MAX_PHOTOS, hint: f.photosHint(MAX_PHOTOS), labels: f.photoScript };
  return (
    <fieldset
      class={error ? 'field fieldset photo-upload field--error' : 'field fieldset photo-upload'}
      data-photo-upload={JSON.stringify(settings)}
    >
      <legend class="field__label">{f.photosLegend}</legend>
      {error && (
        <p class="field__error" id={`${fieldId('photos')}-erreur`}>
          <span class="visually-hidden">{t.forms.errorPrefix} </span>
          {error}
        </p>
      )}
      <p class="photo-upload__no-script" data-photo-no-script>
        {f.photosNeedJavaScript}
      </p>
      {attached.length > 0 && <p data-photo-count>{f.photosAttached(attached.length)}</p>}
      {attached.map((key) => (
        <input key={key} type="hidden" name="photos[]" value={key} data-photo-key />
      ))}
    </fieldset>
  );
};

/** The report itself — the category's questions, the place, the description, the photos — as the citizen's and the back office's forms ask it. */
export const ReportFields = ({ view, errors }: { readonly view: ReportFormView; readonly errors: FormErrors }) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  const category = view.category!;
  return (
    <>
      {category.questions.length > 0 && (
        <fieldset class="fieldset">
          <legend class="report-form__legend">{f.questionsLegend}</legend>
          {category.questions.map((q) => (
            <Question key={q.code} question={q} values={view.values} error={errors.fields[answerField(q.code)]} />
          ))}
        </fieldset>
      )}
      <Place view={view} errors={errors} />
      <TextArea
        name="description"
        label={f.description}
        hint={f.descriptionHint}
        rows={6}
        maxLength={MAX_DESCRIPTION_CHARS}
        error={errors.fields.description}
        value={valueOf(view.values, 'description')}
      />
      <Photos view={view} error={errors.fields.photos} />
    </>
  );
};

/**
 * Step 2's frame: its title, the category chosen (a link back to step 1 at `action`), the form that
 * posts to `action` with the category, and the map script's settings; the fields are the children.
 */
export const ReportFormFrame = ({
  view,
  errors,
  title,
  action,
  children,
}: {
  readonly view: ReportFormView;
  readonly errors: FormErrors;
  readonly title: string;
  readonly action: string;
  readonly children: ComponentChildren;
}) => {
  const { t } = usePage();
  const f = t.reportPages.form;
  const category = view.category!;
  const settings = { siren: view.siren, labels: { locatedIn: f.locatedIn, locatedOutside: f.locatedOutside } };
  return (
    <>
      <h1>{title}</h1>
      <p class="step-indicator">{f.step(2, 2)}</p>
      <p>
        {f.chosenCategory} <strong>{category.name}</strong> <a href={action}>{f.changeCategory}</a>
      </p>
      <p class="muted">{f.required}</p>
      <div class="report-form" data-report-form={JSON.stringify(settings)}>
        <Form action={action} errors={errors} once>
          <input type="hidden" name="category" value={category.code} />
          {children}
        </Form>
      </div>
    </>
  );
};

const ReportForm = ({ view, errors }: { readonly view: ReportFormView; readonly errors: FormErrors }) => {
  const { t, visitor } = usePage();
  const f = t.reportPages.form;
  return (
    <ReportFormFrame
      view={view}
      errors={errors}
      title={f.titleWithCategory(view.category!.name)}
      action={portalPaths.reportProblem}
    >
      <ReportFields view={view} errors={errors} />
      {visitor ? (
        <p class="notice notice--info">{f.signedInNote(visitor.label)}</p>
      ) : (
        <TextField
          name="email"
          type="email"
          label={f.email}
          hint={f.emailHint}
          autocomplete="email"
          inputmode="email"
          maxLength={254}
          error={errors.fields.email}
          value={valueOf(view.values, 'email')}
        />
      )}
      <SubmitButton>{f.submit}</SubmitButton>
    </ReportFormFrame>
  );
};

/** Step 1 (the categories), or step 2 (the form), maybe shown again with its errors. */
export const reportFormPage = (t: Messages, view: ReportFormView, errors: FormErrors = NO_ERRORS): PageContent => {
  const hasErrors = Object.keys(errors.fields).length > 0 || errors.general.length > 0;
  if (!view.category) {
    const f = t.reportPages.form;
    const body = (
      <CategoryStep
        view={view}
        title={f.title}
        intro={f.intro}
        action={portalPaths.reportProblem}
        hint={f.categoryHint}
      />
    );
    return { title: f.title, body, hasErrors: view.unknownCategory };
  }
  return {
    title: t.reportPages.form.titleWithCategory(view.category.name),
    body: <ReportForm view={view} errors={errors} />,
    stylesheets: ['map.css'],
    hasErrors,
  };
};

/** The form's values as hidden fields, to send it as it is (or edit it) from the nearby step. */
const CarriedValues = ({ values }: { readonly values: ReportFormView['values'] }) => (
  <>
    {Object.entries(values)
      .filter(([name]) => name !== 'etape')
      .flatMap(([name, value]) =>
        typeof value === 'string'
          ? [<input key={name} type="hidden" name={name} value={value} />]
          : value.map((v, i) => <input key={`${name}-${i}`} type="hidden" name={`${name}[]`} value={v} />),
      )}
  </>
);

const Nearby = ({
  view,
  category,
  nearby,
}: {
  readonly view: ReportFormView;
  readonly category: CategoryChoice;
  readonly nearby: readonly NearbyReportView[];
}) => {
  const { t, visitor, csrfToken } = usePage();
  const n = t.reportPages.nearby;
  return (
    <>
      <h1>{n.title}</h1>
      <p class="lead">{n.intro(nearby.length)}</p>
      {!visitor && (
        <Notice>
          <p>{n.anonymousNote}</p>
        </Notice>
      )}
      <section aria-labelledby="signalements-proches">
        <h2 id="signalements-proches">{n.listLabel}</h2>
        <ul class="card-list">
          {nearby.map((r) => {
            const distance = n.distance(r.distanceMetres);
            return (
              <ReportCard key={r.id} report={r} extra={<span class="tag tag--distance">{distance}</span>}>
                {visitor ? (
                  <form method="post" action={portalPaths.reportSupport(r.id)} class="report-card__action">
                    <input type="hidden" name="_csrf" value={csrfToken(portalPaths.reportSupport(r.id))} />
                    <button type="submit" class="button button--primary">
                      {n.supportButton}
                      <span class="visually-hidden">{n.supportButtonDetail(category.name, distance)}</span>
                    </button>
                  </form>
                ) : (
                  <p class="report-card__action">
                    <a href={portalPaths.signIn(portalPaths.report(r.id))}>
                      {n.signInToSupport}
                      <span class="visually-hidden">{` (${category.name}, ${distance})`}</span>
                    </a>
                  </p>
                )}
              </ReportCard>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="pas-le-meme" class="section">
        <h2 id="pas-le-meme">{n.notTheSame}</h2>
        <Form action={portalPaths.reportProblem} class="report-form__send-anyway" once>
          <CarriedValues values={view.values} />
          <div class="button-row">
            <SubmitButton name="etape" value="envoyer">
              {n.send}
            </SubmitButton>
            <SubmitButton name="etape" value="modifier" variant="secondary">
              {n.edit}
            </SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
};

export const reportNearbyPage = (
  t: Messages,
  view: ReportFormView,
  category: CategoryChoice,
  nearby: readonly NearbyReportView[],
): PageContent => ({
  title: t.reportPages.nearby.title,
  body: <Nearby view={view} category={category} nearby={nearby} />,
});
