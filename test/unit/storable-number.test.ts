/** The one number type for values that end in the table, and the strict reading of query-string numbers. */
import * as z from 'zod';
import { decimalParam, isStorableNumber, Limit, StorableNumber } from '../../shared/kernel/schemas';

describe('a storable number', () => {
  it.each([
    0,
    -0,
    43.43,
    -1.5e-7,
    1e-130,
    9007199254740991,
    -9007199254740991,
    0.1 + 0.2,
    1.7976931348623157e100 / 1e100,
  ])('%p is one', (x) => {
    expect(isStorableNumber(x)).toBe(true);
    expect(StorableNumber.safeParse(x).success).toBe(true);
  });

  it.each([1e308, 1e200, 1e-200, 1e-131, 9007199254740992, 9007199254740993, 1e20, Infinity, -Infinity, NaN])(
    '%p is not (DynamoDB could not hold it, or it is not the integer sent)',
    (x) => {
      expect(isStorableNumber(x)).toBe(false);
      expect(StorableNumber.safeParse(x).success).toBe(false);
    },
  );

  it('is refused as sent in JSON, too', () => {
    // JSON.parse turns the digits into 9007199254740992: the client's number is lost.
    expect(StorableNumber.safeParse(JSON.parse('9007199254740993')).success).toBe(false);
  });
});

describe('a number in a query string', () => {
  const Query = z.object({ lat: decimalParam(z.number().min(-90).max(90)), limit: Limit(20, 100) });
  const issuesOf = (query: Record<string, string>) => {
    const result = Query.safeParse(query);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it.each(['43.6', '-43', '+1.5', '.5', '4.', '1e1', '0'])('%p is read as a decimal', (lat) => {
    expect(Query.parse({ lat }).lat).toBe(Number(lat));
  });

  it.each(['0x10', '0b1', '0o7', ' ', '', ' 43', 'Infinity', 'NaN', '1e-200', '43,6', '1_0'])(
    '%p is refused, naming the field',
    (lat) => {
      expect(issuesOf({ lat })).toEqual(['lat']);
    },
  );

  it('reads the page size the same way, with its default', () => {
    expect(Query.parse({ lat: '1' }).limit).toBe(20);
    expect(Query.parse({ lat: '1', limit: '50' }).limit).toBe(50);
    expect(issuesOf({ lat: '1', limit: '0x10' })).toEqual(['limit']);
    expect(issuesOf({ lat: '1', limit: '2.5' })).toEqual(['limit']);
  });
});
