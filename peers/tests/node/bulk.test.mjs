// node-appwrite 22 (Appwrite 1.8 format) against the emulator: the bulk row endpoints
// (createRows, upsertRows, updateRows, deleteRows), each all-or-nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Query } from 'node-appwrite';

import { expectError, runId, tablesDB, waitColumn } from './support.mjs';

const db = tablesDB();

describe('bulk rows', () => {
  const databaseId = runId('bulk');
  const tableId = 'items';
  const ids = { databaseId, tableId };
  const titles = async () =>
    (await db.listRows({ ...ids, queries: [Query.orderAsc('$id'), Query.limit(100)] })).rows.map(
      (r) => `${r.$id}:${r.title}:${r.count}`,
    );

  before(async () => {
    await db.create({ databaseId, name: 'Node bulk' });
    await db.createTable({ ...ids, name: 'Items' });
    await db.createStringColumn({ ...ids, key: 'title', size: 32, required: true });
    await db.createIntegerColumn({ ...ids, key: 'count', required: false, min: 0, max: 100 });
    for (const key of ['title', 'count']) await waitColumn(db, databaseId, tableId, key);
  });

  after(async () => {
    await db.delete({ databaseId });
  });

  it('createRows creates every row, generating missing IDs', async () => {
    const created = await db.createRows({
      ...ids,
      rows: [
        { $id: 'a', title: 'A', count: 1 },
        { $id: 'b', title: 'B', count: 2, $permissions: ['read("any")'] },
        { title: 'generated', count: 3 },
      ],
    });
    assert.equal(created.total, 3);
    assert.equal(created.rows.length, 3);
    assert.match(created.rows[2].$id, /^[0-9a-f]{20}$/);
    assert.deepEqual(created.rows[1].$permissions, ['read("any")']);
    assert.equal(typeof created.rows[0].$sequence, 'number');
  });

  it('createRows is all-or-nothing', async () => {
    const before = await titles();
    await expectError(
      db.createRows({ ...ids, rows: [{ $id: 'c', title: 'C' }, { $id: 'd', count: 500 }] }),
      400,
      'row_invalid_structure',
    );
    await expectError(
      db.createRows({ ...ids, rows: [{ $id: 'e', title: 'E' }, { $id: 'a', title: 'dup' }] }),
      409,
      'row_already_exists',
    );
    assert.deepEqual(await titles(), before);
  });

  it('upsertRows creates new rows, merges into existing ones and skips unchanged ones', async () => {
    const result = await db.upsertRows({
      ...ids,
      rows: [
        { $id: 'a', title: 'A2' },
        { $id: 'b', title: 'B', count: 2 },
        { $id: 'f', title: 'F', count: 6 },
      ],
    });
    assert.equal(result.total, 2);
    assert.deepEqual(result.rows.map((r) => r.$id).sort(), ['a', 'f']);
    const a = await db.getRow({ ...ids, rowId: 'a' });
    assert.equal(a.title, 'A2');
    assert.equal(a.count, 1);
  });

  it('updateRows changes the rows the queries select', async () => {
    const result = await db.updateRows({
      ...ids,
      data: { count: 9 },
      queries: [Query.lessThan('count', 3)],
    });
    assert.equal(result.total, 2);
    assert.deepEqual(result.rows.map((r) => r.count), [9, 9]);
    const nine = await db.listRows({ ...ids, queries: [Query.equal('count', [9])] });
    assert.equal(nine.total, 2);
    await expectError(db.updateRows({ ...ids, data: { count: 1000 } }), 400, 'row_invalid_structure');
    assert.equal((await db.listRows({ ...ids, queries: [Query.equal('count', [9])] })).total, 2);
  });

  it('deleteRows deletes the rows the queries select and answers them', async () => {
    const result = await db.deleteRows({ ...ids, queries: [Query.equal('count', [9])] });
    assert.equal(result.total, 2);
    assert.deepEqual(result.rows.map((r) => r.$id).sort(), ['a', 'b']);
    const left = await db.listRows({ ...ids });
    assert.equal(left.total, 2);
    const all = await db.deleteRows({ ...ids });
    assert.equal(all.total, 2);
    assert.equal((await db.listRows({ ...ids })).total, 0);
  });
});
