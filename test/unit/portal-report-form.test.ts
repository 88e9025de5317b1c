/**
 * The report form of the portal, without a server: its schema built from the category's
 * questions (one field per answer, French decimal commas, lists from fields sent once), the
 * answers it hands to the use case, and the point inside a commune a report without coordinates
 * is put at.
 */
import { messagesFor } from '../../shared/portal/i18n';
import { readForm } from '../../shared/portal/form-errors';
import { answersOf, pointInside, reportFormSchema } from '../../shared/portal/report-form';
import { boundaryContains, type Boundary } from '../../shared/territory/geometry';
import type { CategoryQuestion } from '../../shared/territory/territory';

const t = messagesFor();

const QUESTIONS: CategoryQuestion[] = [
  {
    code: 'etat',
    label: 'État',
    datatype: 'singlevaluelist',
    required: true,
    values: [
      { key: 'casse', name: 'Cassé' },
      { key: 'tague', name: 'Tagué' },
    ],
  },
  {
    code: 'elements',
    label: 'Éléments',
    datatype: 'multivaluelist',
    required: false,
    values: [
      { key: 'assise', name: 'Assise' },
      { key: 'pieds', name: 'Pieds' },
    ],
  },
  { code: 'nombre', label: 'Nombre', datatype: 'number', required: true },
  { code: 'constat', label: 'Constat', datatype: 'datetime', required: false },
  { code: 'note', label: 'Note', datatype: 'text', required: false },
];

const LABELS = {
  'answer-etat': 'État',
  'answer-elements': 'Éléments',
  'answer-nombre': 'Nombre',
  'answer-constat': 'Constat',
  description: 'Description',
  email: 'Adresse électronique',
  lat: 'Latitude',
};

const base = { category: 'banc', description: 'Cassé', email: 'a@example.fr' };

describe('the report form schema', () => {
  it('reads every datatype as a browser posts it: decimal commas, a list sent once, a local date and time', () => {
    const read = readForm(
      t,
      reportFormSchema(QUESTIONS, { anonymous: true }),
      {
        ...base,
        'answer-etat': 'casse',
        'answer-elements': 'pieds',
        'answer-nombre': '2,5',
        'answer-constat': '2026-07-14T10:30',
        lat: '43,6045',
        lon: '1.4442',
      },
      LABELS,
    );

    expect(read).toMatchObject({
      ok: true,
      value: { 'answer-elements': ['pieds'], 'answer-nombre': 2.5, lat: 43.6045, lon: 1.4442 },
    });
    expect(answersOf(read.ok ? read.value : {}, QUESTIONS)).toEqual({
      etat: 'casse',
      elements: ['pieds'],
      nombre: 2.5,
      constat: '2026-07-14T10:30',
    });
  });

  it('says what is wrong next to each field, in French, naming the question', () => {
    const read = readForm(
      t,
      reportFormSchema(QUESTIONS, { anonymous: true }),
      { category: 'banc', 'answer-etat': 'autre', 'answer-nombre': 'deux', lat: '43,6' },
      LABELS,
    );

    expect(read.ok).toBe(false);
    expect(read.ok ? {} : read.errors.fields).toEqual({
      'answer-etat': 'Choisissez une valeur de la liste pour « État ».',
      'answer-nombre': '« Nombre » doit être un nombre.',
      description: 'Renseignez le champ « Description ».',
      email: 'Renseignez le champ « Adresse électronique ».',
    });
  });

  it('asks a signed-in reporter for no e-mail address', () => {
    const { email: _email, ...signedIn } = base;
    const read = readForm(
      t,
      reportFormSchema(QUESTIONS, { anonymous: false }),
      { ...signedIn, 'answer-etat': 'tague', 'answer-nombre': '1' },
      LABELS,
    );

    expect(read.ok).toBe(true);
  });
});

describe('the point a report without coordinates is put at', () => {
  it('is the middle of a convex commune', () => {
    const square: Boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 43],
          [2, 43],
          [2, 44],
          [1, 44],
          [1, 43],
        ],
      ],
    };

    expect(pointInside(square)).toEqual({ lat: 43.5, lon: 1.5 });
  });

  it('lies inside a commune whose middle is outside it (a U shape)', () => {
    const u: Boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };

    const point = pointInside(u)!;

    expect(boundaryContains(u, 1.5, 1.5)).toBe(false);
    expect(boundaryContains(u, point.lon, point.lat)).toBe(true);
  });
});
