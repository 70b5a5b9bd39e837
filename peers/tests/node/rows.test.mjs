// node-appwrite 22 (Appwrite 1.8 format) against the emulator: single-row create, get,
// list, update, upsert and delete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ID, Permission, Query, Role } from 'node-appwrite';

import { DATETIME, UNIQUE_ID, expectError, runId, tablesDB, waitColumn } from './support.mjs';

const db = tablesDB();
const databaseId = runId('rows');
const tableId = 'books';
const ids = { databaseId, tableId };
const SYSTEM = ['$id', '$sequence', '$tableId', '$databaseId', '$createdAt', '$updatedAt', '$permissions'];
const COLUMNS = ['title', 'count', 'price', 'published', 'publishedAt', 'tags', 'email', 'genre'];

function assertRow(row, id) {
  assert.equal(row.$id, id);
  assert.equal(row.$tableId, tableId);
  assert.equal(row.$databaseId, databaseId);
  // Appwrite 1.8 (the format node-appwrite 22 asks for) sends $sequence as a JSON integer.
  assert.equal(typeof row.$sequence, 'number', `$sequence ${JSON.stringify(row.$sequence)}`);
  assert.ok(Number.isInteger(row.$sequence) && row.$sequence > 0);
  assert.match(row.$createdAt, DATETIME);
  assert.match(row.$updatedAt, DATETIME);
  assert.ok(Array.isArray(row.$permissions));
}

describe('rows', () => {
  let created; // the row made with ID.unique()

  before(async () => {
    await db.create({ databaseId, name: 'Node rows' });
    await db.createTable({ ...ids, name: 'Books', permissions: [Permission.read(Role.any())] });
    await db.createStringColumn({ ...ids, key: 'title', size: 128, required: true });
    await db.createIntegerColumn({ ...ids, key: 'count', required: false, min: 0, max: 1000, xdefault: 0 });
    await db.createFloatColumn({ ...ids, key: 'price', required: false });
    await db.createBooleanColumn({ ...ids, key: 'published', required: false, xdefault: false });
    await db.createDatetimeColumn({ ...ids, key: 'publishedAt', required: false });
    await db.createStringColumn({ ...ids, key: 'tags', size: 32, required: false, array: true });
    await db.createEmailColumn({ ...ids, key: 'email', required: false });
    await db.createEnumColumn({ ...ids, key: 'genre', elements: ['fiction', 'science'], required: false });
    for (const key of COLUMNS) await waitColumn(db, databaseId, tableId, key);
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('createRow with ID.unique() and permissions', async () => {
    const rowId = ID.unique();
    const row = await db.createRow({
      ...ids,
      rowId,
      data: {
        title: 'Dune',
        count: 3,
        price: 9.99,
        published: true,
        publishedAt: '2024-05-01T14:00:00.000+02:00',
        tags: ['classic', 'space'],
        email: 'frank@example.com',
        genre: 'fiction',
      },
      permissions: [Permission.read(Role.any()), Permission.write(Role.user('u1'))],
    });
    assertRow(row, rowId);
    assert.match(row.$id, UNIQUE_ID);
    assert.equal(row.title, 'Dune');
    assert.equal(row.count, 3);
    assert.equal(row.price, 9.99);
    assert.equal(row.published, true);
    // Datetimes are stored in UTC.
    assert.equal(row.publishedAt, '2024-05-01T12:00:00.000+00:00');
    assert.deepEqual(row.tags, ['classic', 'space']);
    assert.equal(row.email, 'frank@example.com');
    assert.equal(row.genre, 'fiction');
    // Row-level `write` expands to update + delete (no create on rows).
    assert.deepEqual([...row.$permissions].sort(), ['delete("user:u1")', 'read("any")', 'update("user:u1")']);
    assert.equal(row.$createdAt, row.$updatedAt);
    created = row;
  });

  it('createRow with a custom ID, defaults and no permissions', async () => {
    const row = await db.createRow({ ...ids, rowId: 'book-1', data: { title: 'Emma' } });
    assertRow(row, 'book-1');
    assert.deepEqual(row.$permissions, []);
    assert.equal(row.count, 0, 'integer default');
    assert.equal(row.published, false, 'boolean default');
    assert.equal(row.price, null);
    assert.equal(row.publishedAt, null);
    assert.equal(row.email, null);
    assert.equal(row.genre, null);
    assert.ok(row.$sequence > created.$sequence, '$sequence grows');
    // Every column is present in the row.
    for (const key of [...SYSTEM, ...COLUMNS]) assert.ok(key in row, `missing ${key}`);
  });

  it('createRow with the literal unique() lets the server pick the ID', async () => {
    const row = await db.createRow({ ...ids, rowId: 'unique()', data: { title: 'Generated' } });
    assert.match(row.$id, UNIQUE_ID);
    assert.equal((await db.getRow({ ...ids, rowId: row.$id })).title, 'Generated');
    await db.deleteRow({ ...ids, rowId: row.$id });
  });

  it('getRow returns the stored row', async () => {
    const row = await db.getRow({ ...ids, rowId: created.$id });
    assert.deepEqual(row, created);
  });

  it('getRow with Query.select returns system fields and the selected columns only', async () => {
    const row = await db.getRow({ ...ids, rowId: created.$id, queries: [Query.select(['title', 'count'])] });
    assert.deepEqual(Object.keys(row).sort(), [...SYSTEM, 'title', 'count'].sort());
    assert.equal(row.title, 'Dune');
    assert.equal(row.count, 3);
    assert.equal(row.$sequence, created.$sequence);

    const star = await db.getRow({ ...ids, rowId: created.$id, queries: [Query.select(['*'])] });
    assert.deepEqual(star, created);
  });

  it('listRows lists in insertion order with a total', async () => {
    const list = await db.listRows(ids);
    assert.equal(list.total, 2);
    assert.deepEqual(list.rows.map((r) => r.$id), [created.$id, 'book-1']);
    assert.deepEqual(list.rows[0], created);
    // `total: false` is accepted and ignored (node-rows.jsonl 1.8.1 seq 2520, 1.9.6 seq 3136).
    const uncounted = await db.listRows({ ...ids, total: false });
    assert.equal(uncounted.total, 2);
    assert.equal(uncounted.rows.length, 2);
    const selected = await db.listRows({ ...ids, queries: [Query.select(['title'])] });
    assert.deepEqual(selected.rows.map((r) => Object.keys(r).sort()), [
      [...SYSTEM, 'title'].sort(),
      [...SYSTEM, 'title'].sort(),
    ]);
  });

  it('updateRow merges data and keeps the rest', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const row = await db.updateRow({ ...ids, rowId: 'book-1', data: { count: 5, tags: ['x'] } });
    assertRow(row, 'book-1');
    assert.equal(row.title, 'Emma');
    assert.equal(row.count, 5);
    assert.deepEqual(row.tags, ['x']);
    assert.ok(row.$updatedAt > row.$createdAt, '$updatedAt moves on change');
    assert.deepEqual(row, await db.getRow({ ...ids, rowId: 'book-1' }));

    // null re-applies the column default.
    const reset = await db.updateRow({ ...ids, rowId: 'book-1', data: { count: null } });
    assert.equal(reset.count, 0);
  });

  it('updateRow with permissions only replaces them; [] clears them', async () => {
    const row = await db.updateRow({ ...ids, rowId: 'book-1', permissions: [Permission.read(Role.users())] });
    assert.deepEqual(row.$permissions, ['read("users")']);
    assert.equal(row.title, 'Emma');
    const same = await db.updateRow({ ...ids, rowId: 'book-1', data: { title: 'Emma!' } });
    assert.deepEqual(same.$permissions, ['read("users")'], 'omitted permissions are kept');
    const cleared = await db.updateRow({ ...ids, rowId: 'book-1', permissions: [] });
    assert.deepEqual(cleared.$permissions, []);
  });

  it('upsertRow updates an existing row and creates a missing one', async () => {
    const updated = await db.upsertRow({ ...ids, rowId: 'book-1', data: { title: 'Emma (2nd ed.)', price: 12.5 } });
    assertRow(updated, 'book-1');
    assert.equal(updated.title, 'Emma (2nd ed.)');
    assert.equal(updated.price, 12.5);

    const createdByUpsert = await db.upsertRow({
      ...ids,
      rowId: 'book-2',
      data: { title: 'Persuasion', genre: 'fiction' },
      permissions: [Permission.read(Role.any())],
    });
    assertRow(createdByUpsert, 'book-2');
    assert.equal(createdByUpsert.title, 'Persuasion');
    assert.equal(createdByUpsert.count, 0);
    assert.deepEqual(createdByUpsert.$permissions, ['read("any")']);
    assert.equal((await db.listRows(ids)).total, 3);
  });

  it('deleteRow removes the row', async () => {
    await db.deleteRow({ ...ids, rowId: 'book-2' });
    await expectError(db.getRow({ ...ids, rowId: 'book-2' }), 404, 'row_not_found');
    const list = await db.listRows(ids);
    assert.deepEqual(list.rows.map((r) => r.$id), [created.$id, 'book-1']);
  });

  it('rows accept $createdAt/$updatedAt from an API key', async () => {
    const row = await db.createRow({
      ...ids,
      rowId: 'dated',
      data: { title: 'Old', $createdAt: '2020-01-01T00:00:00.000+00:00', $updatedAt: '2020-06-01T00:00:00.000+00:00' },
    });
    assert.equal(row.$createdAt, '2020-01-01T00:00:00.000+00:00');
    assert.equal(row.$updatedAt, '2020-06-01T00:00:00.000+00:00');
    const fetched = await db.getRow({ ...ids, rowId: 'dated' });
    assert.equal(fetched.$createdAt, '2020-01-01T00:00:00.000+00:00');
    await db.deleteRow({ ...ids, rowId: 'dated' });
  });
});
