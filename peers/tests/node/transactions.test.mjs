// node-appwrite 22 (Appwrite 1.8 format) against the emulator: transactions. Staging row
// writes through `transactionId` (single, bulk, increment/decrement), read-your-writes,
// createOperations, commit (all or nothing), rollback, delete, list, and the errors
// (legacy types included).
//
// Runs against both profiles; the two releases answered this file alike
// (node-transactions.jsonl, 1.8.1 seq 2560–2620, 1.9.6 seq 3190–3243).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Query } from 'node-appwrite';

import { DATETIME, UNIQUE_ID, expectError, runId, tablesDB, waitColumn } from './support.mjs';

const db = tablesDB();

describe('transactions', () => {
  const databaseId = runId('txn');
  const tableId = 'books';
  const ids = { databaseId, tableId };

  const rowIds = async (transactionId) => {
    const list = await db.listRows({
      ...ids,
      queries: [Query.orderAsc('$id'), Query.limit(100)],
      ...(transactionId ? { transactionId } : {}),
    });
    return list.rows.map((r) => r.$id);
  };

  before(async () => {
    await db.create({ databaseId, name: 'Node transactions' });
    await db.createTable({ ...ids, name: 'Books' });
    await db.createStringColumn({ ...ids, key: 'title', size: 64, required: false });
    await db.createIntegerColumn({ ...ids, key: 'count', required: false, min: 0, max: 1000 });
    await waitColumn(db, databaseId, tableId, 'title');
    await waitColumn(db, databaseId, tableId, 'count');
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('createTransaction, getTransaction, listTransactions, deleteTransaction', async () => {
    const tx = await db.createTransaction({ ttl: 60 });
    assert.match(tx.$id, UNIQUE_ID);
    assert.equal(tx.status, 'pending');
    assert.equal(tx.operations, 0);
    assert.match(tx.$createdAt, DATETIME);
    assert.match(tx.expiresAt, DATETIME);
    const ttl = Date.parse(tx.expiresAt) - Date.parse(tx.$createdAt);
    assert.ok(Math.abs(ttl - 60_000) < 1000, `ttl ${ttl}`);
    const fetched = await db.getTransaction({ transactionId: tx.$id });
    assert.deepEqual(fetched, tx);
    const list = await db.listTransactions({ queries: [Query.equal('$id', [tx.$id])] });
    assert.equal(list.total, 1);
    assert.equal(list.transactions[0].$id, tx.$id);
    const pending = await db.listTransactions({ queries: [Query.equal('status', ['pending'])] });
    assert.ok(pending.transactions.some((t) => t.$id === tx.$id));
    // Default ttl: 300 s; positional arguments work too.
    const other = await db.createTransaction();
    assert.ok(Math.abs(Date.parse(other.expiresAt) - Date.parse(other.$createdAt) - 300_000) < 1000);
    await db.deleteTransaction({ transactionId: other.$id });
    await db.deleteTransaction(tx.$id);
    await expectError(db.getTransaction({ transactionId: tx.$id }), 404, 'transaction_not_found');
    await expectError(db.createTransaction({ ttl: 30 }), 400, 'general_argument_invalid', /valid range between 60 and 3,600/);
  });

  it('stages every row write and commits them together', async () => {
    await db.createRow({ ...ids, rowId: 'r1', data: { title: 'one', count: 1 } });
    await db.createRow({ ...ids, rowId: 'r2', data: { title: 'two', count: 2 } });
    const tx = await db.createTransaction();
    const transactionId = tx.$id;

    let staged = await db.createRow({ ...ids, rowId: 'r3', data: { title: 'three' }, transactionId });
    assert.equal(staged.$id, 'r3');
    assert.equal(staged.$tableId, tableId);
    assert.equal(staged.$databaseId, databaseId);
    assert.equal(staged.title, 'three');
    staged = await db.updateRow({ ...ids, rowId: 'r1', data: { title: 'uno' }, transactionId });
    assert.equal(staged.title, 'uno');
    assert.equal(staged.count, 1);
    assert.equal(typeof staged.$sequence, 'number');
    await db.upsertRow({ ...ids, rowId: 'r4', data: { title: 'four' }, transactionId });
    // A staged increment/decrement answers the delta as `count` (1.8.1 seq 2581–2582, 1.9.6
    // seq 3205–3206: 4, then 1), not the new value.
    staged = await db.incrementRowColumn({ ...ids, rowId: 'r1', column: 'count', value: 4, transactionId });
    assert.equal(staged.count, 4);
    staged = await db.decrementRowColumn({ ...ids, rowId: 'r1', column: 'count', value: 1, min: 0, transactionId });
    assert.equal(staged.count, 1);
    await db.deleteRow({ ...ids, rowId: 'r2', transactionId });
    let bulk = await db.createRows({
      ...ids,
      rows: [{ $id: 'b1', title: 'bulk' }, { $id: 'b2', title: 'bulk' }],
      transactionId,
    });
    assert.deepEqual({ ...bulk }, { total: 2, rows: [] });
    bulk = await db.updateRows({ ...ids, data: { count: 7 }, queries: [Query.equal('title', ['bulk'])], transactionId });
    assert.deepEqual({ ...bulk }, { total: 0, rows: [] });
    bulk = await db.upsertRows({ ...ids, rows: [{ $id: 'b3', title: 'b3' }], transactionId });
    assert.deepEqual({ ...bulk }, { total: 1, rows: [] });
    bulk = await db.deleteRows({ ...ids, queries: [Query.equal('$id', ['b2'])], transactionId });
    assert.deepEqual({ ...bulk }, { total: 0, rows: [] });
    const withOps = await db.createOperations({
      transactionId,
      operations: [
        { action: 'create', databaseId, tableId, rowId: 'o1', data: { title: 'op', count: 1 } },
        { action: 'update', databaseId, tableId, rowId: 'o1', data: { count: 9 } },
      ],
    });
    assert.equal(withOps.operations, 12);

    // Nothing applied yet; reads through the transaction see the staged writes, except
    // the increment and decrement, and list the stored rows first and then the staged
    // creations in staging order, whatever the `orderAsc('$id')` (1.8.1 seq 2590, 1.9.6
    // seq 3214: r1 with `title: 'uno'` and `count: 1`, then r3, r4, b1, b3, o1).
    assert.deepEqual(await rowIds(), ['r1', 'r2']);
    // (Checked at the end of the test, so that a wrong order does not hide the rest.)
    const seenInTransaction = await rowIds(transactionId);
    const r1 = await db.getRow({ ...ids, rowId: 'r1', transactionId });
    assert.equal(r1.title, 'uno');
    assert.equal(r1.count, 1, 'a read inside the transaction misses the staged increment/decrement');
    await expectError(db.getRow({ ...ids, rowId: 'r2', transactionId }), 404, 'row_not_found');
    // Filters apply to the stored rows only: the staged creations are listed after them,
    // unfiltered (1.8.1 seq 1679 lists staged rows a filter would exclude).
    const sevens = await db.listRows({ ...ids, queries: [Query.equal('count', [7])], transactionId });
    assert.deepEqual(sevens.rows.map((r) => r.$id), ['r3', 'r4', 'b1', 'b3', 'o1']);

    const done = await db.updateTransaction({ transactionId, commit: true });
    assert.equal(done.status, 'committed');
    assert.equal(done.operations, 12);
    assert.deepEqual(await rowIds(), ['b1', 'b3', 'o1', 'r1', 'r3', 'r4']);
    assert.equal((await db.getRow({ ...ids, rowId: 'o1' })).count, 9);
    assert.equal((await db.getRow({ ...ids, rowId: 'b1' })).count, 7);
    await expectError(db.updateTransaction({ transactionId, commit: true }), 400, 'transaction_not_ready');
    await expectError(db.updateTransaction({ transactionId, rollback: true }), 400, 'transaction_not_ready');

    assert.deepEqual(seenInTransaction, ['r1', 'r3', 'r4', 'b1', 'b3', 'o1']);
  });

  it('rollback discards the staged writes', async () => {
    const initial = await rowIds();
    const { $id: transactionId } = await db.createTransaction();
    await db.createRow({ ...ids, rowId: 'gone', data: { title: 'x' }, transactionId });
    const rolled = await db.updateTransaction({ transactionId, rollback: true });
    assert.equal(rolled.status, 'failed');
    assert.equal(rolled.operations, 1);
    assert.deepEqual(await rowIds(), initial);
    await expectError(
      db.createRow({ ...ids, rowId: 'late', data: { title: 'x' }, transactionId }),
      400,
      'transaction_not_ready',
    );
    await expectError(
      db.incrementRowColumn({ ...ids, rowId: 'r1', column: 'count', transactionId }),
      400,
      'general_bad_request',
      /non.pending/,
    );
  });

  it('a failing commit applies nothing', async () => {
    const initial = await rowIds();
    // A duplicate ID: 409 transaction_conflict.
    let { $id: transactionId } = await db.createTransaction();
    await db.createRow({ ...ids, rowId: 'fresh', data: { title: 'fresh' }, transactionId });
    await db.createRow({ ...ids, rowId: 'r1', data: { title: 'dup' }, transactionId });
    await expectError(db.updateTransaction({ transactionId, commit: true }), 409, 'transaction_conflict');
    assert.equal((await db.getTransaction({ transactionId })).status, 'failed');
    assert.deepEqual(await rowIds(), initial);

    // The structure is checked at commit: 400 document_invalid_structure.
    ({ $id: transactionId } = await db.createTransaction());
    await db.createRow({ ...ids, rowId: 'odd', data: { nope: 1 }, transactionId });
    await expectError(
      db.updateTransaction({ transactionId, commit: true }),
      400,
      'document_invalid_structure',
      /Unknown attribute/,
    );

    // A row changed after it was staged: 409 transaction_conflict.
    ({ $id: transactionId } = await db.createTransaction());
    await db.updateRow({ ...ids, rowId: 'r3', data: { count: 50 }, transactionId });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.updateRow({ ...ids, rowId: 'r3', data: { title: 'outside' } });
    await expectError(db.updateTransaction({ transactionId, commit: true }), 409, 'transaction_conflict');
    const r3 = await db.getRow({ ...ids, rowId: 'r3' });
    assert.equal(r3.title, 'outside');
    assert.equal(r3.count, null);
  });

  it('createOperations errors and limits', async () => {
    const { $id: transactionId } = await db.createTransaction();
    await expectError(db.createOperations({ transactionId, operations: [] }), 400, 'general_bad_request');
    await expectError(
      db.createOperations({ transactionId, operations: [{ action: 'create', databaseId, rowId: 'x', data: {} }] }),
      400,
      'general_argument_invalid',
      /Missing required key: tableId/,
    );
    await expectError(
      db.createOperations({
        transactionId,
        operations: [{ action: 'update', databaseId, tableId, rowId: 'ghost', data: { count: 1 } }],
      }),
      404,
      'document_not_found',
    );
    await expectError(
      db.createOperations({
        transactionId,
        operations: [{ action: 'create', databaseId, tableId: 'nope', rowId: 'x', data: {} }],
      }),
      404,
      'collection_not_found',
    );
    const operations = Array.from({ length: 100 }, (_, i) => ({
      action: 'create',
      databaseId,
      tableId,
      rowId: `n${i}`,
      data: { count: i },
    }));
    await expectError(
      db.createOperations({ transactionId, operations: [...operations, operations[0]] }),
      400,
      'transaction_limit_exceeded',
    );
    const full = await db.createOperations({ transactionId, operations });
    assert.equal(full.operations, 100);
    await expectError(
      db.createRow({ ...ids, rowId: 'over', data: { count: 1 }, transactionId }),
      400,
      'transaction_limit_exceeded',
      /already has 100 operations/,
    );
    await db.deleteTransaction({ transactionId });
    await expectError(
      db.createRow({ ...ids, rowId: 'x', data: { count: 1 }, transactionId }),
      404,
      'transaction_not_found',
    );
  });
});
