/**
 * CSV as RFC 4180 writes it (comma-separated, fields quoted when they hold a comma, a quote or a
 * line break, quotes doubled, CRLF between records), read back exactly; on reading, a UTF-8 BOM is
 * dropped, LF line ends are accepted, and a header line with semicolons but no comma (a French
 * spreadsheet's export) sets the semicolon as the separator. Pure.
 */

export class CsvSyntaxError extends Error {
  constructor(
    /** The record (1 = the header) where the text stops making sense. */
    readonly record: number,
    message: string,
  ) {
    super(message);
  }
}

const separatorOf = (text: string): ',' | ';' => {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
};

/** The records of a CSV text, each a list of its fields; a blank line is no record. */
export const parseCsv = (input: string): string[][] => {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = separatorOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== separator && next !== '\r' && next !== '\n')
          throw new CsvSyntaxError(
            records.length + 1,
            `A quoted field ends and "${next}" follows before the separator`,
          );
        continue;
      }
      field += char;
      i++;
      continue;
    }
    if (char === '"' && !fieldStarted && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (char === separator) {
      endField();
      i++;
    } else if (char === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      i++;
    } else {
      if (char === '"') throw new CsvSyntaxError(records.length + 1, 'A quote inside an unquoted field');
      field += char;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, 'A quoted field is never closed');
  if (field !== '' || record.length > 0) endRecord();
  return records;
};

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as written: quoted when it must be. */
export const csvField = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Records as CSV text, CRLF after each (RFC 4180). */
export const formatCsv = (records: readonly (readonly string[])[]): string =>
  records.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
