/**
 * How the platform reads as Open311: statuses open and closed, the 90-day search period,
 * categories as services and their questions as attributes, reports as service requests without
 * personal data, and resources named with their format.
 */
import {
  formatOfPath,
  open311StatusOf,
  parseResource,
  reportStatusesFor,
  searchPeriod,
  serviceDefinitionOf,
  serviceOf,
  serviceRequestOf,
  zipcodeOf,
  w3DateTime,
} from '../../shared/open311/open311';
import type { Report } from '../../shared/reports/report';
import { InvalidInputError } from '../../shared/kernel/errors';
import type { Category } from '../../shared/territory/territory';

describe('statuses', () => {
  test('new, acknowledged and in_progress are open; resolved, rejected and duplicate are closed', () => {
    expect(
      (['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'duplicate'] as const).map(open311StatusOf),
    ).toEqual(['open', 'open', 'open', 'closed', 'closed', 'closed']);
  });

  test('asking for open or closed reads those statuses; both, or none, reads all', () => {
    expect(reportStatusesFor(['open'])).toEqual(['new', 'acknowledged', 'in_progress']);
    expect(reportStatusesFor(['closed'])).toEqual(['resolved', 'rejected', 'duplicate']);
    expect(reportStatusesFor(['open', 'closed'])).toBeUndefined();
    expect(reportStatusesFor([])).toBeUndefined();
  });
});

describe('the search period', () => {
  const now = new Date('2026-06-30T12:00:00Z');
  const day = 24 * 3600 * 1000;

  test('defaults to the most recent 90 days, without cutting what is newer', () => {
    expect(searchPeriod(now)).toEqual({ from: new Date(now.getTime() - 90 * day) });
  });

  test('a start alone reads 90 days from it; an end alone the 90 days before it', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(searchPeriod(now, start)).toEqual({ from: start, to: new Date(start.getTime() + 90 * day) });
    expect(searchPeriod(now, undefined, start)).toEqual({ from: new Date(start.getTime() - 90 * day), to: start });
  });

  test('a range of more than 90 days, or ending before it starts, is refused', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(() => searchPeriod(now, start, new Date(start.getTime() + 91 * day))).toThrow(InvalidInputError);
    expect(() => searchPeriod(now, start, new Date(start.getTime() - 1))).toThrow(InvalidInputError);
    expect(searchPeriod(now, start, new Date(start.getTime() + 90 * day)).from).toEqual(start);
  });
});

describe('resources and formats', () => {
  test('the extension names the format', () => {
    expect(formatOfPath('/open311/v2/services.xml')).toBe('xml');
    expect(formatOfPath('/open311/v2/requests/01J.json')).toBe('json');
    expect(parseResource('eclairage-public.xml')).toEqual({ name: 'eclairage-public', format: 'xml' });
    expect(parseResource('voirie.html')).toBeUndefined();
  });

  test('times are w3, to the second, in UTC', () => {
    expect(w3DateTime('2026-03-02T08:00:00.123Z')).toBe('2026-03-02T08:00:00Z');
  });
});

const category: Category = {
  code: 'eclairage-public',
  name: 'Éclairage public',
  questions: [
    { code: 'lampadaires', label: 'Nombre de lampadaires éteints', datatype: 'number', required: true },
    {
      code: 'type',
      label: 'Type',
      description: 'Ce qui est éteint',
      datatype: 'multivaluelist',
      required: false,
      values: [
        { key: 'mat', name: 'Mât' },
        { key: 'facade', name: 'Applique en façade' },
      ],
    },
  ],
  competence: { level: 'territory', service: 'eclairage-public' },
  overrides: [],
  version: 1,
};

describe('services', () => {
  test('a category with questions is a realtime service with metadata, grouped by who handles it', () => {
    expect(serviceOf(category, 'Toulouse Métropole')).toEqual({
      service_code: 'eclairage-public',
      service_name: 'Éclairage public',
      description: null,
      metadata: true,
      type: 'realtime',
      keywords: 'eclairage, public',
      group: 'Toulouse Métropole',
    });
    expect(serviceOf({ ...category, questions: [] }, 'x').metadata).toBe(false);
  });

  test('its questions are the attributes of its definition, in order, lists with their values', () => {
    const { attributes } = serviceDefinitionOf(category);
    expect(attributes).toEqual([
      {
        variable: true,
        code: 'lampadaires',
        datatype: 'number',
        required: true,
        datatype_description: expect.any(String),
        order: 1,
        description: 'Nombre de lampadaires éteints',
        values: [],
      },
      expect.objectContaining({
        code: 'type',
        datatype: 'multivaluelist',
        order: 2,
        description: 'Type. Ce qui est éteint',
        values: [
          { key: 'mat', name: 'Mât' },
          { key: 'facade', name: 'Applique en façade' },
        ],
      }),
    ]);
  });
});

describe('service requests', () => {
  const report: Report = {
    id: '01JD3Q8M6ZP0R9V4X2B7C5N1TS',
    territory: '243100518',
    category: 'voirie',
    commune: '31555',
    bodyId: '243100518',
    bodyKind: 'territory',
    service: 'voirie',
    location: { lat: 43.6045, lon: 1.4442 },
    address: 'Place du Capitole',
    description: 'Nid-de-poule',
    answers: { nature: 'nid-de-poule' },
    photos: ['photos/243100518/01JD3Q8M6ZP0R9V4X2B7C5N1TS/1.jpg'],
    status: 'resolved',
    channel: 'open311',
    reporterSub: 'citizen-1',
    contact: { email: 'jeanne@example.fr', phone: '0600000000' },
    supportCount: 0,
    createdAt: '2026-03-02T08:00:00.000Z',
    updatedAt: '2026-03-04T10:30:00.000Z',
    resolvedAt: '2026-03-04T10:30:00.000Z',
    dueAt: '2026-03-06T17:00:00.000Z',
    overdue: false,
    version: 3,
  };

  test('a report reads with the specification’s fields, its due date as expected_datetime', () => {
    expect(
      serviceRequestOf(report, {
        serviceName: 'Voirie',
        agency: 'Toulouse Métropole — Direction de la voirie',
        statusNotes: 'Rebouché',
        photoLink: 'https://photos/1.jpg',
      }),
    ).toEqual({
      service_request_id: '01JD3Q8M6ZP0R9V4X2B7C5N1TS',
      status: 'closed',
      status_notes: 'Rebouché',
      service_name: 'Voirie',
      service_code: 'voirie',
      description: 'Nid-de-poule',
      agency_responsible: 'Toulouse Métropole — Direction de la voirie',
      service_notice: null,
      requested_datetime: '2026-03-02T08:00:00Z',
      updated_datetime: '2026-03-04T10:30:00Z',
      expected_datetime: '2026-03-06T17:00:00Z',
      address: 'Place du Capitole',
      address_id: null,
      zipcode: null,
      lat: 43.6045,
      long: 1.4442,
      media_url: 'https://photos/1.jpg',
    });
  });

  test('it carries no personal data: no contact, no reporter, no channel', () => {
    expect(JSON.stringify(serviceRequestOf(report, {}))).not.toMatch(/jeanne|0600000000|citizen-1|open311/);
  });

  test('a media_url a client gave is its media', () => {
    expect(serviceRequestOf({ ...report, mediaUrl: 'https://img.example/1.jpg' }, { photoLink: 'x' }).media_url).toBe(
      'https://img.example/1.jpg',
    );
  });

  test("the address the citizen gave, and the postal code it names among its commune's, are shown", () => {
    const view = serviceRequestOf(
      { ...report, address: '5 rue Alsace-Lorraine, 31000 Toulouse' },
      { postalCodes: ['31000', '31500'] },
    );
    expect(view).toMatchObject({ address: '5 rue Alsace-Lorraine, 31000 Toulouse', zipcode: '31000' });
  });
});

describe('zipcode', () => {
  test('a commune with one postal code gives it to every request, whatever the address says', () => {
    expect(zipcodeOf(undefined, ['31770'])).toBe('31770');
    expect(zipcodeOf('12 allée du Lac, 31000 Toulouse', ['31770'])).toBe('31770');
  });

  test('a city with several takes the one the address names among them, else none rather than a guess', () => {
    const toulouse = ['31000', '31100', '31200', '31300', '31400', '31500'];
    expect(zipcodeOf('1 place du Capitole, 31000 Toulouse', toulouse)).toBe('31000');
    expect(zipcodeOf('Place du Capitole', toulouse)).toBeNull();
    // A number that is not one of the city's codes (a street number, another city's code) is not taken.
    expect(zipcodeOf('31770 route de Colomiers, 12345', toulouse)).toBeNull();
    expect(zipcodeOf('1 place du Capitole', [])).toBeNull();
  });
});
