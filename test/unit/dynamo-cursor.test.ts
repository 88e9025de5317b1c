/**
 * Pagination cursors: opaque (no key names, no tenant in clear), tamper-evident, and bound to the
 * list they came from.
 */
import { randomBytes } from 'node:crypto';
import { InvalidCursorError } from '../../shared/kernel/errors';

process.env.TABLE_NAME ??= 'unit';
const { openCursor, sealCursor, MAX_CURSOR_CHARS } = await import('../../shared/runtime/dynamo-cursor');

const key = randomBytes(32);
const scope = { index: 'gsi4', partition: 'TERRITORY#200046977#COMMUNE#31555', from: '2026-01-01' };
const position = {
  pk: 'TERRITORY#200046977#REPORT#01J',
  sk: 'REPORT',
  gsi4pk: scope.partition,
  gsi4sk: '2026-03-01#01J',
};

const refused = (run: () => unknown) => expect(run).toThrow(InvalidCursorError);

describe('pagination cursors', () => {
  const cursor = sealCursor(key, scope, position);

  it('give back the position they sealed, for the same list', () => {
    expect(openCursor(key, scope, cursor)).toEqual(position);
    // The scope's keys may come in any order.
    expect(openCursor(key, { from: scope.from, partition: scope.partition, index: 'gsi4' }, cursor)).toEqual(position);
  });

  it('show no key name, tenant or sort key', () => {
    const visible = Buffer.from(cursor, 'base64url').toString('latin1');
    for (const secret of ['gsi4pk', 'TERRITORY', '200046977', 'REPORT', '2026-03-01']) {
      expect(cursor).not.toContain(secret);
      expect(visible).not.toContain(secret);
    }
  });

  it('refuse a cursor of another partition, index or range', () => {
    refused(() => openCursor(key, { ...scope, partition: 'TERRITORY#243100518#COMMUNE#31555' }, cursor));
    refused(() => openCursor(key, { ...scope, index: 'gsi1' }, cursor));
    refused(() => openCursor(key, { ...scope, from: '2025-01-01' }, cursor));
    refused(() => openCursor(key, { index: 'gsi4', partition: scope.partition }, cursor));
  });

  it('refuse a cursor sealed with another key', () => {
    refused(() => openCursor(randomBytes(32), scope, cursor));
  });

  it('refuse any changed, cut, lengthened or foreign cursor', () => {
    const bytes = Buffer.from(cursor, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 0x01;
      refused(() => openCursor(key, scope, changed.toString('base64url')));
    }
    // Any character of the text changed, the last one included (whose low bits base64 decoders ignore).
    for (const at of [0, Math.floor(cursor.length / 2), cursor.length - 1])
      for (const other of ['A', 'B', 'g', '_'].filter((c) => c !== cursor[at]))
        refused(() => openCursor(key, scope, `${cursor.slice(0, at)}${other}${cursor.slice(at + 1)}`));
    refused(() => openCursor(key, scope, cursor.slice(0, -1)));
    refused(() => openCursor(key, scope, cursor.slice(0, 20)));
    refused(() => openCursor(key, scope, `${cursor}AA`));
    refused(() => openCursor(key, scope, ''));
    refused(() => openCursor(key, scope, 'not a cursor!'));
    // What the API used to hand out: readable JSON keys.
    refused(() => openCursor(key, scope, Buffer.from(JSON.stringify(position)).toString('base64url')));
    refused(() => openCursor(key, scope, 'A'.repeat(MAX_CURSOR_CHARS + 1)));
  });

  it('differ each time, even for the same position', () => {
    expect(sealCursor(key, scope, position)).not.toBe(cursor);
  });
});
