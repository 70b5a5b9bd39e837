// node-appwrite 22 (Appwrite 1.8 format) against the emulator: incrementRowColumn /
// decrementRowColumn, the update operators of `Operator`, and spatial columns and queries.
//
// Runs against both profiles. They differ in the answer of increment/decrement: 1.8.1
// leaves out `$databaseId` and `$tableId` (node-counters.jsonl 1.8.1 seq 2177), 1.9.6
// carries them (1.9.6 seq 2785).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Condition, Operator, Query } from 'node-appwrite';

import { expectError, isV19, runId, tablesDB, waitColumn } from './support.mjs';

const db = tablesDB();

describe('counters and operators', () => {
  const databaseId = runId('counters');
  const tableId = 'stock';
  const ids = { databaseId, tableId };

  before(async () => {
    await db.create({ databaseId, name: 'Node counters' });
    await db.createTable({ ...ids, name: 'Stock' });
    await db.createIntegerColumn({ ...ids, key: 'count', required: false });
    await db.createFloatColumn({ ...ids, key: 'weight', required: false });
    await db.createStringColumn({ ...ids, key: 'title', size: 64, required: false });
    await db.createStringColumn({ ...ids, key: 'tags', size: 16, required: false, array: true });
    await db.createIntegerColumn({ ...ids, key: 'scores', required: false, array: true });
    await db.createBooleanColumn({ ...ids, key: 'active', required: false });
    await db.createDatetimeColumn({ ...ids, key: 'due', required: false });
    for (const key of ['count', 'weight', 'title', 'tags', 'scores', 'active', 'due']) {
      await waitColumn(db, databaseId, tableId, key);
    }
    await db.createRow({
      ...ids,
      rowId: 'item',
      data: {
        count: 5,
        weight: 1.5,
        title: 'Box',
        tags: ['a', 'b'],
        scores: [3, 1, 3, 7],
        active: false,
        due: '2024-02-28T10:00:00.000+00:00',
      },
    });
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('incrementRowColumn and decrementRowColumn', async () => {
    let row = await db.incrementRowColumn({ ...ids, rowId: 'item', column: 'count' });
    assert.equal(row.count, 6);
    assert.equal(row.$id, 'item');
    if (isV19) {
      assert.equal(row.$tableId, tableId);
      assert.equal(row.$databaseId, databaseId);
    } else {
      assert.ok(!('$tableId' in row), '1.8.1 answers an increment without $tableId');
      assert.ok(!('$databaseId' in row), '1.8.1 answers an increment without $databaseId');
    }
    assert.equal(typeof row.$sequence, 'number');
    row = await db.incrementRowColumn({ ...ids, rowId: 'item', column: 'count', value: 4, max: 10 });
    assert.equal(row.count, 10);
    row = await db.decrementRowColumn({ ...ids, rowId: 'item', column: 'count', value: 3, min: 0 });
    assert.equal(row.count, 7);
    // Positional arguments work too.
    row = await db.decrementRowColumn(databaseId, tableId, 'item', 'count');
    assert.equal(row.count, 6);
    row = await db.incrementRowColumn({ ...ids, rowId: 'item', column: 'weight', value: 0.25 });
    assert.equal(row.weight, 1.75);
    const fetched = await db.getRow({ ...ids, rowId: 'item' });
    assert.equal(fetched.count, 6);
  });

  it('counter errors', async () => {
    await expectError(
      db.incrementRowColumn({ ...ids, rowId: 'item', column: 'count', value: 100, max: 10 }),
      400,
      'column_limit_exceeded',
      /^tablesDB "count" has reached the maximum value of 10$/,
    );
    await expectError(
      db.decrementRowColumn({ ...ids, rowId: 'item', column: 'count', value: 100, min: 0 }),
      400,
      'column_limit_exceeded',
      /has reached the minimum value of 0/,
    );
    await expectError(
      db.incrementRowColumn({ ...ids, rowId: 'item', column: 'count', value: 0 }),
      400,
      'general_argument_invalid',
      /Value must be numeric and greater than 0/,
    );
    await expectError(db.incrementRowColumn({ ...ids, rowId: 'item', column: 'nope' }), 404, 'column_not_found');
    await expectError(db.incrementRowColumn({ ...ids, rowId: 'missing', column: 'count' }), 404, 'column_not_found');
    await expectError(
      db.incrementRowColumn({ ...ids, rowId: 'item', column: 'title' }),
      400,
      'attribute_type_invalid',
      /^tablesDB "title" is not a number$/,
    );
    await expectError(
      db.incrementRowColumn({ ...ids, rowId: 'item', column: 'tags' }),
      400,
      'attribute_type_invalid',
    );
  });

  it('update operators through updateRow', async () => {
    await db.updateRow({ ...ids, rowId: 'item', data: { count: 10, weight: 2 } });
    let row = await db.updateRow({
      ...ids,
      rowId: 'item',
      data: {
        count: Operator.increment(5, 12),
        weight: Operator.multiply(1.5),
        title: Operator.stringConcat('!'),
        tags: Operator.arrayAppend(['c']),
        scores: Operator.arrayUnique(),
        active: Operator.toggle(),
        due: Operator.dateAddDays(2),
      },
    });
    assert.equal(row.count, 12, 'increment with a max clamps');
    assert.equal(row.weight, 3);
    assert.equal(row.title, 'Box!');
    assert.deepEqual(row.tags, ['a', 'b', 'c']);
    // arrayUnique answers the values in the database's order, not first-seen order
    // (node-counters.jsonl 1.8.1 seq 2186, 1.9.6 seq 2799: [1, 3, 7]).
    assert.deepEqual(row.scores, [1, 3, 7]);
    assert.equal(row.active, true);
    assert.equal(row.due, '2024-03-01T10:00:00.000+00:00');

    row = await db.updateRow({
      ...ids,
      rowId: 'item',
      data: {
        count: Operator.modulo(5),
        tags: Operator.arrayRemove('b'),
        scores: Operator.arrayFilter(Condition.GreaterThan, 2),
        title: Operator.stringReplace('Box', 'Crate'),
      },
    });
    assert.equal(row.count, 2);
    assert.deepEqual(row.tags, ['a', 'c']);
    assert.deepEqual(row.scores, [3, 7]);
    assert.equal(row.title, 'Crate!');

    row = await db.updateRow({
      ...ids,
      rowId: 'item',
      data: { tags: Operator.arrayInsert(1, 'x'), scores: Operator.arrayPrepend([0]), count: Operator.power(3) },
    });
    assert.deepEqual(row.tags, ['a', 'x', 'c']);
    assert.deepEqual(row.scores, [0, 3, 7]);
    assert.equal(row.count, 8);
  });

  it('operators in upsertRow, updateRows and upsertRows', async () => {
    let row = await db.upsertRow({ ...ids, rowId: 'item', data: { count: Operator.decrement(3) } });
    assert.equal(row.count, 5);
    const list = await db.updateRows({
      ...ids,
      data: { count: Operator.increment(10) },
      queries: [Query.equal('$id', ['item'])],
    });
    assert.equal(list.total, 1);
    assert.equal(list.rows[0].count, 15);
    const upserted = await db.upsertRows({
      ...ids,
      rows: [
        { $id: 'item', count: Operator.divide(3) },
        { $id: 'fresh', count: Operator.increment(2), tags: Operator.arrayAppend(['new']) },
      ],
    });
    assert.equal(upserted.total, 2);
    const byId = Object.fromEntries(upserted.rows.map((r) => [r.$id, r]));
    assert.equal(byId.item.count, 5);
    assert.equal(byId.fresh.count, 2);
    assert.deepEqual(byId.fresh.tags, ['new']);
  });

  it('operator errors', async () => {
    await expectError(
      db.updateRow({ ...ids, rowId: 'item', data: { title: Operator.increment(1) } }),
      400,
      'row_invalid_structure',
      /Cannot apply increment operator to non-numeric field 'title'/,
    );
    await expectError(
      db.updateRow({ ...ids, rowId: 'item', data: { scores: Operator.arrayFilter(Condition.Contains, 3) } }),
      400,
      'row_invalid_structure',
      /Invalid array filter condition 'contains'/,
    );
    await expectError(
      db.updateRow({ ...ids, rowId: 'item', data: { count: '{"method":"increment","values":"x"}' } }),
      400,
      'general_bad_request',
      /^Invalid operator for attribute "count": Invalid operator values\. Must be an array, got string$/,
    );
  });
});

describe('spatial columns and queries', () => {
  const databaseId = runId('spatial');
  const tableId = 'places';
  const ids = { databaseId, tableId };
  const square = (x0, y0, x1, y1) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

  before(async () => {
    await db.create({ databaseId, name: 'Node spatial' });
    await db.createTable({ ...ids, name: 'Places' });
    await db.createStringColumn({ ...ids, key: 'name', size: 32, required: true });
    const point = await db.createPointColumn({ ...ids, key: 'loc', required: false });
    assert.equal(point.type, 'point');
    assert.equal(point.status, 'processing');
    const line = await db.createLineColumn({ ...ids, key: 'route', required: false, xdefault: [[0, 0], [1, 1]] });
    assert.equal(line.type, 'linestring');
    assert.deepEqual(line.default, [[0, 0], [1, 1]]);
    const polygon = await db.createPolygonColumn({ ...ids, key: 'area', required: false });
    assert.equal(polygon.type, 'polygon');
    for (const key of ['name', 'loc', 'route', 'area']) await waitColumn(db, databaseId, tableId, key);
    await db.createRow({ ...ids, rowId: 'p0', data: { name: 'p0', loc: [0, 0], area: square(0, 0, 10, 10) } });
    await db.createRow({ ...ids, rowId: 'p1', data: { name: 'p1', loc: [0.009, 0], area: square(20, 20, 30, 30) } });
    await db.createRow({ ...ids, rowId: 'p2', data: { name: 'p2' } });
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  const list = async (queries) => (await db.listRows({ ...ids, queries })).rows.map((r) => r.$id);

  it('column models and values', async () => {
    const column = await db.getColumn({ ...ids, key: 'route' });
    assert.equal(column.type, 'linestring');
    const updated = await db.updatePointColumn({ ...ids, key: 'loc', required: false, xdefault: [5, 5] });
    assert.deepEqual(updated.default, [5, 5]);
    const row = await db.getRow({ ...ids, rowId: 'p0' });
    assert.deepEqual(row.loc, [0, 0]);
    assert.deepEqual(row.route, [[0, 0], [1, 1]]);
    assert.deepEqual(row.area, square(0, 0, 10, 10));
    await expectError(
      db.createRow({ ...ids, rowId: 'bad', data: { name: 'bad', loc: [0, 100] } }),
      400,
      'row_invalid_structure',
      /Latitude \(y\) must be between -90 and 90/,
    );
  });

  it('distance queries (node-appwrite defaults to metres)', async () => {
    assert.deepEqual(await list([Query.distanceLessThan('loc', [0, 0], 500)]), ['p0']);
    assert.deepEqual(await list([Query.distanceLessThan('loc', [0, 0], 1500)]), ['p0', 'p1']);
    assert.deepEqual(await list([Query.distanceGreaterThan('loc', [0, 0], 500)]), ['p1']);
    assert.deepEqual(await list([Query.distanceEqual('loc', [0, 0], 0)]), ['p0']);
    assert.deepEqual(await list([Query.distanceNotEqual('loc', [0, 0], 0)]), ['p1']);
    assert.deepEqual(await list([Query.distanceLessThan('loc', [0, 0], 0.005, false)]), ['p0']);
    await expectError(
      db.listRows({ ...ids, queries: [Query.distanceLessThan('area', [0, 0], 10)] }),
      400,
      'general_query_invalid',
      /^Distance in meters is not supported between polygon and point$/,
    );
  });

  it('spatial predicates', async () => {
    assert.deepEqual(await list([Query.intersects('area', [5, 5])]), ['p0']);
    assert.deepEqual(await list([Query.notIntersects('area', [5, 5])]), ['p1']);
    assert.deepEqual(await list([Query.overlaps('area', square(5, 5, 15, 15))]), ['p0']);
    assert.deepEqual(await list([Query.notOverlaps('area', square(5, 5, 15, 15))]), ['p1']);
    assert.deepEqual(await list([Query.touches('area', square(10, 10, 20, 20))]), ['p0', 'p1']);
    assert.deepEqual(await list([Query.notTouches('area', square(10, 10, 20, 20))]), []);
    assert.deepEqual(await list([Query.crosses('route', [[0, 1], [1, 0]])]), ['p0', 'p1', 'p2']);
    assert.deepEqual(await list([Query.notCrosses('route', [[5, 5], [6, 6]])]), ['p0', 'p1', 'p2']);
    assert.deepEqual(await list([Query.equal('loc', [[0.009, 0]])]), ['p1']);
    assert.deepEqual(await list([Query.contains('area', [[2, 2]])]), ['p0']);
    assert.deepEqual(await list([Query.notContains('area', [[2, 2]])]), ['p1']);
    assert.deepEqual(
      await list([Query.or([Query.intersects('area', [25, 25]), Query.equal('name', ['p2'])])]),
      ['p1', 'p2'],
    );
    await expectError(
      db.listRows({ ...ids, queries: [Query.crosses('name', [[0, 0], [1, 1]])] }),
      400,
      'general_query_invalid',
      /Spatial query "crosses" cannot be applied on non-spatial attribute: name/,
    );
  });
});
