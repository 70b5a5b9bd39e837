// node-appwrite 22 (Appwrite 1.8 format) against the emulator: key, unique and fulltext
// indexes with orders and lengths.
//
// Runs against both profiles. They differ on an index over an array column: 1.8.1 takes
// it (node-indexes.jsonl 1.8.1 seq 2339; tour-indexes.jsonl seq 829–830 show it reach
// `available`), 1.9.6 refuses it (node-indexes.jsonl 1.9.6 seq 2953).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IndexType, OrderBy, Query } from 'node-appwrite';

import { DATETIME, expectError, isV19, runId, tablesDB, waitColumn, waitGone, waitIndex } from './support.mjs';

const db = tablesDB();
const databaseId = runId('indexes');
const tableId = 'idx';
const ids = { databaseId, tableId };

function assertIndex(index, key, type, columns) {
  assert.equal(index.key, key);
  assert.equal(index.type, type);
  assert.deepEqual(index.columns, columns);
  assert.equal(index.error, '');
  assert.equal(typeof index.$id, 'string');
  assert.match(index.$createdAt, DATETIME);
  assert.match(index.$updatedAt, DATETIME);
  assert.ok(Array.isArray(index.lengths));
  assert.ok(Array.isArray(index.orders));
}

describe('indexes', () => {
  before(async () => {
    await db.create({ databaseId, name: 'Node indexes' });
    await db.createTable({ ...ids, name: 'Indexes' });
    await db.createStringColumn({ ...ids, key: 'title', size: 128, required: true });
    await db.createIntegerColumn({ ...ids, key: 'n', required: false });
    await db.createEmailColumn({ ...ids, key: 'mail', required: false });
    await db.createStringColumn({ ...ids, key: 'tags', size: 16, required: false, array: true });
    for (const key of ['title', 'n', 'mail', 'tags']) await waitColumn(db, databaseId, tableId, key);
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('createIndex answers with the index in status processing', async () => {
    const key = await db.createIndex({
      ...ids,
      key: 'idx_title_n',
      type: IndexType.Key,
      columns: ['title', 'n'],
      orders: [OrderBy.Asc, OrderBy.Desc],
    });
    assert.equal(key.status, 'processing');
    assertIndex(key, 'idx_title_n', 'key', ['title', 'n']);
    assert.deepEqual(key.orders.map((o) => o.toUpperCase()), ['ASC', 'DESC']);

    const unique = await db.createIndex({ ...ids, key: 'uq_mail', type: IndexType.Unique, columns: ['mail'], lengths: [128] });
    assert.equal(unique.status, 'processing');
    assertIndex(unique, 'uq_mail', 'unique', ['mail']);
    assert.deepEqual(unique.lengths, [128]);

    const fulltext = await db.createIndex({ ...ids, key: 'ft_title', type: IndexType.Fulltext, columns: ['title'] });
    assert.equal(fulltext.status, 'processing');
    assertIndex(fulltext, 'ft_title', 'fulltext', ['title']);

    const created = await db.createIndex({ ...ids, key: 'idx_created', type: IndexType.Key, columns: ['$createdAt'], orders: [OrderBy.Desc] });
    assertIndex(created, 'idx_created', 'key', ['$createdAt']);
  });

  it('getIndex reaches available', async () => {
    const key = await waitIndex(db, databaseId, tableId, 'idx_title_n');
    assertIndex(key, 'idx_title_n', 'key', ['title', 'n']);
    assert.deepEqual(key.orders.map((o) => o.toUpperCase()), ['ASC', 'DESC']);
    const unique = await waitIndex(db, databaseId, tableId, 'uq_mail');
    assert.deepEqual(unique.lengths, [128]);
    await waitIndex(db, databaseId, tableId, 'ft_title');
    await waitIndex(db, databaseId, tableId, 'idx_created');
  });

  it('listIndexes lists, filters and counts', async () => {
    const all = await db.listIndexes(ids);
    assert.equal(all.total, 4);
    assert.deepEqual(all.indexes.map((i) => i.key), ['idx_title_n', 'uq_mail', 'ft_title', 'idx_created']);
    assert.ok(all.indexes.every((i) => i.status === 'available'));

    const unique = await db.listIndexes({ ...ids, queries: [Query.equal('type', ['unique'])] });
    assert.equal(unique.total, 1);
    assert.deepEqual(unique.indexes.map((i) => i.key), ['uq_mail']);

    // `total: false` is accepted and ignored: the list still counts (1.8.1 seq 2321, 1.9.6
    // seq 2934: `total: 4`).
    const limited = await db.listIndexes({ ...ids, queries: [Query.limit(1)], total: false });
    assert.equal(limited.total, 4);
    assert.deepEqual(limited.indexes.map((i) => i.key), ['idx_title_n']);

    const table = await db.getTable(ids);
    assert.deepEqual(table.indexes.map((i) => i.key), ['idx_title_n', 'uq_mail', 'ft_title', 'idx_created']);
  });

  it('a unique index rejects duplicates on create and update', async () => {
    await db.createRow({ ...ids, rowId: 'a', data: { title: 'hello world', mail: 'x@example.com' } });
    await db.createRow({ ...ids, rowId: 'b', data: { title: 'goodbye world', mail: 'y@example.com' } });
    await expectError(
      db.createRow({ ...ids, rowId: 'c', data: { title: 'dup', mail: 'x@example.com' } }),
      409,
      'row_already_exists',
    );
    await expectError(
      db.updateRow({ ...ids, rowId: 'b', data: { mail: 'x@example.com' } }),
      409,
      'row_already_exists',
    );
    // Nulls never collide.
    await db.createRow({ ...ids, rowId: 'n1', data: { title: 'no mail 1' } });
    await db.createRow({ ...ids, rowId: 'n2', data: { title: 'no mail 2' } });
  });

  it('a fulltext index enables search', async () => {
    const found = await db.listRows({ ...ids, queries: [Query.search('title', 'hello')] });
    assert.deepEqual(found.rows.map((r) => r.$id), ['a']);
  });

  it('deleteIndex removes the index and its effect', async () => {
    await db.deleteIndex({ ...ids, key: 'uq_mail' });
    await waitGone('index uq_mail', () => db.getIndex({ ...ids, key: 'uq_mail' }), 'column_index_not_found');
    await db.createRow({ ...ids, rowId: 'c', data: { title: 'dup', mail: 'x@example.com' } });

    await db.deleteIndex({ ...ids, key: 'ft_title' });
    await waitGone('index ft_title', () => db.getIndex({ ...ids, key: 'ft_title' }), 'column_index_not_found');
    await expectError(
      db.listRows({ ...ids, queries: [Query.search('title', 'hello')] }),
      400,
      'general_query_invalid',
    );

    const all = await db.listIndexes(ids);
    assert.deepEqual(all.indexes.map((i) => i.key), ['idx_title_n', 'idx_created']);
  });

  it('errors: duplicate key, unknown column, array column, fulltext on integer, unknown index', async () => {
    await expectError(
      db.createIndex({ ...ids, key: 'idx_title_n', type: IndexType.Key, columns: ['title'] }),
      409,
      'column_index_already_exists',
    );
    await expectError(
      db.createIndex({ ...ids, key: 'idx_nope', type: IndexType.Key, columns: ['nope'] }),
      400,
      'column_unknown',
      isV19 ? /The column 'nope' required for the index could not be found/ : /Unknown column: nope/,
    );
    await expectError(
      db.createIndex({ ...ids, key: 'ft_n', type: IndexType.Fulltext, columns: ['n'] }),
      400,
      'column_index_invalid',
    );
    await expectError(db.getIndex({ ...ids, key: 'nope' }), 404, 'column_index_not_found');
    await expectError(db.deleteIndex({ ...ids, key: 'nope' }), 404, 'column_index_not_found');
    // An index over an array column (last, so that the checks above always run).
    if (isV19) {
      await expectError(
        db.createIndex({ ...ids, key: 'idx_tags', type: IndexType.Key, columns: ['tags'] }),
        400,
        'index_invalid',
        /Creating indexes on array attributes is not currently supported/,
      );
    } else {
      const tags = await db.createIndex({ ...ids, key: 'idx_tags', type: IndexType.Key, columns: ['tags'] });
      assert.equal(tags.status, 'processing');
      assertIndex(tags, 'idx_tags', 'key', ['tags']);
      assert.deepEqual(tags.lengths, [255]);
      assert.deepEqual(tags.orders, [null]);
      await waitIndex(db, databaseId, tableId, 'idx_tags');
    }
  });
});
