// node-appwrite 22 (Appwrite 1.8 format) against the emulator: relationship columns
// (createRelationshipColumn, updateRelationshipColumn, deleteColumn), linking rows by ID and
// by nested rows, loading with Query.select(['*', 'rel.*']), filters on and through
// relationships, and onDelete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ID, Query, RelationMutate, RelationshipType } from 'node-appwrite';

import { DATETIME, UNIQUE_ID, expectError, runId, tablesDB, waitColumn, waitGone } from './support.mjs';

const db = tablesDB();

describe('relationships', () => {
  const databaseId = runId('rel');

  const table = async (tableId) => {
    await db.createTable({ databaseId, tableId, name: tableId });
    await db.createStringColumn({ databaseId, tableId, key: 'name', size: 64, required: false });
    await waitColumn(db, databaseId, tableId, 'name');
  };

  before(async () => {
    await db.create({ databaseId, name: 'Node relationships' });
    for (const t of ['person', 'library', 'album', 'artist', 'sport', 'player']) {
      await table(t);
    }
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
  });

  it('createRelationshipColumn answers the ColumnRelationship model', async () => {
    const column = await db.createRelationshipColumn({
      databaseId,
      tableId: 'person',
      relatedTableId: 'library',
      type: RelationshipType.OneToMany,
      twoWay: true,
      key: 'libraries',
      twoWayKey: 'owner',
      onDelete: RelationMutate.Cascade,
    });
    assert.equal(column.key, 'libraries');
    assert.equal(column.type, 'relationship');
    assert.equal(column.status, 'processing');
    assert.equal(column.required, false);
    assert.equal(column.array, false);
    assert.equal(column.relatedTable, 'library');
    assert.equal(column.relationType, 'oneToMany');
    assert.equal(column.twoWay, true);
    assert.equal(column.twoWayKey, 'owner');
    assert.equal(column.onDelete, 'cascade');
    assert.equal(column.side, 'parent');
    assert.match(column.$createdAt, DATETIME);
    await waitColumn(db, databaseId, 'person', 'libraries');
    const partner = await waitColumn(db, databaseId, 'library', 'owner');
    assert.equal(partner.side, 'child');
    assert.equal(partner.relatedTable, 'person');
    assert.equal(partner.twoWayKey, 'libraries');
    const { columns } = await db.listColumns({ databaseId, tableId: 'library' });
    assert.deepEqual(columns.map((c) => c.key), ['name', 'owner']);
  });

  it('nested rows are created with generated IDs and loaded with select', async () => {
    const person = await db.createRow({
      databaseId,
      tableId: 'person',
      rowId: 'ray',
      data: { name: 'Ray', libraries: [{ $id: 'lib10', name: 'Library 10' }, { name: 'Library 11' }] },
    });
    assert.equal(person.libraries.length, 2);
    assert.equal(person.libraries[0].$id, 'lib10');
    assert.match(person.libraries[1].$id, UNIQUE_ID);
    assert.equal(person.libraries[1].$tableId, 'library');
    assert.equal(person.libraries[1].$databaseId, databaseId);
    assert.equal(typeof person.libraries[1].$sequence, 'number');

    // Without select, only the stored side shows (the related ID).
    const plain = await db.getRow({ databaseId, tableId: 'person', rowId: 'ray' });
    assert.equal(plain.libraries, undefined);
    const lib = await db.getRow({ databaseId, tableId: 'library', rowId: 'lib10' });
    assert.equal(lib.owner, 'ray');

    const loaded = await db.getRow({
      databaseId,
      tableId: 'person',
      rowId: 'ray',
      queries: [Query.select(['*', 'libraries.*'])],
    });
    assert.equal(loaded.name, 'Ray');
    assert.deepEqual(loaded.libraries.map((l) => l.name), ['Library 10', 'Library 11']);
    const back = await db.getRow({
      databaseId,
      tableId: 'library',
      rowId: 'lib10',
      queries: [Query.select(['owner.name'])],
    });
    assert.equal(back.owner.name, 'Ray');
  });

  it('updates replace the set, filters work on and through relationships', async () => {
    await db.createRow({ databaseId, tableId: 'library', rowId: 'lib12', data: { name: 'Library 12' } });
    const person = await db.updateRow({
      databaseId,
      tableId: 'person',
      rowId: 'ray',
      data: { libraries: ['lib10', 'lib12'] },
    });
    assert.deepEqual(person.libraries.map((l) => l.$id), ['lib10', 'lib12']);

    const owned = await db.listRows({
      databaseId,
      tableId: 'library',
      queries: [Query.equal('owner', 'ray'), Query.orderAsc('name')],
    });
    assert.deepEqual(owned.rows.map((r) => r.$id), ['lib10', 'lib12']);
    const through = await db.listRows({
      databaseId,
      tableId: 'person',
      queries: [Query.equal('libraries.name', 'Library 12')],
    });
    assert.deepEqual(through.rows.map((r) => r.$id), ['ray']);
    await expectError(
      db.listRows({ databaseId, tableId: 'person', queries: [Query.equal('libraries', 'lib10')] }),
      400,
      'general_query_invalid',
      /Cannot query on virtual relationship attribute/,
    );
  });

  it('manyToOne with restrict, then setNull through updateRelationshipColumn', async () => {
    await db.createRelationshipColumn({
      databaseId,
      tableId: 'album',
      relatedTableId: 'artist',
      type: RelationshipType.ManyToOne,
      twoWay: true,
      key: 'artist',
      twoWayKey: 'albums',
    });
    await waitColumn(db, databaseId, 'album', 'artist');
    await waitColumn(db, databaseId, 'artist', 'albums');
    const album = await db.createRow({
      databaseId,
      tableId: 'album',
      rowId: 'a1',
      data: { name: 'Album 1', artist: { $id: 'ar1', name: 'Artist 1' } },
    });
    assert.equal(album.artist.name, 'Artist 1');
    await expectError(
      db.deleteRow({ databaseId, tableId: 'artist', rowId: 'ar1' }),
      403,
      'row_delete_restricted',
    );
    const updated = await db.updateRelationshipColumn({
      databaseId,
      tableId: 'album',
      key: 'artist',
      onDelete: RelationMutate.SetNull,
    });
    assert.equal(updated.onDelete, 'setNull');
    await db.deleteRow({ databaseId, tableId: 'artist', rowId: 'ar1' });
    const after = await db.getRow({ databaseId, tableId: 'album', rowId: 'a1' });
    assert.equal(after.artist, null);
  });

  it('manyToMany, value errors and bulk refusal', async () => {
    await db.createRelationshipColumn({
      databaseId,
      tableId: 'sport',
      relatedTableId: 'player',
      type: RelationshipType.ManyToMany,
      twoWay: true,
      key: 'players',
      twoWayKey: 'sports',
    });
    await waitColumn(db, databaseId, 'sport', 'players');
    await waitColumn(db, databaseId, 'player', 'sports');
    await db.createRow({
      databaseId,
      tableId: 'sport',
      rowId: 'football',
      data: { name: 'Football', players: [{ $id: 'p1', name: 'P1' }, { $id: ID.custom('p2'), name: 'P2' }] },
    });
    const p2 = await db.getRow({
      databaseId,
      tableId: 'player',
      rowId: 'p2',
      queries: [Query.select(['*', 'sports.*'])],
    });
    assert.deepEqual(p2.sports.map((s) => s.$id), ['football']);
    await expectError(
      db.createRow({ databaseId, tableId: 'sport', rowId: 'x', data: { players: 'p1' } }),
      400,
      'relationship_value_invalid',
    );
    await expectError(
      db.createRows({ databaseId, tableId: 'sport', rows: [{ name: 'bulk' }] }),
      400,
      'general_bad_request',
    );
    await expectError(
      db.createIndex({ databaseId, tableId: 'sport', key: 'i', type: 'key', columns: ['players'] }),
      400,
      'column_type_invalid',
    );
  });

  it('renaming and deleting a relationship column', async () => {
    const renamed = await db.updateRelationshipColumn({
      databaseId,
      tableId: 'sport',
      key: 'players',
      newKey: 'athletes',
    });
    assert.equal(renamed.key, 'athletes');
    const partner = await db.getColumn({ databaseId, tableId: 'player', key: 'sports' });
    assert.equal(partner.twoWayKey, 'athletes');
    await db.deleteColumn({ databaseId, tableId: 'sport', key: 'athletes' });
    await waitGone('sport.athletes', () => db.getColumn({ databaseId, tableId: 'sport', key: 'athletes' }), 'column_not_found');
    await waitGone('player.sports', () => db.getColumn({ databaseId, tableId: 'player', key: 'sports' }), 'column_not_found');
  });
});
