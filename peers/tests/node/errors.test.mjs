// node-appwrite 22 (Appwrite 1.8 format) against the emulator: the AppwriteException
// (HTTP code + error type) the SDK raises for common mistakes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppwriteException, Query } from 'node-appwrite';

import { expectError, runId, tablesDB, waitColumn } from './support.mjs';

const db = tablesDB();
const databaseId = runId('errors');
const tableId = 'e';
const ids = { databaseId, tableId };

describe('errors', () => {
  before(async () => {
    await db.create({ databaseId, name: 'Node errors' });
    await db.createTable({ ...ids, name: 'Errors' });
    await db.createStringColumn({ ...ids, key: 'title', size: 16, required: true });
    await db.createIntegerColumn({ ...ids, key: 'n', required: false, min: 0, max: 10 });
    await db.createEmailColumn({ ...ids, key: 'mail', required: false });
    for (const key of ['title', 'n', 'mail']) await waitColumn(db, databaseId, tableId, key);
    await db.createRow({ ...ids, rowId: 'exists', data: { title: 'here' } });
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('missing row: 404 row_not_found (get, update, delete)', async () => {
    await expectError(db.getRow({ ...ids, rowId: 'missing' }), 404, 'row_not_found');
    await expectError(db.updateRow({ ...ids, rowId: 'missing', data: { n: 1 } }), 404, 'row_not_found');
    await expectError(db.deleteRow({ ...ids, rowId: 'missing' }), 404, 'row_not_found');
  });

  it('the exception carries code, type, message and the raw response', async () => {
    await assert.rejects(db.getRow({ ...ids, rowId: 'missing' }), (e) => {
      assert.ok(e instanceof AppwriteException);
      assert.equal(e.name, 'AppwriteException');
      assert.equal(e.code, 404);
      assert.equal(e.type, 'row_not_found');
      const body = JSON.parse(e.response);
      assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'type', 'version']);
      assert.equal(body.message, e.message);
      return true;
    });
  });

  it('duplicate row ID: 409 row_already_exists', async () => {
    await expectError(
      db.createRow({ ...ids, rowId: 'exists', data: { title: 'again' } }),
      409,
      'row_already_exists',
    );
  });

  it('bad row data: 400 row_invalid_structure', async () => {
    await expectError(
      db.createRow({ ...ids, rowId: 'r1', data: { title: 'x', nope: 1 } }),
      400,
      'row_invalid_structure',
      /Unknown attribute: "nope"/,
    );
    await expectError(
      db.updateRow({ ...ids, rowId: 'exists', data: { nope: 1 } }),
      400,
      'row_invalid_structure',
      /Unknown attribute/,
    );
    await expectError(
      db.createRow({ ...ids, rowId: 'r1', data: { n: 1 } }),
      400,
      'row_invalid_structure',
      /Missing required attribute "title"/,
    );
    await expectError(db.createRow({ ...ids, rowId: 'r1', data: { title: 'x', n: 'one' } }), 400, 'row_invalid_structure');
    await expectError(db.createRow({ ...ids, rowId: 'r1', data: { title: 'x', n: 11 } }), 400, 'row_invalid_structure');
    await expectError(db.createRow({ ...ids, rowId: 'r1', data: { title: 'x'.repeat(17) } }), 400, 'row_invalid_structure');
    await expectError(db.createRow({ ...ids, rowId: 'r1', data: { title: 'x', mail: 'not-an-email' } }), 400, 'row_invalid_structure');
    // Nothing was written.
    await expectError(db.getRow({ ...ids, rowId: 'r1' }), 404, 'row_not_found');
  });

  it('empty update: 400 row_missing_payload', async () => {
    await expectError(db.updateRow({ ...ids, rowId: 'exists' }), 400, 'row_missing_payload');
  });

  it('bad queries: 400 general_query_invalid', async () => {
    await expectError(db.listRows({ ...ids, queries: [Query.equal('nope', 'x')] }), 400, 'general_query_invalid');
    await expectError(
      db.listRows({ ...ids, queries: ['{"method":"nope","attribute":"title","values":["x"]}'] }),
      400,
      'general_query_invalid',
      /Invalid query method: nope/,
    );
    await expectError(db.listRows({ ...ids, queries: ['not json'] }), 400, 'general_query_invalid');
    await expectError(db.listRows({ ...ids, queries: [Query.equal('n', 'one')] }), 400, 'general_query_invalid');
    await expectError(db.listRows({ ...ids, queries: [Query.limit(0)] }), 400, 'general_query_invalid');
    // search needs a fulltext index.
    await expectError(db.listRows({ ...ids, queries: [Query.search('title', 'here')] }), 400, 'general_query_invalid');
    // getRow only accepts select.
    await expectError(
      db.getRow({ ...ids, rowId: 'exists', queries: [Query.equal('title', 'here')] }),
      400,
      'general_query_invalid',
    );
  });

  it('unknown cursor: 400 general_cursor_not_found', async () => {
    await expectError(db.listRows({ ...ids, queries: [Query.cursorAfter('missing')] }), 400, 'general_cursor_not_found');
  });

  it('unknown table or database on row routes: 404', async () => {
    await expectError(db.listRows({ databaseId, tableId: 'missing' }), 404, 'table_not_found');
    await expectError(db.getRow({ databaseId: runId('missing'), tableId, rowId: 'exists' }), 404, 'database_not_found');
    await expectError(
      db.createRow({ databaseId, tableId: 'missing', rowId: 'r1', data: { title: 'x' } }),
      404,
      'table_not_found',
    );
  });

  it('invalid IDs and permissions: 400 general_argument_invalid', async () => {
    await expectError(
      db.createRow({ ...ids, rowId: '_bad', data: { title: 'x' } }),
      400,
      'general_argument_invalid',
    );
    await expectError(
      db.createRow({ ...ids, rowId: 'r1', data: { title: 'x' }, permissions: ['create("any")'] }),
      400,
      'general_argument_invalid',
    );
  });
});
