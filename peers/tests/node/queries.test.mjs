// node-appwrite 22 (Appwrite 1.8 format) against the emulator: every row query method
// of node-appwrite's Query helper that an Appwrite 1.8 server supports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IndexType, Query } from 'node-appwrite';

import { runId, tablesDB, waitColumn, waitIndex } from './support.mjs';

const db = tablesDB();
const databaseId = runId('queries');
const tableId = 'q';
const ids = { databaseId, tableId };

const day = (month, d = 1) => `2024-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00.000+00:00`;

// $createdAt/$updatedAt are set explicitly (allowed with an API key) so the
// created*/updated* helpers have fixed data to work on.
const ROWS = [
  { $id: 'r1', name: 'Alpha One', n: 1, price: 1.5, active: true, tags: ['red', 'blue'], note: 'first', at: day(1, 10), $createdAt: day(1), $updatedAt: day(7) },
  { $id: 'r2', name: 'Beta Two', n: 2, price: 2.5, active: false, tags: ['blue'], note: null, at: day(2, 10), $createdAt: day(2), $updatedAt: day(8) },
  { $id: 'r3', name: 'Gamma Three', n: 3, price: 3.5, active: true, tags: [], note: 'third', at: day(3, 10), $createdAt: day(3), $updatedAt: day(9) },
  { $id: 'r4', name: 'Delta Four', n: 4, price: 4.5, active: false, tags: ['green'], note: null, at: day(4, 10), $createdAt: day(4), $updatedAt: day(10) },
  { $id: 'r5', name: 'Alpha Five', n: 5, price: 5.5, active: true, tags: ['red'], note: 'fifth', at: day(5, 10), $createdAt: day(5), $updatedAt: day(11) },
];
const ALL = ROWS.map((r) => r.$id);

async function list(queries, extra = {}) {
  return db.listRows({ ...ids, queries, ...extra });
}

async function idsOf(queries) {
  return (await list(queries)).rows.map((r) => r.$id);
}

// [title, queries, expected IDs in order]
const FILTERS = [
  ['equal (scalar)', [Query.equal('n', 3)], ['r3']],
  ['equal (several values = IN)', [Query.equal('n', [1, 5])], ['r1', 'r5']],
  ['equal (boolean)', [Query.equal('active', true)], ['r1', 'r3', 'r5']],
  ['equal (string)', [Query.equal('name', 'Beta Two')], ['r2']],
  ['equal ($id)', [Query.equal('$id', ['r3', 'r4'])], ['r3', 'r4']],
  ['notEqual', [Query.notEqual('n', 3)], ['r1', 'r2', 'r4', 'r5']],
  ['notEqual never matches null', [Query.notEqual('note', 'first')], ['r3', 'r5']],
  ['lessThan', [Query.lessThan('n', 3)], ['r1', 'r2']],
  ['lessThanEqual', [Query.lessThanEqual('n', 3)], ['r1', 'r2', 'r3']],
  ['greaterThan (float)', [Query.greaterThan('price', 3.5)], ['r4', 'r5']],
  ['greaterThanEqual (float)', [Query.greaterThanEqual('price', 3.5)], ['r3', 'r4', 'r5']],
  ['greaterThan (datetime)', [Query.greaterThan('at', day(3, 10))], ['r4', 'r5']],
  ['lessThanEqual (datetime)', [Query.lessThanEqual('at', day(3, 10))], ['r1', 'r2', 'r3']],
  ['between (inclusive)', [Query.between('n', 2, 4)], ['r2', 'r3', 'r4']],
  ['between (float)', [Query.between('price', 2, 4)], ['r2', 'r3']],
  ['notBetween', [Query.notBetween('n', 2, 4)], ['r1', 'r5']],
  ['isNull', [Query.isNull('note')], ['r2', 'r4']],
  ['isNotNull', [Query.isNotNull('note')], ['r1', 'r3', 'r5']],
  ['startsWith', [Query.startsWith('name', 'Alpha')], ['r1', 'r5']],
  ['endsWith', [Query.endsWith('name', 'Two')], ['r2']],
  ['notStartsWith', [Query.notStartsWith('name', 'Alpha')], ['r2', 'r3', 'r4']],
  ['notEndsWith', [Query.notEndsWith('name', 'e')], ['r2', 'r4']],
  ['contains (substring)', [Query.contains('name', 'mm')], ['r3']],
  ['contains (any of several substrings)', [Query.contains('name', ['eta', 'elt'])], ['r2', 'r4']],
  ['contains (array element)', [Query.contains('tags', 'red')], ['r1', 'r5']],
  ['contains (any of several array elements)', [Query.contains('tags', ['green', 'blue'])], ['r1', 'r2', 'r4']],
  ['notContains (substring)', [Query.notContains('name', 'Alpha')], ['r2', 'r3', 'r4']],
  ['notContains (array element)', [Query.notContains('tags', 'red')], ['r2', 'r3', 'r4']],
  ['search (fulltext)', [Query.search('name', 'alpha')], ['r1', 'r5']],
  ['notSearch (fulltext)', [Query.notSearch('name', 'alpha')], ['r2', 'r3', 'r4']],
  ['and', [Query.and([Query.greaterThan('n', 1), Query.lessThan('n', 5)])], ['r2', 'r3', 'r4']],
  ['or', [Query.or([Query.equal('n', 1), Query.equal('n', 5)])], ['r1', 'r5']],
  [
    'or with a nested and',
    [Query.or([Query.equal('n', 1), Query.and([Query.greaterThan('price', 4), Query.equal('active', false)])])],
    ['r1', 'r4'],
  ],
  ['several filters are ANDed', [Query.equal('active', true), Query.greaterThan('n', 1)], ['r3', 'r5']],
  ['createdBefore', [Query.createdBefore(day(3))], ['r1', 'r2']],
  ['createdAfter', [Query.createdAfter(day(3))], ['r4', 'r5']],
  ['createdBetween', [Query.createdBetween(day(2), day(4))], ['r2', 'r3', 'r4']],
  ['updatedBefore', [Query.updatedBefore(day(9))], ['r1', 'r2']],
  ['updatedAfter', [Query.updatedAfter(day(9))], ['r4', 'r5']],
  ['updatedBetween', [Query.updatedBetween(day(8), day(10))], ['r2', 'r3', 'r4']],
];

const ORDERS = [
  ['orderAsc (integer)', [Query.orderAsc('n')], ['r1', 'r2', 'r3', 'r4', 'r5']],
  ['orderDesc (integer)', [Query.orderDesc('n')], ['r5', 'r4', 'r3', 'r2', 'r1']],
  ['orderAsc (string)', [Query.orderAsc('name')], ['r5', 'r1', 'r2', 'r4', 'r3']],
  ['orderDesc (float)', [Query.orderDesc('price')], ['r5', 'r4', 'r3', 'r2', 'r1']],
  ['orderDesc ($createdAt)', [Query.orderDesc('$createdAt')], ['r5', 'r4', 'r3', 'r2', 'r1']],
  ['two orders: the first has priority', [Query.orderDesc('active'), Query.orderAsc('n')], ['r1', 'r3', 'r5', 'r2', 'r4']],
  ['limit', [Query.limit(2)], ['r1', 'r2']],
  ['offset', [Query.offset(3)], ['r4', 'r5']],
  ['limit + offset', [Query.limit(2), Query.offset(1)], ['r2', 'r3']],
  ['cursorAfter', [Query.cursorAfter('r2')], ['r3', 'r4', 'r5']],
  ['cursorAfter + limit', [Query.cursorAfter('r2'), Query.limit(1)], ['r3']],
  ['cursorBefore', [Query.cursorBefore('r4')], ['r1', 'r2', 'r3']],
  ['cursorBefore + limit takes the nearest rows', [Query.cursorBefore('r4'), Query.limit(2)], ['r2', 'r3']],
  ['cursorAfter follows the order', [Query.orderDesc('n'), Query.cursorAfter('r4')], ['r3', 'r2', 'r1']],
  ['cursorBefore follows the order', [Query.orderAsc('name'), Query.cursorBefore('r2')], ['r5', 'r1']],
  ['filter + order + limit', [Query.equal('active', true), Query.orderDesc('n'), Query.limit(2)], ['r5', 'r3']],
];

describe('queries', () => {
  before(async () => {
    await db.create({ databaseId, name: 'Node queries' });
    await db.createTable({ ...ids, name: 'Queries' });
    await db.createStringColumn({ ...ids, key: 'name', size: 64, required: true });
    await db.createIntegerColumn({ ...ids, key: 'n', required: true });
    await db.createFloatColumn({ ...ids, key: 'price', required: true });
    await db.createBooleanColumn({ ...ids, key: 'active', required: true });
    await db.createStringColumn({ ...ids, key: 'tags', size: 32, required: false, array: true });
    await db.createStringColumn({ ...ids, key: 'note', size: 64, required: false });
    await db.createDatetimeColumn({ ...ids, key: 'at', required: true });
    for (const key of ['name', 'n', 'price', 'active', 'tags', 'note', 'at']) {
      await waitColumn(db, databaseId, tableId, key);
    }
    await db.createIndex({ ...ids, key: 'ft_name', type: IndexType.Fulltext, columns: ['name'] });
    await waitIndex(db, databaseId, tableId, 'ft_name');
    for (const { $id, ...data } of ROWS) {
      const row = await db.createRow({ ...ids, rowId: $id, data });
      assert.equal(row.$createdAt, data.$createdAt);
      assert.equal(row.$updatedAt, data.$updatedAt);
    }
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('no queries: every row, in insertion order', async () => {
    const all = await list([]);
    assert.equal(all.total, 5);
    assert.deepEqual(all.rows.map((r) => r.$id), ALL);
  });

  for (const [title, queries, expected] of FILTERS) {
    it(`filter: ${title}`, async () => {
      const result = await list(queries);
      assert.deepEqual(result.rows.map((r) => r.$id), expected, JSON.stringify(queries));
      assert.equal(result.total, expected.length, 'total counts the matches');
    });
  }

  for (const [title, queries, expected] of ORDERS) {
    it(`order/paging: ${title}`, async () => {
      assert.deepEqual(await idsOf(queries), expected, JSON.stringify(queries));
    });
  }

  it('orderRandom returns every row', async () => {
    const rows = await idsOf([Query.orderRandom()]);
    assert.deepEqual([...rows].sort(), ALL);
  });

  it('total ignores limit, offset and cursors', async () => {
    const page = await list([Query.equal('active', true), Query.limit(1), Query.offset(1)]);
    assert.equal(page.total, 3);
    assert.deepEqual(page.rows.map((r) => r.$id), ['r3']);
    const cursor = await list([Query.cursorAfter('r1'), Query.limit(1)]);
    assert.equal(cursor.total, 5);
  });

  it('total: false is ignored: the rows and their count', async () => {
    // Both releases still count (node-queries.jsonl 1.8.1 seq 2425, 1.9.6 seq 3042: `total: 3`).
    const result = await list([Query.equal('active', true)], { total: false });
    assert.equal(result.total, 3);
    assert.deepEqual(result.rows.map((r) => r.$id), ['r1', 'r3', 'r5']);
  });

  it('select: system fields plus the selected columns', async () => {
    const result = await list([Query.select(['name', 'n']), Query.equal('n', 2)]);
    assert.equal(result.rows.length, 1);
    const row = result.rows[0];
    assert.deepEqual(
      Object.keys(row).sort(),
      ['$createdAt', '$databaseId', '$id', '$permissions', '$sequence', '$tableId', '$updatedAt', 'n', 'name'],
    );
    assert.equal(row.name, 'Beta Two');
    assert.equal(row.n, 2);
  });

  it('select with filters on columns that are not selected', async () => {
    const result = await list([Query.select(['name']), Query.greaterThan('price', 5), Query.orderDesc('n')]);
    assert.deepEqual(result.rows.map((r) => [r.$id, r.name, 'price' in r]), [['r5', 'Alpha Five', false]]);
  });
});
