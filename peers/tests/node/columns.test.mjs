// node-appwrite 22 (Appwrite 1.8 format) against the emulator: columns of every core
// type, their asynchronous lifecycle, updates and deletes.
//
// Runs against both profiles. The `varchar`, `text`, `mediumtext` and `longtext` kinds
// exist only on 1.9: on 1.8.1 their routes answer `404 general_route_not_found`
// (node-columns.jsonl 1.8.1 seq 2145), so there the suite asserts that refusal and runs
// the rest without those columns.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Query } from 'node-appwrite';

import { APPWRITE_VERSION, assertColumn, expectError, isV19, runId, tablesDB, waitColumn, waitGone } from './support.mjs';

const db = tablesDB();
const databaseId = runId('columns');
const tableId = 'cols';
const ids = { databaseId, tableId };

const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;
const FLOAT_MAX = 1.7976931348623157e308;

// key -> [create call, expected fields of the model]
const specs = {
  str: [
    () => db.createStringColumn({ ...ids, key: 'str', size: 100, required: false, xdefault: 'dflt' }),
    { type: 'string', size: 100, required: false, default: 'dflt', encrypt: false },
  ],
  vc: [
    () => db.createVarcharColumn({ ...ids, key: 'vc', size: 50, required: true }),
    { type: 'varchar', size: 50, required: true, default: null },
  ],
  txt: [
    () => db.createTextColumn({ ...ids, key: 'txt', required: false, xdefault: 'some text' }),
    { type: 'text', required: false, default: 'some text' },
  ],
  mt: [() => db.createMediumtextColumn({ ...ids, key: 'mt', required: false }), { type: 'mediumtext', default: null }],
  lt: [() => db.createLongtextColumn({ ...ids, key: 'lt', required: false }), { type: 'longtext', default: null }],
  int: [
    () => db.createIntegerColumn({ ...ids, key: 'int', required: false, min: -5, max: 500, xdefault: 7 }),
    { type: 'integer', required: false, min: -5, max: 500, default: 7 },
  ],
  // No min/max: the type's extremes, which json-bigint hands back as BigInt.
  big: [
    () => db.createIntegerColumn({ ...ids, key: 'big', required: false }),
    { type: 'integer', min: INT64_MIN, max: INT64_MAX, default: null },
  ],
  flt: [
    () => db.createFloatColumn({ ...ids, key: 'flt', required: false, min: 0.5, max: 99.5, xdefault: 1.5 }),
    { type: 'double', min: 0.5, max: 99.5, default: 1.5 },
  ],
  fltx: [
    () => db.createFloatColumn({ ...ids, key: 'fltx', required: true }),
    { type: 'double', required: true, min: -FLOAT_MAX, max: FLOAT_MAX, default: null },
  ],
  bool: [
    () => db.createBooleanColumn({ ...ids, key: 'bool', required: false, xdefault: true }),
    { type: 'boolean', default: true },
  ],
  dt: [
    () => db.createDatetimeColumn({ ...ids, key: 'dt', required: false, xdefault: '2024-01-02T03:04:05.000+00:00' }),
    // A datetime column's `format` is empty (1.9.6 seq 2725; 1.8.1 tour-columns.jsonl seq 416).
    { type: 'datetime', format: '', default: '2024-01-02T03:04:05.000+00:00' },
  ],
  em: [
    () => db.createEmailColumn({ ...ids, key: 'em', required: false, xdefault: 'a@example.com' }),
    { type: 'string', format: 'email', default: 'a@example.com' },
  ],
  ip: [() => db.createIpColumn({ ...ids, key: 'ip', required: false }), { type: 'string', format: 'ip', default: null }],
  url: [
    () => db.createUrlColumn({ ...ids, key: 'url', required: false, xdefault: 'https://example.com/x' }),
    { type: 'string', format: 'url', default: 'https://example.com/x' },
  ],
  en: [
    () => db.createEnumColumn({ ...ids, key: 'en', elements: ['a', 'b', 'c'], required: false, xdefault: 'a' }),
    { type: 'string', format: 'enum', elements: ['a', 'b', 'c'], default: 'a' },
  ],
  tags: [
    () => db.createStringColumn({ ...ids, key: 'tags', size: 20, required: false, array: true }),
    { type: 'string', size: 20, array: true, default: null },
  ],
};
// The 1.9 kinds, and what creating each on 1.8.1 would have called.
const TEXT_KINDS = { vc: 'varchar', txt: 'text', mt: 'mediumtext', lt: 'longtext' };
const keys = Object.keys(specs).filter((key) => isV19 || !(key in TEXT_KINDS));
// The required columns a row must carry (`vc` only where it exists).
const requiredData = (extra) => (isV19 ? { vc: 'v', ...extra } : { ...extra });

/** The 1.8.1 refusal of a 1.9-only column route (1.8.1 seq 2145). */
function expectNoRoute(promise) {
  return expectError(promise, 404, 'general_route_not_found', /Route not found/);
}

describe('columns', () => {
  before(async () => {
    await db.create({ databaseId, name: 'Node columns' });
    await db.createTable({ databaseId, tableId, name: 'Columns' });
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('create* answers with the column model in status processing', async () => {
    if (!isV19) {
      for (const key of Object.keys(TEXT_KINDS)) {
        await expectNoRoute(specs[key][0]());
      }
    }
    for (const key of keys) {
      const [create, expected] = specs[key];
      const column = await create();
      assert.equal(column.key, key);
      assert.equal(column.status, 'processing', `${key} is processing right after create`);
      assertColumn(column, expected);
    }
  });

  it('getColumn reaches available, with the same model', async () => {
    for (const key of keys) {
      const column = await waitColumn(db, databaseId, tableId, key);
      assert.equal(column.key, key);
      assertColumn(column, specs[key][1]);
    }
  });

  it('a new column is writable once available', async () => {
    const row = await db.createRow({ ...ids, rowId: 'r1', data: requiredData({ fltx: 2.5, big: 9007199254740993n }) });
    assert.equal(row.str, 'dflt');
    if (isV19) assert.equal(row.txt, 'some text');
    assert.equal(row.int, 7);
    assert.equal(row.flt, 1.5);
    assert.equal(row.bool, true);
    assert.equal(row.dt, '2024-01-02T03:04:05.000+00:00');
    assert.equal(row.em, 'a@example.com');
    assert.equal(row.url, 'https://example.com/x');
    assert.equal(row.en, 'a');
    assert.equal(row.ip, null);
    if (isV19) assert.equal(row.mt, null);
    // int64 values beyond 2^53 survive the round trip (json-bigint on both sides).
    assert.equal(row.big, 9007199254740993n);
  });

  it('listColumns lists in creation order, filters, pages and counts', async () => {
    const all = await db.listColumns(ids);
    assert.equal(all.total, keys.length);
    assert.deepEqual(all.columns.map((c) => c.key), keys);

    const ints = await db.listColumns({ ...ids, queries: [Query.equal('type', ['integer'])] });
    assert.equal(ints.total, 2);
    assert.deepEqual(ints.columns.map((c) => c.key), ['int', 'big']);

    const required = await db.listColumns({ ...ids, queries: [Query.equal('required', [true])] });
    assert.deepEqual(required.columns.map((c) => c.key), isV19 ? ['vc', 'fltx'] : ['fltx']);

    const page = await db.listColumns({ ...ids, queries: [Query.limit(2), Query.offset(1)] });
    assert.equal(page.total, keys.length);
    assert.deepEqual(page.columns.map((c) => c.key), keys.slice(1, 3));

    // `total: false` is accepted and ignored: the list still counts (1.9.6 README,
    // "total=false in the query string does not stop counting"; node-tables.jsonl 1.9.6 seq 3168).
    const uncounted = await db.listColumns({ ...ids, total: false });
    assert.equal(uncounted.total, keys.length);
    assert.equal(uncounted.columns.length, keys.length);
  });

  it('updateStringColumn changes size and default, and renames with newKey', async () => {
    const column = await db.updateStringColumn({ ...ids, key: 'str', required: false, xdefault: 'new', size: 200, newKey: 'str2' });
    assert.equal(column.key, 'str2');
    assert.equal(column.size, 200);
    assert.equal(column.default, 'new');
    assert.equal(column.type, 'string');
    await expectError(db.getColumn({ ...ids, key: 'str' }), 404, 'column_not_found');
    const fetched = await db.getColumn({ ...ids, key: 'str2' });
    assert.equal(fetched.size, 200);
    // The renamed column keeps its data.
    const row = await db.getRow({ ...ids, rowId: 'r1' });
    assert.equal(row.str2, 'dflt');
    assert.ok(!('str' in row));
  });

  it('updateIntegerColumn changes min, max and default', async () => {
    const column = await db.updateIntegerColumn({ ...ids, key: 'int', required: false, xdefault: 10, min: 0, max: 1000 });
    assert.equal(column.min, 0);
    assert.equal(column.max, 1000);
    assert.equal(column.default, 10);
    // Changing a default does not touch existing rows.
    assert.equal((await db.getRow({ ...ids, rowId: 'r1' })).int, 7);
    // New rows get the new default; the new range is enforced.
    const row = await db.createRow({ ...ids, rowId: 'r2', data: requiredData({ fltx: 1 }) });
    assert.equal(row.int, 10);
    await expectError(
      db.createRow({ ...ids, rowId: 'r3', data: requiredData({ fltx: 1, int: 1001 }) }),
      400,
      'row_invalid_structure',
      /Value must be a valid range between 0 and 1,000/, // 1.9.6 seq 2746
    );
  });

  it('updateEnumColumn changes elements and default', async () => {
    const column = await db.updateEnumColumn({ ...ids, key: 'en', elements: ['a', 'b', 'c', 'd'], required: false, xdefault: 'd' });
    assert.deepEqual(column.elements, ['a', 'b', 'c', 'd']);
    assert.equal(column.default, 'd');
    assert.equal(column.format, 'enum');
  });

  it('the other update*Column calls', async () => {
    const flt = await db.updateFloatColumn({ ...ids, key: 'flt', required: false, xdefault: 2.5, min: 0, max: 10 });
    assert.deepEqual([flt.min, flt.max, flt.default], [0, 10, 2.5]);

    const bool = await db.updateBooleanColumn({ ...ids, key: 'bool', required: false, xdefault: false, newKey: 'flag' });
    assert.deepEqual([bool.key, bool.default], ['flag', false]);

    if (isV19) {
      // 1.9.6 seq 2750–2751; updates answer `encrypt: null`.
      const vc = await db.updateVarcharColumn({ ...ids, key: 'vc', required: false, xdefault: 'vv', size: 80 });
      assert.deepEqual([vc.size, vc.required, vc.default, vc.encrypt], [80, false, 'vv', null]);

      const txt = await db.updateTextColumn({ ...ids, key: 'txt', required: false, xdefault: null });
      assert.equal(txt.default, null);
    } else {
      await expectNoRoute(db.updateVarcharColumn({ ...ids, key: 'vc', required: false, xdefault: 'vv', size: 80 }));
      await expectNoRoute(db.updateTextColumn({ ...ids, key: 'txt', required: false, xdefault: null }));
    }

    const dt = await db.updateDatetimeColumn({ ...ids, key: 'dt', required: false, xdefault: null });
    assert.equal(dt.default, null);

    const em = await db.updateEmailColumn({ ...ids, key: 'em', required: false, xdefault: 'b@example.com' });
    assert.equal(em.default, 'b@example.com');

    const ip = await db.updateIpColumn({ ...ids, key: 'ip', required: false, xdefault: '10.0.0.1' });
    assert.equal(ip.default, '10.0.0.1');

    const url = await db.updateUrlColumn({ ...ids, key: 'url', required: false, xdefault: null });
    assert.equal(url.default, null);

    // `default: null` on an update clears the column model's default only: new rows still
    // get the old one (real Appwrite, both releases: tour-columns.jsonl 1.8.1 seqs 445, 537
    // and 572, where `e_def` shows `null` and a new row gets `b@example.org`).
    const row = await db.createRow({ ...ids, rowId: 'r4', data: { fltx: 1 } });
    assert.deepEqual(
      [row.flt, row.flag, row.dt, row.em, row.ip, row.url],
      [2.5, false, '2024-01-02T03:04:05.000+00:00', 'b@example.com', '10.0.0.1', 'https://example.com/x'],
    );
    // `txt` keeps its create default the same way.
    if (isV19) assert.deepEqual([row.vc, row.txt], ['vv', 'some text']);
  });

  it('deleteColumn removes the column (asynchronously) and its data', async () => {
    // `lt` (longtext) does not exist on 1.8.1: delete the string array there instead.
    const key = isV19 ? 'lt' : 'tags';
    await db.deleteColumn({ ...ids, key });
    await waitGone(`column ${key}`, () => db.getColumn({ ...ids, key }), 'column_not_found');
    const list = await db.listColumns(ids);
    assert.ok(!list.columns.some((c) => c.key === key), `${key} still listed on ${APPWRITE_VERSION}`);
    const row = await db.getRow({ ...ids, rowId: 'r1' });
    assert.ok(!(key in row));
  });

  it('errors: duplicate key, default conflicts, bad ranges, unknown column', async () => {
    // `vc` exists only on 1.9 (on 1.8.1 this create succeeded: seq 2158); use `int` there.
    await expectError(
      db.createStringColumn({ ...ids, key: isV19 ? 'vc' : 'int', size: 10, required: false }),
      409,
      'column_already_exists',
    );
    await expectError(
      db.createStringColumn({ ...ids, key: 'req', size: 10, required: true, xdefault: 'x' }),
      400,
      'column_default_unsupported',
    );
    await expectError(
      db.createStringColumn({ ...ids, key: 'arr', size: 10, required: false, xdefault: 'x', array: true }),
      400,
      'column_default_unsupported',
    );
    await expectError(
      db.createIntegerColumn({ ...ids, key: 'range', required: false, min: 10, max: 1 }),
      400,
      'column_value_invalid',
    );
    await expectError(
      db.createEnumColumn({ ...ids, key: 'en2', elements: ['x', 'y'], required: false, xdefault: 'z' }),
      400,
      'column_value_invalid',
    );
    await expectError(db.getColumn({ ...ids, key: 'nope' }), 404, 'column_not_found');
    await expectError(db.deleteColumn({ ...ids, key: 'nope' }), 404, 'column_not_found');
    await expectError(
      db.updateStringColumn({ ...ids, key: 'nope', required: false, xdefault: null }),
      404,
      'column_not_found',
    );
    await expectError(db.listColumns({ databaseId, tableId: 'nope' }), 404, 'table_not_found');
  });
});
