/**
 * `application/x-www-form-urlencoded` request bodies, for routes declared `bodyFormat: 'form'`
 * (Open311's POST). UTF-8, `+` as a space, and bracket names read as PHP and Rails read them:
 *
 *   a=1                    { a: '1' }
 *   a[]=1&a[]=2            { a: ['1', '2'] }        (a name sent twice is a list too)
 *   a[k]=1                 { a: { k: '1' } }
 *   a[k][]=1&a[k][]=2      { a: { k: ['1', '2'] } }
 *
 * An empty value counts as not sent: Open311 says "a null parameter should be treated as
 * equivalent to a non-declared parameter", and an HTML form sends its empty fields.
 */
import { InvalidInputError } from './errors';

export type FormList = string | string[];
export type FormValue = FormList | { [key: string]: FormList };
export type FormObject = { [name: string]: FormValue };

/** name, then an optional [key] (empty for `a[]`), then an optional trailing []. */
const NAME = /^([^[\]]+)(?:\[([^[\]]*)\])?(\[\])?$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const refuse = (name: string, why: string) =>
  new InvalidInputError(`Form field "${name}": ${why}`, [{ path: `body.${name}`, message: why }]);

/** Adds a value to what a slot holds: a second value makes a list. */
const append = (held: FormList | undefined, value: string, asList: boolean): FormList =>
  held === undefined ? (asList ? [value] : value) : [...(Array.isArray(held) ? held : [held]), value];

export const parseForm = (text: string): FormObject => {
  const form: FormObject = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const match = NAME.exec(name);
    if (!match) throw refuse(name, 'use name, name[], name[key] or name[key][]');
    const [, base, key, listMark] = match as unknown as [string, string, string | undefined, string | undefined];
    if (RESERVED.has(base) || (key !== undefined && RESERVED.has(key))) throw refuse(name, 'reserved name');
    if (key === '' && listMark) throw refuse(name, 'lists of lists are not supported');
    if (value === '') continue;
    const held = form[base];
    if (key === undefined || key === '') {
      if (held !== undefined && typeof held === 'object' && !Array.isArray(held)) {
        throw refuse(name, `${base} is sent both as a value and with [keys]`);
      }
      form[base] = append(held, value, key === '');
      continue;
    }
    if (held !== undefined && (typeof held === 'string' || Array.isArray(held))) {
      throw refuse(name, `${base} is sent both as a value and with [keys]`);
    }
    const fields = held ?? {};
    fields[key] = append(fields[key], value, listMark !== undefined);
    form[base] = fields;
  }
  return form;
};
