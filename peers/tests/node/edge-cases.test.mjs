// node-appwrite 22 (Appwrite 1.8 format) against the emulator: query-string encoding of
// awkward values, int64 precision, and Appwrite 1.8 query semantics that are easy to get
// subtly wrong (fulltext search, datetime values, $sequence, defaults and limits).
//
// Runs against both profiles. The tables are made with the column routes, not inline:
// 1.8.1 ignores inline columns (node-edge-cases.jsonl 1.8.1 seq 2261–2262: `Unknown
// attribute: "name"`), and 1.9.6 gives an inline integer column only the 32-bit range
// (1.9.6 seq 2875: "Value must be a valid signed 32-bit integer"), which int64 values
// need. Inline creation itself is covered by tables.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Query } from 'node-appwrite';

import { expectError, isV19, runId, tablesDB, waitColumn, waitIndex } from './support.mjs';

const db = tablesDB();
const databaseId = runId('edge');
const tableId = 'edge';
const ids = { databaseId, tableId };

const NAMES = {
  e1: 'Alpha One',
  e2: 'Beta Two',
  e3: 'a b&c=d/e+f?g#h%20',
  e4: 'é"q ünï 日本',
  e5: "quote ' and [brackets] {braces}",
};
const BIG = 9223372036854775807n; // int64 max: a BigInt in node-appwrite's JSON

async function idsOf(queries) {
  return (await db.listRows({ ...ids, queries })).rows.map((r) => r.$id);
}

describe('edge cases', () => {
  before(async () => {
    await db.create({ databaseId, name: 'Node edge cases' });
    await db.createTable({ ...ids, name: 'Edge' });
    await db.createStringColumn({ ...ids, key: 'name', size: 64, required: true });
    await db.createIntegerColumn({ ...ids, key: 'big', required: false }); // the full int64 range
    await db.createDatetimeColumn({ ...ids, key: 'at', required: false });
    await db.createStringColumn({ ...ids, key: 'note', size: 16, required: false });
    for (const key of ['name', 'big', 'at', 'note']) await waitColumn(db, databaseId, tableId, key);
    await db.createIndex({ ...ids, key: 'ft_name', type: 'fulltext', columns: ['name'] });
    await waitIndex(db, databaseId, tableId, 'ft_name');
    let i = 0;
    for (const [rowId, name] of Object.entries(NAMES)) {
      i += 1;
      await db.createRow({
        ...ids,
        rowId,
        data: {
          name,
          big: i === 1 ? BIG : i === 2 ? -BIG : i,
          at: `2024-03-1${i}T00:00:00.000+00:00`,
          note: i % 2 ? 'odd' : null,
        },
      });
    }
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('values with reserved URL characters and non-ASCII survive the query string', async () => {
    for (const [rowId, name] of Object.entries(NAMES)) {
      assert.deepEqual(await idsOf([Query.equal('name', name)]), [rowId], name);
      assert.equal((await db.getRow({ ...ids, rowId })).name, name);
    }
    assert.deepEqual(await idsOf([Query.startsWith('name', 'a b&c=')]), ['e3']);
    assert.deepEqual(await idsOf([Query.contains('name', '+f?g#h%20')]), ['e3']);
    assert.deepEqual(await idsOf([Query.endsWith('name', '日本')]), ['e4']);
    assert.deepEqual(await idsOf([Query.equal('name', [NAMES.e3, NAMES.e5])]), ['e3', 'e5']);
  });

  it('int64 values are exact in rows and in query values', async () => {
    const row = await db.getRow({ ...ids, rowId: 'e1' });
    assert.equal(row.big, BIG);
    assert.equal((await db.getRow({ ...ids, rowId: 'e2' })).big, -BIG);
    assert.deepEqual(await idsOf([Query.equal('big', BIG)]), ['e1']);
    assert.deepEqual(await idsOf([Query.equal('big', BIG - 1n)]), []);
    assert.deepEqual(await idsOf([Query.lessThan('big', -BIG + 1n)]), ['e2']);
    assert.deepEqual(await idsOf([Query.orderDesc('big'), Query.limit(2)]), ['e1', 'e5']);
  });

  it('search: words are ORed, the last one is a prefix, quotes make a phrase', async () => {
    // utopia-php/database 5.2 turns "alpha two" into the boolean-mode query `alpha two*`.
    assert.deepEqual(await idsOf([Query.search('name', 'alpha two')]), ['e1', 'e2']);
    assert.deepEqual(await idsOf([Query.search('name', 'alp')]), ['e1']);
    assert.deepEqual(await idsOf([Query.search('name', '"alpha one"')]), ['e1']);
    assert.deepEqual(await idsOf([Query.search('name', '"one alpha"')]), []);
  });

  it('datetime query values may carry offsets or be plain dates', async () => {
    // 2024-03-12T02:00:00+02:00 is 2024-03-12T00:00:00Z, the `at` of e2.
    assert.deepEqual(await idsOf([Query.equal('at', '2024-03-12T02:00:00.000+02:00')]), ['e2']);
    assert.deepEqual(await idsOf([Query.greaterThan('at', '2024-03-13')]), ['e4', 'e5']);
    assert.deepEqual(await idsOf([Query.between('at', '2024-03-12', '2024-03-13T00:00:00Z')]), ['e2', 'e3']);
    await expectError(
      db.listRows({ ...ids, queries: [Query.greaterThan('at', 'not a date')] }),
      400,
      'general_query_invalid',
    );
  });

  it('$sequence is queried with numeric strings', async () => {
    const e3 = await db.getRow({ ...ids, rowId: 'e3' });
    assert.deepEqual(await idsOf([Query.equal('$sequence', String(e3.$sequence))]), ['e3']);
    assert.deepEqual(await idsOf([Query.greaterThan('$sequence', String(e3.$sequence))]), ['e4', 'e5']);
    assert.deepEqual(await idsOf([Query.orderDesc('$sequence'), Query.limit(2)]), ['e5', 'e4']);
    if (isV19) {
      // 1.9.6 takes an integer value too (tour-queries.jsonl 1.9.6 seq 1515 and
      // tour-v19.jsonl seq 2585: `equal("$sequence", [1])` → 200 with the row).
      assert.deepEqual(await idsOf([Query.equal('$sequence', e3.$sequence)]), ['e3']);
    } else {
      // 1.8.1 refuses it (tour-queries.jsonl 1.8.1 seq 1517).
      await expectError(
        db.listRows({ ...ids, queries: [Query.equal('$sequence', e3.$sequence)] }),
        400,
        'general_query_invalid',
        /Query value is invalid for attribute "\$sequence"/,
      );
    }
  });

  it('row IDs compare case-insensitively, as under MariaDB collation', async () => {
    assert.equal((await db.getRow({ ...ids, rowId: 'E1' })).$id, 'e1');
    await expectError(db.createRow({ ...ids, rowId: 'E2', data: { name: 'x' } }), 409, 'row_already_exists');
  });

  it('invalid query shapes: 400 general_query_invalid or database_query_order_null', async () => {
    // and/or need at least two queries; equal needs a value.
    await expectError(db.listRows({ ...ids, queries: [Query.or([Query.equal('big', 1)])] }), 400, 'general_query_invalid');
    await expectError(db.listRows({ ...ids, queries: [Query.equal('big', [])] }), 400, 'general_query_invalid');
    await expectError(db.listRows({ ...ids, queries: [Query.notEqual('big', [1, 2])] }), 400, 'general_query_invalid');
    await expectError(db.listRows({ ...ids, queries: [Query.select(['name', 'name'])] }), 400, 'general_query_invalid');
    // regex: node-appwrite 22 has it, neither server takes it (1.9.6 README: "Invalid query
    // method: regex"). containsAny arrived in 1.9.
    await expectError(db.listRows({ ...ids, queries: [Query.regex('name', '^A')] }), 400, 'general_query_invalid');
    if (isV19) {
      // 1.9 has containsAny: on a string column it matches substrings, case-insensitively
      // (tour-v19.jsonl 1.9.6 seq 2461: ['lic','ob'] matched Alice, Bob, alice lower).
      assert.deepEqual(await idsOf([Query.containsAny('name', ['A'])]), ['e1', 'e2', 'e3', 'e5']);
    } else {
      await expectError(db.listRows({ ...ids, queries: [Query.containsAny('name', ['A'])] }), 400, 'general_query_invalid');
    }
    // Cursor pagination over a column where the cursor row holds null.
    await expectError(
      db.listRows({ ...ids, queries: [Query.orderAsc('note'), Query.cursorAfter('e2')] }),
      400,
      'database_query_order_null',
    );
  });

  it('lists default to 25 rows; limit raises that', async () => {
    await db.createTable({ databaseId, tableId: 'many', name: 'Many' });
    await db.createIntegerColumn({ databaseId, tableId: 'many', key: 'i', required: true });
    await waitColumn(db, databaseId, 'many', 'i');
    for (let i = 0; i < 30; i += 1) {
      await db.createRow({ databaseId, tableId: 'many', rowId: `m${String(i).padStart(2, '0')}`, data: { i } });
    }
    const page = await db.listRows({ databaseId, tableId: 'many' });
    assert.equal(page.total, 30);
    assert.equal(page.rows.length, 25);
    assert.equal(page.rows[24].$id, 'm24');
    const all = await db.listRows({ databaseId, tableId: 'many', queries: [Query.limit(100)] });
    assert.equal(all.rows.length, 30);
    const rest = await db.listRows({ databaseId, tableId: 'many', queries: [Query.cursorAfter('m24')] });
    assert.deepEqual(rest.rows.map((r) => r.i), [25, 26, 27, 28, 29]);
  });
});
