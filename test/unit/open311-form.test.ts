/**
 * Form-encoded bodies (Open311's POST): bracket names become attributes, a multivaluelist is
 * repeated `[]` fields, empty fields count as not sent, and the form schema takes exactly the
 * specification's fields.
 */
import { PostServiceRequestForm, RequestsQuery } from '../../shared/open311/open311-schemas';
import { InvalidInputError } from '../../shared/kernel/errors';
import { parseForm } from '../../shared/kernel/form';

describe('parsing a form', () => {
  test("the specification's example reads as fields and attributes, decoded as UTF-8 with + as a space", () => {
    const form = parseForm(
      'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043' +
        '&address_string=1234+5th+street&email=smit333%40sfgov.edu&description=A+large+sinkhole+%C3%A0+Paris' +
        '&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001',
    );
    expect(form).toEqual({
      api_key: 'xyz',
      jurisdiction_id: 'city.gov',
      service_code: '001',
      lat: '37.76524078',
      long: '-122.4212043',
      address_string: '1234 5th street',
      email: 'smit333@sfgov.edu',
      description: 'A large sinkhole à Paris',
      attribute: { WHISPAWN: '123456', WHISDORN: 'COISL001' },
    });
  });

  test('a multivaluelist is attribute[code][]= repeated, brackets percent-encoded or not', () => {
    expect(parseForm('attribute[type][]=dechets&attribute%5Btype%5D%5B%5D=verre&attribute[one][]=x')).toEqual({
      attribute: { type: ['dechets', 'verre'], one: ['x'] },
    });
  });

  test('a name sent twice becomes a list', () => {
    expect(parseForm('attribute[type]=dechets&attribute[type]=verre&lat=1&lat=2')).toEqual({
      attribute: { type: ['dechets', 'verre'] },
      lat: ['1', '2'],
    });
  });

  test('an empty field counts as not sent', () => {
    expect(parseForm('email=&description=&attribute[danger]=&lat=43.6')).toEqual({ lat: '43.6' });
  });

  test.each([
    ['a value and [keys] under one name', 'attribute=x&attribute[code]=y'],
    ['a name with a deeper nesting', 'attribute[a][b]=1'],
    ['a reserved name', '__proto__[polluted]=1'],
    ['a reserved key', 'attribute[constructor]=1'],
  ])('%s is refused as invalid input', (_, body) => {
    expect(() => parseForm(body)).toThrow(InvalidInputError);
  });

  test('nothing leaks into prototypes', () => {
    expect(() => parseForm('constructor[prototype][x]=1')).toThrow(InvalidInputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the POST form schema', () => {
  const valid = { jurisdiction_id: '243100518', service_code: 'voirie', lat: '43.6045', long: '1.4442' };

  test('coordinates arrive as numbers and attributes as given', () => {
    const parsed = PostServiceRequestForm.parse({ ...valid, attribute: { nature: 'nid-de-poule', tags: ['a', 'b'] } });
    expect(parsed).toMatchObject({
      lat: 43.6045,
      long: 1.4442,
      attribute: { nature: 'nid-de-poule', tags: ['a', 'b'] },
    });
  });

  test('a latitude out of range is refused with a message saying the range', () => {
    const result = PostServiceRequestForm.safeParse({ ...valid, lat: '91' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['lat'], message: 'lat is between -90 and 90' }),
    ]);
  });

  test('jurisdiction_id and service_code not provided are said so', () => {
    const result = PostServiceRequestForm.safeParse({ lat: '1', long: '1' });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['jurisdiction_id', expect.stringMatching(/^jurisdiction_id was not provided/)],
      ['service_code', 'service_code was not provided'],
    ]);
  });

  test('a description over the specification’s 4,000 characters is refused', () => {
    expect(PostServiceRequestForm.safeParse({ ...valid, description: 'x'.repeat(4001) }).success).toBe(false);
  });

  test('media_url must be an http(s) URL', () => {
    expect(PostServiceRequestForm.safeParse({ ...valid, media_url: 'javascript:alert(1)' }).success).toBe(false);
    expect(PostServiceRequestForm.safeParse({ ...valid, media_url: 'https://img.example/1.jpg' }).success).toBe(true);
  });
});

describe('the GET requests query', () => {
  test('lists are comma delimited, dates w3 with their time zone (a + sent unencoded included)', () => {
    const parsed = RequestsQuery.parse({
      jurisdiction_id: '31555',
      service_code: 'voirie,proprete',
      status: 'open',
      start_date: '2026-03-01T00:00:00 01:00',
      end_date: '2026-03-31',
    });
    expect(parsed).toMatchObject({
      service_code: ['voirie', 'proprete'],
      status: ['open'],
      service_request_id: [],
      start_date: new Date('2026-02-28T23:00:00Z'),
      end_date: new Date('2026-03-31T23:59:59.999Z'),
    });
  });

  test('a status other than open or closed, or a date without its time zone, is refused', () => {
    expect(RequestsQuery.safeParse({ jurisdiction_id: '31555', status: 'new' }).success).toBe(false);
    expect(RequestsQuery.safeParse({ jurisdiction_id: '31555', start_date: '2026-03-01T00:00:00' }).success).toBe(
      false,
    );
  });

  test('empty arguments are as if not given', () => {
    expect(RequestsQuery.parse({ jurisdiction_id: '31555', status: '', start_date: '', service_code: '' })).toEqual({
      jurisdiction_id: '31555',
      service_request_id: [],
      service_code: [],
      status: [],
      start_date: undefined,
      end_date: undefined,
    });
  });
});
