// node-appwrite 22 (Appwrite 1.8 format) against the emulator: databases.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Query } from 'node-appwrite';

import { DATETIME, UNIQUE_ID, expectError, runId, tablesDB } from './support.mjs';

const db = tablesDB();
// A word that only this run's database names contain, for `search`.
const token = `tok${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const alpha = runId('dbs-alpha');
const beta = runId('dbs-beta');
const created = [];
// Databases from other test files may exist: every list below filters on this run's IDs.

describe('databases', () => {
  after(async () => {
    for (const databaseId of created) {
      await db.delete({ databaseId }).catch(() => {});
    }
  });

  it('create returns a Database model', async () => {
    const database = await db.create({ databaseId: alpha, name: `Alpha ${token}` });
    created.push(alpha);
    assert.equal(database.$id, alpha);
    assert.equal(database.name, `Alpha ${token}`);
    assert.equal(database.enabled, true);
    assert.equal(database.type, 'tablesdb');
    assert.match(database.$createdAt, DATETIME);
    assert.match(database.$updatedAt, DATETIME);

    const disabled = await db.create({ databaseId: beta, name: `Beta ${token}`, enabled: false });
    created.push(beta);
    assert.equal(disabled.$id, beta);
    assert.equal(disabled.enabled, false);
  });

  it('create with the literal unique() generates an ID', async () => {
    const database = await db.create({ databaseId: 'unique()', name: 'Generated' });
    created.push(database.$id);
    assert.match(database.$id, UNIQUE_ID);
    const fetched = await db.get({ databaseId: database.$id });
    assert.equal(fetched.name, 'Generated');
  });

  it('get returns the stored database', async () => {
    const database = await db.get({ databaseId: alpha });
    assert.equal(database.$id, alpha);
    assert.equal(database.name, `Alpha ${token}`);
    assert.equal(database.enabled, true);
    assert.equal(database.type, 'tablesdb');
    const disabled = await db.get({ databaseId: beta });
    assert.equal(disabled.enabled, false);
  });

  it('list filters, orders, pages and counts', async () => {
    const ours = Query.equal('$id', [alpha, beta]);

    const all = await db.list({ queries: [ours] });
    assert.equal(all.total, 2);
    assert.deepEqual(all.databases.map((d) => d.$id).sort(), [alpha, beta].sort());

    const byName = await db.list({ queries: [ours, Query.orderDesc('name')] });
    assert.deepEqual(byName.databases.map((d) => d.$id), [beta, alpha]);

    const first = await db.list({ queries: [ours, Query.orderAsc('name'), Query.limit(1)] });
    assert.equal(first.total, 2, 'total ignores limit');
    assert.deepEqual(first.databases.map((d) => d.$id), [alpha]);

    const second = await db.list({ queries: [ours, Query.orderAsc('name'), Query.offset(1)] });
    assert.deepEqual(second.databases.map((d) => d.$id), [beta]);

    const afterAlpha = await db.list({ queries: [ours, Query.orderAsc('name'), Query.cursorAfter(alpha)] });
    assert.deepEqual(afterAlpha.databases.map((d) => d.$id), [beta]);

    const named = await db.list({ queries: [Query.equal('name', [`Beta ${token}`])] });
    assert.deepEqual(named.databases.map((d) => d.$id), [beta]);
  });

  it('list with search matches the name', async () => {
    const found = await db.list({ search: token });
    assert.equal(found.total, 2);
    assert.deepEqual(found.databases.map((d) => d.$id).sort(), [alpha, beta].sort());

    const none = await db.list({ search: `nothing${token}` });
    assert.equal(none.total, 0);
    assert.deepEqual(none.databases, []);
  });

  it('list with total: false still counts (the flag is ignored)', async () => {
    // Both releases accept `total=false` and answer the full count (node-databases.jsonl
    // 1.8.1 seq 2244, 1.9.6 seq 2857: `total: 2`).
    const list = await db.list({ queries: [Query.equal('$id', [alpha, beta])], total: false });
    assert.equal(list.total, 2);
    assert.equal(list.databases.length, 2);
  });

  it('update changes name and enabled; an omitted enabled resets to true', async () => {
    const before = await db.get({ databaseId: beta });
    const updated = await db.update({ databaseId: beta, name: `Beta renamed ${token}`, enabled: false });
    assert.equal(updated.$id, beta);
    assert.equal(updated.name, `Beta renamed ${token}`);
    assert.equal(updated.enabled, false);
    assert.equal(updated.$createdAt, before.$createdAt);
    assert.ok(updated.$updatedAt >= before.$updatedAt);

    // Appwrite quirk: `enabled` defaults to true on PUT.
    const again = await db.update({ databaseId: beta, name: `Beta ${token}` });
    assert.equal(again.enabled, true);
    assert.equal((await db.get({ databaseId: beta })).name, `Beta ${token}`);
  });

  it('delete removes the database', async () => {
    const doomed = runId('dbs-doomed');
    await db.create({ databaseId: doomed, name: 'Doomed' });
    await db.delete({ databaseId: doomed });
    await expectError(db.get({ databaseId: doomed }), 404, 'database_not_found');
    const list = await db.list({ queries: [Query.equal('$id', [doomed])] });
    assert.equal(list.total, 0);
  });

  it('errors: unknown database, duplicate ID, bad list query', async () => {
    await expectError(db.get({ databaseId: runId('missing') }), 404, 'database_not_found');
    await expectError(db.delete({ databaseId: runId('missing') }), 404, 'database_not_found');
    await expectError(db.create({ databaseId: alpha, name: 'Again' }), 409, 'database_already_exists');
    // Metadata lists validate queries at the parameter level.
    await expectError(db.list({ queries: [Query.equal('nope', ['x'])] }), 400, 'general_argument_invalid');
  });
});
