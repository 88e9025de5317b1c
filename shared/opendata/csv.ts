/**
 * CSV as RFC 4180 writes it — UTF-8, a header row, CRLF line ends, a field quoted when it holds a
 * comma, a double quote, CR or LF, quotes doubled — and the Table Schema (Frictionless Data)
 * that documents each file's columns, published beside it as schema.json. Pure.
 */

/** Table Schema field types the exports use. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'date';

export interface TableField {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly type: FieldType;
  /** `datetime`: ISO 8601 in UTC (`default`); `string`: a pattern-free text. */
  readonly format?: 'default';
  readonly constraints?: {
    readonly required?: boolean;
    readonly unique?: boolean;
    readonly enum?: readonly string[];
    readonly pattern?: string;
  };
}

export interface TableSchema {
  readonly fields: readonly TableField[];
  readonly primaryKey?: string | readonly string[];
  /** Cells that mean "no value". */
  readonly missingValues: readonly string[];
}

/** The schema.json document: Table Schema, with the booleans' spelling and the missing value said. */
export const tableSchemaDocument = (schema: TableSchema) => ({
  $schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
  fields: schema.fields.map((field) => ({
    ...field,
    ...(field.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
  })),
  ...(schema.primaryKey ? { primaryKey: schema.primaryKey } : {}),
  missingValues: schema.missingValues,
});

export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as RFC 4180 writes it; absent values are the empty cell. */
export const csvField = (value: Cell): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One record, CRLF-terminated. */
export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`;

/** The header row of a schema, in its column order. */
export const csvHeader = (schema: TableSchema): string => csvLine(schema.fields.map((f) => f.name));

/** A record of a schema's table: its cells, in the schema's column order. */
export const csvRecord = <S extends TableSchema>(
  schema: S,
  row: Readonly<Record<S['fields'][number]['name'], Cell>>,
): string => csvLine(schema.fields.map((f) => (row as Record<string, Cell>)[f.name]));
