// node-appwrite 22 (Appwrite 1.8 format) against the emulator: tables, including inline
// columns and indexes on create.
//
// Runs against both profiles. 1.8.1 ignores inline `columns`/`indexes` (node-tables.jsonl
// 1.8.1 seq 2541–2543: the table is made without them); 1.9.6 makes them, but its create
// answer lists none (1.9.6 seq 3157: `columns: []`, `indexes: []`; seq 3160: a GET shows them).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Permission, Query, Role } from 'node-appwrite';

import { APPWRITE_VERSION, DATETIME, UNIQUE_ID, expectError, isV19, runId, tablesDB } from './support.mjs';

const db = tablesDB();
const databaseId = runId('tables');
const token = `tok${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('tables', () => {
  before(async () => {
    await db.create({ databaseId, name: 'Node tables' });
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('createTable returns a Table model with expanded permissions', async () => {
    const table = await db.createTable({
      databaseId,
      tableId: 'books',
      name: `Books ${token}`,
      permissions: [Permission.read(Role.any()), Permission.write(Role.users())],
      rowSecurity: true,
    });
    assert.equal(table.$id, 'books');
    assert.equal(table.databaseId, databaseId);
    assert.equal(table.name, `Books ${token}`);
    assert.equal(table.enabled, true);
    assert.equal(table.rowSecurity, true);
    assert.match(table.$createdAt, DATETIME);
    assert.match(table.$updatedAt, DATETIME);
    // `write` is stored expanded into create + update + delete.
    assert.deepEqual(
      [...table.$permissions].sort(),
      ['create("users")', 'delete("users")', 'read("any")', 'update("users")'],
    );
    assert.deepEqual(table.columns, []);
    assert.deepEqual(table.indexes, []);
  });

  it('createTable with the literal unique() and defaults', async () => {
    const table = await db.createTable({ databaseId, tableId: 'unique()', name: `Plain ${token}` });
    assert.match(table.$id, UNIQUE_ID);
    assert.deepEqual(table.$permissions, []);
    assert.equal(table.rowSecurity, false);
    assert.equal(table.enabled, true);
    await db.deleteTable({ databaseId, tableId: table.$id });
  });

  it('createTable with inline columns and indexes makes them available at once', async () => {
    const table = await db.createTable({
      databaseId,
      tableId: 'inline',
      name: `Inline ${token}`,
      columns: [
        { key: 'title', type: 'string', size: 64, required: true },
        { key: 'n', type: 'integer', required: false, min: 0, max: 10, default: 5 },
        { key: 'score', type: 'double', required: false },
        { key: 'flag', type: 'boolean', required: false, default: false },
        { key: 'when', type: 'datetime', required: false },
        { key: 'mail', type: 'string', size: 254, format: 'email', required: false },
        { key: 'tags', type: 'string', size: 16, required: false, array: true },
      ],
      indexes: [
        { key: 'idx_title_n', type: 'key', attributes: ['title', 'n'], orders: ['ASC', 'DESC'] },
        { key: 'uq_mail', type: 'unique', attributes: ['mail'] },
      ],
    });
    // The create answer lists no columns or indexes on either release (1.8.1 seq 2541,
    // 1.9.6 seq 3157); 1.9.6 adds the empty table's byte counts.
    assert.deepEqual(table.columns, []);
    assert.deepEqual(table.indexes, []);
    if (isV19) {
      assert.equal(table.bytesMax, 65535);
      assert.equal(table.bytesUsed, 1067);
    } else {
      // 1.8.1 ignored the inline definitions (seq 2543: getTable shows none); a row that
      // names one of them is refused (node-edge-cases.jsonl 1.8.1 seq 2262).
      const got = await db.getTable({ databaseId, tableId: 'inline' });
      assert.deepEqual(got.columns, []);
      assert.deepEqual(got.indexes, []);
      await expectError(db.getColumn({ databaseId, tableId: 'inline', key: 'n' }), 404, 'column_not_found');
      await expectError(
        db.createRow({ databaseId, tableId: 'inline', rowId: 'r1', data: { title: 'now' } }),
        400,
        'row_invalid_structure',
        /^Invalid document structure: Unknown attribute: "title"$/,
      );
      return;
    }
    // 1.9.6: a GET shows them, already available (seq 3160).
    const got = await db.getTable({ databaseId, tableId: 'inline' });
    assert.deepEqual(
      got.columns.map((c) => [c.key, c.type, c.status]),
      [
        ['title', 'string', 'available'],
        ['n', 'integer', 'available'],
        ['score', 'double', 'available'],
        ['flag', 'boolean', 'available'],
        ['when', 'datetime', 'available'],
        ['mail', 'string', 'available'],
        ['tags', 'string', 'available'],
      ],
    );
    assert.equal(got.columns[0].size, 64);
    assert.equal(got.columns[0].required, true);
    assert.equal(got.columns[1].min, 0);
    assert.equal(got.columns[1].max, 10);
    assert.equal(got.columns[1].default, 5);
    // An inline float column without bounds has `min`/`max` null (seq 3160).
    assert.equal(got.columns[2].min, null);
    assert.equal(got.columns[2].max, null);
    assert.equal(got.columns[3].default, false);
    assert.equal(got.columns[4].format, '');
    assert.equal(got.columns[5].format, 'email');
    assert.equal(got.columns[6].array, true);
    assert.deepEqual(
      got.indexes.map((i) => [i.key, i.type, i.status, i.columns]),
      [
        ['idx_title_n', 'key', 'available', ['title', 'n']],
        ['uq_mail', 'unique', 'available', ['mail']],
      ],
    );
    assert.deepEqual(got.indexes[0].orders.map((o) => o.toUpperCase()), ['ASC', 'DESC']);

    // Inline columns are usable right away: no polling needed.
    const column = await db.getColumn({ databaseId, tableId: 'inline', key: 'n' });
    assert.equal(column.status, 'available');
    const row = await db.createRow({ databaseId, tableId: 'inline', rowId: 'r1', data: { title: 'now', mail: 'a@b.co' } });
    assert.equal(row.n, 5);
    assert.equal(row.flag, false);
    assert.equal(row.score, null);
    // ...and so is the inline unique index.
    await expectError(
      db.createRow({ databaseId, tableId: 'inline', rowId: 'r2', data: { title: 'dup', mail: 'a@b.co' } }),
      409,
      'row_already_exists',
    );
  });

  it('createTable rejects bad inline definitions and creates nothing', async () => {
    if (!isV19) {
      // 1.8.1 ignores inline columns, so a bad one is not checked: the table is made
      // (node-tables.jsonl 1.8.1 seq 2542, 201 with `columns: []`). Remove it again so the
      // list tests below see the same two tables on both releases.
      const made = await db.createTable({
        databaseId,
        tableId: 'badinline',
        name: 'Bad',
        columns: [{ key: 'title', type: 'string', required: true }], // no size
      });
      assert.equal(made.$id, 'badinline');
      assert.deepEqual(made.columns, []);
      await db.deleteTable({ databaseId, tableId: 'badinline' });
      await expectError(db.getTable({ databaseId, tableId: 'badinline' }), 404, 'table_not_found');
      return;
    }
    // 1.9.6 seq 3158.
    await expectError(
      db.createTable({
        databaseId,
        tableId: 'badinline',
        name: 'Bad',
        columns: [{ key: 'title', type: 'string', required: true }], // no size
      }),
      400,
      'general_argument_invalid',
      /Invalid or missing size for string attribute 'title'/,
    );
    await expectError(db.getTable({ databaseId, tableId: 'badinline' }), 404, 'table_not_found');
  });

  it('getTable returns the table with its columns and indexes', async () => {
    const table = await db.getTable({ databaseId, tableId: 'inline' });
    assert.equal(table.$id, 'inline');
    assert.equal(table.name, `Inline ${token}`);
    // 1.8.1 made the table without its inline columns (seq 2543); 1.9.6 with all 7 and
    // both indexes (seq 3160).
    assert.equal(table.columns.length, isV19 ? 7 : 0, `columns on ${APPWRITE_VERSION}`);
    assert.equal(table.indexes.length, isV19 ? 2 : 0, `indexes on ${APPWRITE_VERSION}`);
    const books = await db.getTable({ databaseId, tableId: 'books' });
    assert.equal(books.rowSecurity, true);
  });

  it('listTables filters, searches, pages and counts', async () => {
    const all = await db.listTables({ databaseId });
    assert.equal(all.total, 2);
    assert.deepEqual(all.tables.map((t) => t.$id), ['books', 'inline']);

    const byName = await db.listTables({ databaseId, queries: [Query.equal('name', [`Inline ${token}`])] });
    assert.deepEqual(byName.tables.map((t) => t.$id), ['inline']);

    const desc = await db.listTables({ databaseId, queries: [Query.orderDesc('name')] });
    assert.deepEqual(desc.tables.map((t) => t.$id), ['inline', 'books']);

    const paged = await db.listTables({ databaseId, queries: [Query.limit(1), Query.offset(1)] });
    assert.equal(paged.total, 2);
    assert.deepEqual(paged.tables.map((t) => t.$id), ['inline']);

    const cursor = await db.listTables({ databaseId, queries: [Query.cursorAfter('books')] });
    assert.deepEqual(cursor.tables.map((t) => t.$id), ['inline']);

    const found = await db.listTables({ databaseId, search: 'Inline' });
    assert.deepEqual(found.tables.map((t) => t.$id), ['inline']);

    // `total: false` is accepted and ignored: the list still counts (1.9.6 seq 3168).
    const uncounted = await db.listTables({ databaseId, total: false });
    assert.equal(uncounted.total, 2);
    assert.equal(uncounted.tables.length, 2);
  });

  it('updateTable changes name, permissions, rowSecurity and enabled', async () => {
    const before = await db.getTable({ databaseId, tableId: 'books' });
    const table = await db.updateTable({
      databaseId,
      tableId: 'books',
      name: `Books v2 ${token}`,
      permissions: [Permission.read(Role.users())],
      rowSecurity: false,
      enabled: false,
    });
    assert.equal(table.$id, 'books');
    assert.equal(table.name, `Books v2 ${token}`);
    assert.deepEqual(table.$permissions, ['read("users")']);
    assert.equal(table.rowSecurity, false);
    assert.equal(table.enabled, false);
    assert.equal(table.$createdAt, before.$createdAt);

    const disabled = await db.listTables({ databaseId, queries: [Query.equal('enabled', [false])] });
    assert.deepEqual(disabled.tables.map((t) => t.$id), ['books']);

    // Omitted permissions keep the current ones; omitted rowSecurity/enabled reset to
    // false/true (Appwrite quirk).
    const renamed = await db.updateTable({ databaseId, tableId: 'books', name: `Books ${token}`, rowSecurity: true });
    assert.deepEqual(renamed.$permissions, ['read("users")']);
    assert.equal(renamed.rowSecurity, true);
    assert.equal(renamed.enabled, true);
    const reset = await db.updateTable({ databaseId, tableId: 'books', name: `Books ${token}` });
    assert.equal(reset.rowSecurity, false);
    assert.equal(reset.enabled, true);
  });

  it('deleteTable removes the table', async () => {
    await db.createTable({ databaseId, tableId: 'doomed', name: 'Doomed' });
    await db.deleteTable({ databaseId, tableId: 'doomed' });
    await expectError(db.getTable({ databaseId, tableId: 'doomed' }), 404, 'table_not_found');
    const list = await db.listTables({ databaseId });
    assert.ok(!list.tables.some((t) => t.$id === 'doomed'));
  });

  it('errors: unknown table or database, duplicate table ID', async () => {
    await expectError(db.getTable({ databaseId, tableId: 'missing' }), 404, 'table_not_found');
    await expectError(db.getTable({ databaseId: runId('missing'), tableId: 'books' }), 404, 'database_not_found');
    await expectError(db.listTables({ databaseId: runId('missing') }), 404, 'database_not_found');
    await expectError(db.createTable({ databaseId, tableId: 'books', name: 'Again' }), 409, 'table_already_exists');
    await expectError(db.deleteTable({ databaseId, tableId: 'missing' }), 404, 'table_not_found');
  });
});
