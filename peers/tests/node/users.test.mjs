// node-appwrite 22 (Appwrite 1.8 format) against the emulator: the Users and Teams
// services with the key, and a Client acting as a user through `setJWT` — default row
// permissions, row security, team and label roles, and the errors users get.
//
// Runs against both profiles. They differ on a blocked user: 1.8.1 answers 401 with a
// long message (node-users.jsonl 1.8.1 seq 2659), 1.9.6 answers 403 "The current user has
// been blocked." (1.9.6 seq 3283).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, ID, Permission, Query, Role, TablesDB, Teams, Users } from 'node-appwrite';

import { DATETIME, UNIQUE_ID, emulatorEnv, expectError, isV19, runId, tablesDB, waitColumn } from './support.mjs';

const { endpoint, project, key } = emulatorEnv();
const keyClient = new Client().setEndpoint(endpoint).setProject(project).setKey(key);
const users = new Users(keyClient);
const teams = new Teams(keyClient);
const db = tablesDB();

/** A TablesDB service (and its client) acting as the holder of `jwt`. */
function asUser(jwt) {
  const client = new Client().setEndpoint(endpoint).setProject(project).setJWT(jwt);
  return { client, tables: new TablesDB(client), teams: new Teams(client), users: new Users(client) };
}

const databaseId = runId('users');
const tableId = 'notes';
const ids = { databaseId, tableId };
const tag = runId('u').replace(/-/g, '');

describe('users and JWTs', () => {
  let alice; // the User model
  let bob;
  let aliceJwt;
  let bobJwt;

  before(async () => {
    await db.create({ databaseId, name: 'Node users' });
    await db.createTable({
      ...ids,
      name: 'Notes',
      permissions: [Permission.create(Role.users())],
      rowSecurity: true,
    });
    await db.createStringColumn({ ...ids, key: 'text', size: 64, required: false });
    await waitColumn(db, databaseId, tableId, 'text');
    alice = await users.create({
      userId: ID.unique(),
      email: `Alice.${tag}@Example.com`,
      password: 'correct horse battery',
      name: 'Alice',
    });
    bob = await users.create({ userId: ID.unique(), name: 'Bob' });
    aliceJwt = (await users.createJWT({ userId: alice.$id })).jwt;
    bobJwt = (await users.createJWT({ userId: bob.$id, duration: 600 })).jwt;
  });

  after(async () => {
    await db.delete({ databaseId }).catch(() => {});
    for (const user of [alice, bob]) {
      if (user) await users.delete({ userId: user.$id }).catch(() => {});
    }
  });

  it('Users.create returns the User model', () => {
    assert.match(alice.$id, UNIQUE_ID);
    assert.equal(alice.name, 'Alice');
    assert.equal(alice.email, `alice.${tag}@example.com`);
    assert.equal(alice.phone, '');
    assert.equal(alice.status, true);
    assert.deepEqual(alice.labels, []);
    assert.equal(alice.emailVerification, false);
    assert.equal(alice.phoneVerification, false);
    assert.equal(alice.mfa, false);
    assert.equal(typeof alice.prefs, 'object');
    assert.equal(Object.keys(alice.prefs).length, 0);
    assert.match(alice.$createdAt, DATETIME);
    assert.match(alice.registration, DATETIME);
    assert.match(alice.passwordUpdate, DATETIME);
    assert.equal(alice.targets.length, 1);
    assert.equal(alice.targets[0].providerType, 'email');
    assert.equal(bob.passwordUpdate, '');
  });

  it('Users.get, Users.list and Users.updateLabels', async () => {
    const got = await users.get({ userId: alice.$id });
    assert.equal(got.email, alice.email);
    const list = await users.list({ queries: [Query.equal('name', ['Alice'])], search: tag });
    assert.ok(list.users.some((u) => u.$id === alice.$id));
    assert.ok(list.users.every((u) => u.name === 'Alice'));
    const labelled = await users.updateLabels({ userId: bob.$id, labels: ['vip', 'vip', 'beta'] });
    assert.deepEqual(labelled.labels, ['vip', 'beta']);
    await expectError(users.get({ userId: 'missing-user' }), 404, 'user_not_found');
    await expectError(users.create({ userId: alice.$id }), 409, 'user_already_exists');
  });

  it('Users.createJWT returns a signed token', async () => {
    const { jwt } = await users.createJWT({ userId: alice.$id, duration: 60 });
    const [header, payload, signature] = jwt.split('.');
    assert.ok(signature.length > 0);
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { typ: 'JWT', alg: 'HS256' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url'));
    assert.equal(claims.userId, alice.$id);
    assert.equal(claims.sessionId, '');
    assert.ok(Math.abs(claims.exp - Date.now() / 1000 - 60) < 5);
  });

  it('a JWT client creates rows with the default permissions', async () => {
    const { tables } = asUser(aliceJwt);
    const row = await tables.createRow({ ...ids, rowId: 'alice-note', data: { text: 'mine' } });
    assert.deepEqual(row.$permissions, [
      Permission.read(Role.user(alice.$id)),
      Permission.update(Role.user(alice.$id)),
      Permission.delete(Role.user(alice.$id)),
    ]);
    const got = await tables.getRow({ ...ids, rowId: 'alice-note' });
    assert.equal(got.text, 'mine');
    const updated = await tables.updateRow({ ...ids, rowId: 'alice-note', data: { text: 'edited' } });
    assert.equal(updated.text, 'edited');
  });

  it('row security hides other users\' rows', async () => {
    const { tables } = asUser(bobJwt);
    await expectError(tables.getRow({ ...ids, rowId: 'alice-note' }), 404, 'row_not_found');
    await expectError(
      tables.updateRow({ ...ids, rowId: 'alice-note', data: { text: 'nope' } }),
      401,
      'user_unauthorized',
    );
    await expectError(tables.deleteRow({ ...ids, rowId: 'alice-note' }), 401, 'user_unauthorized');
    const list = await tables.listRows({ ...ids });
    assert.ok(!list.rows.some((r) => r.$id === 'alice-note'));
    // Granting a role Bob does not hold.
    await expectError(
      tables.createRow({
        ...ids,
        rowId: ID.unique(),
        data: { text: 'x' },
        permissions: [Permission.read(Role.user(alice.$id))],
      }),
      401,
      'user_unauthorized',
      /Permissions must be one of/,
    );
    // Granting a label Bob carries.
    const shared = await tables.createRow({
      ...ids,
      rowId: ID.unique(),
      data: { text: 'for vips' },
      permissions: [Permission.read(Role.label('vip'))],
    });
    assert.deepEqual(shared.$permissions, [Permission.read(Role.label('vip'))]);
  });

  it('team roles reach rows', async () => {
    const teamId = runId('team');
    const team = await teams.create({ teamId, name: 'Readers' });
    assert.equal(team.total, 0);
    const row = await db.createRow({
      ...ids,
      rowId: 'team-note',
      data: { text: 'team only' },
      permissions: [Permission.read(Role.team(teamId, 'reader'))],
    });
    const { tables } = asUser(bobJwt);
    await expectError(tables.getRow({ ...ids, rowId: row.$id }), 404, 'row_not_found');
    const membership = await teams.createMembership({ teamId, userId: bob.$id, roles: ['reader'] });
    assert.equal(membership.confirm, true);
    assert.equal(membership.userId, bob.$id);
    assert.equal(membership.teamName, 'Readers');
    assert.deepEqual(membership.roles, ['reader']);
    assert.match(membership.joined, DATETIME);
    const got = await tables.getRow({ ...ids, rowId: row.$id });
    assert.equal(got.text, 'team only');
    // The member sees the team; the owner-only update is refused.
    const asBob = asUser(bobJwt);
    assert.equal((await asBob.teams.get({ teamId })).name, 'Readers');
    await expectError(asBob.teams.updateName({ teamId, name: 'Mine' }), 401, 'user_unauthorized');
    await teams.delete({ teamId });
  });

  it('users have no schema or Users scopes', async () => {
    const { tables, users: asAlice } = asUser(aliceJwt);
    await expectError(tables.list(), 401, 'general_unauthorized_scope', /\(role: users\) missing scopes/);
    await expectError(asAlice.list(), 401, 'general_unauthorized_scope');
  });

  it('a bad JWT is user_jwt_invalid', async () => {
    const { tables } = asUser(`${aliceJwt.slice(0, -2)}xx`);
    await expectError(tables.listRows({ ...ids }), 401, 'user_jwt_invalid', /Signature failed/);
    const garbage = asUser('not-a-jwt');
    await expectError(garbage.tables.listRows({ ...ids }), 401, 'user_jwt_invalid');
  });

  it('a blocked user is refused', async () => {
    const carol = await users.create({ userId: ID.unique(), name: 'Carol' });
    const { jwt } = await users.createJWT({ userId: carol.$id });
    await users.updateStatus({ userId: carol.$id, status: false });
    const { tables } = asUser(jwt);
    if (isV19) {
      await expectError(tables.listRows({ ...ids }), 403, 'user_blocked', /^The current user has been blocked\.$/);
    } else {
      await expectError(
        tables.listRows({ ...ids }),
        401,
        'user_blocked',
        /^The current user has been blocked\. You can unblock the user by making a request to the User API's "Update User Status" endpoint/,
      );
    }
    await users.delete({ userId: carol.$id });
    // A deleted user's token acts as a guest: row security lets it list, and no row is
    // readable by guests.
    const list = await tables.listRows({ ...ids });
    assert.equal(list.total, 0);
  });
});
