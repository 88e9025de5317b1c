/**
 * Form building blocks, accessible by construction: every field has a <label>, its hint and its
 * error are tied to it by aria-describedby, an invalid field says so (aria-invalid) with its
 * message next to it, and the error summary on top (role="alert", focused by the enhancement
 * script) links to each field. A POST form carries its anti-forgery token (csrf.ts).
 */
import type { ComponentChildren } from 'preact';
import { hasErrors, type FormErrors } from '../form-errors';
import { ONCE_FIELD } from '../csrf';
import { usePage } from '../page-context';

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** Id of a field's input: `champ-<name>`, what the error summary links to. */
export const fieldId = (name: string) => `champ-${name}`;

export const ErrorSummary = ({ errors }: { readonly errors?: FormErrors }) => {
  const { t } = usePage();
  if (!errors || !hasErrors(errors)) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <h2 id="error-summary-title" class="error-summary__title">
        {t.forms.errorSummaryTitle}
      </h2>
      <ul class="error-summary__list">
        {errors.general.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {Object.entries(errors.fields).map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

export interface FormProps {
  /** Where it posts (a path of this site); the anti-forgery token is computed for it. */
  readonly action: string;
  /** GET forms (filters, search) carry no token. @default 'post' */
  readonly method?: 'get' | 'post';
  readonly errors?: FormErrors;
  readonly class?: string;
  /** Form-level label when the page has several forms. */
  readonly label?: string;
  /**
   * A form that creates something: it carries a once-only key, so sending it twice (a double
   * click, or again after "back") does it once and answers the second time like the first.
   */
  readonly once?: boolean;
  readonly children?: ComponentChildren;
}

export const Form = ({ action, method = 'post', errors, class: className, label, once, children }: FormProps) => {
  const { csrfToken, formKey } = usePage();
  return (
    <form method={method} action={action} class={className} aria-label={label} novalidate>
      <ErrorSummary errors={errors} />
      {method === 'post' && <input type="hidden" name="_csrf" value={csrfToken(action)} />}
      {method === 'post' && once && <input type="hidden" name={ONCE_FIELD} value={formKey(action)} />}
      {children}
    </form>
  );
};

interface FieldFrameProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
  readonly optional?: boolean;
  readonly children: ComponentChildren;
}

const FieldFrame = ({ name, label, hint, error, optional, children }: FieldFrameProps) => {
  const { t } = usePage();
  const id = fieldId(name);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> {t.forms.optional}</span>}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-aide`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">{t.forms.errorPrefix} </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
};

interface InputProps {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly hint?: string;
  readonly error?: string;
  readonly optional?: boolean;
}

const inputAria = ({ name, hint, error }: Pick<InputProps, 'name' | 'hint' | 'error'>) => ({
  id: fieldId(name),
  name,
  'aria-describedby': describedBy(hint && `${fieldId(name)}-aide`, error && `${fieldId(name)}-erreur`),
  'aria-invalid': error ? ('true' as const) : undefined,
});

export const TextField = (
  props: InputProps & {
    readonly type?: 'text' | 'email' | 'tel' | 'number' | 'date' | 'datetime-local' | 'search';
    readonly autocomplete?: string;
    readonly inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text';
    readonly maxLength?: number;
    readonly width?: 'short' | 'medium' | 'full';
    readonly step?: string;
  },
) => (
  <FieldFrame {...props}>
    <input
      class={`input input--${props.width ?? 'full'}`}
      type={(props.type ?? 'text') as 'text'}
      value={props.value ?? ''}
      autocomplete={props.autocomplete}
      inputMode={props.inputmode}
      maxLength={props.maxLength}
      step={props.step}
      required={!props.optional}
      {...inputAria(props)}
    />
  </FieldFrame>
);

export const TextArea = (props: InputProps & { readonly rows?: number; readonly maxLength?: number }) => (
  <FieldFrame {...props}>
    <textarea
      class="input textarea"
      rows={props.rows ?? 5}
      maxLength={props.maxLength}
      required={!props.optional}
      {...inputAria(props)}
    >
      {props.value ?? ''}
    </textarea>
  </FieldFrame>
);

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export const Select = (props: InputProps & { readonly choices: readonly Choice[]; readonly placeholder?: string }) => {
  const { t } = usePage();
  return (
    <FieldFrame {...props}>
      <select class="input select" required={!props.optional} {...inputAria(props)}>
        <option value="">{props.placeholder ?? t.forms.choose}</option>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value} selected={choice.value === props.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
};

/** Radio buttons or checkboxes in a fieldset whose legend is the question. */
export const Choices = (props: {
  readonly name: string;
  readonly legend: string;
  readonly choices: readonly Choice[];
  /** The checked values. */
  readonly values?: readonly string[];
  readonly multiple?: boolean;
  readonly hint?: string;
  readonly error?: string;
  readonly optional?: boolean;
}) => {
  const { t } = usePage();
  const id = fieldId(props.name);
  return (
    <fieldset
      class={props.error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(props.hint && `${id}-aide`, props.error && `${id}-erreur`)}
    >
      <legend class="field__label">
        {props.legend}
        {props.optional && <span class="field__optional"> {t.forms.optional}</span>}
      </legend>
      {props.hint && (
        <p class="field__hint" id={`${id}-aide`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">{t.forms.errorPrefix} </span>
          {props.error}
        </p>
      )}
      {props.choices.map((choice, i) => {
        // The summary links to the first choice.
        const choiceId = i === 0 ? id : `${id}-${i + 1}`;
        return (
          <div class="choice" key={choice.value}>
            <input
              class="choice__input"
              type={props.multiple ? 'checkbox' : 'radio'}
              id={choiceId}
              name={props.multiple ? `${props.name}[]` : props.name}
              value={choice.value}
              checked={props.values?.includes(choice.value)}
            />
            <label class="choice__label" for={choiceId}>
              {choice.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
};

/** One checkbox with its label (a yes/no field): sent as `value` when checked, absent otherwise. */
export const Checkbox = (props: {
  readonly name: string;
  readonly label: string;
  readonly checked?: boolean;
  /** @default 'oui' */
  readonly value?: string;
}) => (
  <div class="choice">
    <input
      class="choice__input"
      type="checkbox"
      id={fieldId(props.name)}
      name={props.name}
      value={props.value ?? 'oui'}
      checked={props.checked}
    />
    <label class="choice__label" for={fieldId(props.name)}>
      {props.label}
    </label>
  </div>
);

export const SubmitButton = ({
  children,
  variant = 'primary',
  name,
  value,
}: {
  readonly children: ComponentChildren;
  readonly variant?: 'primary' | 'secondary';
  readonly name?: string;
  readonly value?: string;
}) => (
  <button type="submit" class={`button button--${variant}`} name={name} value={value}>
    {children}
  </button>
);
