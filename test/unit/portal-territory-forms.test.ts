/**
 * The territory administration's forms read what an admin types — a category's question rows, a
 * calendar's hours and closures in words, audit days in Paris — into the API's shapes, and say
 * what is wrong next to its field; a boundary file is taken alone, in a Feature or in a
 * one-feature collection.
 */
import {
  auditFilterOf,
  calendarFromForm,
  closuresText,
  geometryOfFile,
  questionsFromForm,
  questionValues,
} from '../../shared/portal/back-office-territory-forms';
import { fr } from '../../shared/portal/i18n';

test('question rows become the API questions; a blank row is none, a removed one is dropped', () => {
  const { questions, errors } = questionsFromForm(fr, {
    'q1-code': 'profondeur',
    'q1-label': 'Profondeur',
    'q1-datatype': 'singlevaluelist',
    'q1-required': '1',
    'q1-values': 'petit : Moins de 5 cm\r\ngrand : Plus de 5 cm\r\n',
    'q2-code': 'ancien',
    'q2-label': 'Ancienne question',
    'q2-datatype': 'string',
    'q2-remove': '1',
    'q3-datatype': 'string',
  });
  expect(errors).toEqual({});
  expect(questions).toEqual([
    {
      code: 'profondeur',
      label: 'Profondeur',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'petit', name: 'Moins de 5 cm' },
        { key: 'grand', name: 'Plus de 5 cm' },
      ],
    },
  ]);
  // And back into rows, as the form shows them again.
  expect(questionValues(questions)).toMatchObject({ 'q1-values': 'petit : Moins de 5 cm\ngrand : Plus de 5 cm' });
});

test('a list without choices, choices on a text, a code twice or a bad code are said next to the field', () => {
  const { errors } = questionsFromForm(fr, {
    'q1-code': 'a',
    'q1-label': 'A',
    'q1-datatype': 'multivaluelist',
    'q2-code': 'b',
    'q2-label': 'B',
    'q2-datatype': 'text',
    'q2-values': 'x : X',
    'q3-code': 'c',
    'q3-label': 'C',
    'q3-datatype': 'number',
    'q4-code': 'c',
    'q4-label': 'C bis',
    'q4-datatype': 'number',
    'q5-code': 'Pas Un Code',
    'q5-label': 'E',
    'q5-datatype': 'string',
  });
  expect(Object.keys(errors)).toEqual(['q1-values', 'q2-values', 'q4-code', 'q5-code']);
  expect(errors['q1-values']).toMatch(/question 1 est une liste/);
});

test("a calendar's hours, closures and addresses are read from words, and refused next to the field", () => {
  const read = calendarFromForm(
    fr,
    {
      monday: '8h30-12h00, 13:30-17:30',
      tuesday: '',
      publicHolidays: 'france',
      closures: '2026-12-24 au 2026-12-31 : Fin d’année\n2026-05-15',
      escalationEmails: 'chef@example.fr\nadjointe@example.fr',
    },
    'Europe/Paris',
  );
  expect(read).toEqual({
    ok: true,
    value: {
      calendar: {
        timeZone: 'Europe/Paris',
        week: {
          monday: [
            { from: '08:30', to: '12:00' },
            { from: '13:30', to: '17:30' },
          ],
        },
        publicHolidays: 'france',
        closures: [
          { from: '2026-12-24', to: '2026-12-31', reason: 'Fin d’année' },
          { from: '2026-05-15', to: '2026-05-15' },
        ],
      },
      escalationEmails: ['chef@example.fr', 'adjointe@example.fr'],
    },
  });
  if (read.ok)
    expect(closuresText(read.value.calendar.closures)).toBe('2026-12-24 au 2026-12-31 : Fin d’année\n2026-05-15');

  const refused = calendarFromForm(
    fr,
    {
      monday: '14:00-12:00',
      friday: 'le matin',
      publicHolidays: 'france',
      closures: '2026-12-31 au 2026-12-24',
      escalationEmails: 'pas-une-adresse',
    },
    'Europe/Paris',
  );
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(Object.keys(refused.errors).sort()).toEqual(['escalationEmails', 'friday']);
  // The calendar's own rules (a range closing before it opens, a closure ending before it starts).
  const rules = calendarFromForm(
    fr,
    { monday: '14:00-12:00', publicHolidays: 'france', closures: '2026-12-31 au 2026-12-24' },
    'Europe/Paris',
  );
  if (!rules.ok) expect(Object.keys(rules.errors).sort()).toEqual(['closures', 'monday']);
  else throw new Error('refused calendar accepted');
});

test('audit days are Paris days: winter and summer offsets, the last day included', () => {
  expect(auditFilterOf({ du: '2026-01-15', au: '2026-01-15' })).toEqual({
    from: '2026-01-14T23:00:00.000Z',
    to: '2026-01-15T22:59:59.999Z',
  });
  expect(auditFilterOf({ du: '2026-07-01', au: '2026-07-02', type: 'territory.', acteur: 'demo-seed' })).toEqual({
    action: 'territory.',
    actor: 'demo-seed',
    from: '2026-06-30T22:00:00.000Z',
    to: '2026-07-02T21:59:59.999Z',
  });
});

test('a boundary file: a geometry alone, in a Feature or a one-feature collection; anything else is said', () => {
  const polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [1, 43],
        [1.1, 43],
        [1.1, 43.1],
        [1, 43],
      ],
    ],
  };
  for (const text of [
    JSON.stringify(polygon),
    `\uFEFF${JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon })}`,
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }] }),
  ]) {
    expect(geometryOfFile(fr, text)).toEqual({ geometry: polygon });
  }
  expect(geometryOfFile(fr, '{ pas du json')).toEqual({ error: fr.backOfficeTerritory.communes.notJson });
  expect(geometryOfFile(fr, JSON.stringify({ type: 'Point', coordinates: [1, 43] }))).toEqual({
    error: fr.backOfficeTerritory.communes.notPolygon,
  });
});
