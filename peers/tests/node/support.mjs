// Shared helpers for the node-appwrite conformance tests (not a test file itself).
//
// The tests talk to the emulator whose endpoint, project and key come from the
// environment. `cargo test --test sdks node_sdk` (tests/sdks/node_sdk.rs) starts an emulator
// in-process and sets them; to run the files by hand, start one yourself and export
// APPWRITE_ENDPOINT, APPWRITE_PROJECT and APPWRITE_KEY (and APPWRITE_VERSION, the
// Appwrite release the emulator imitates: `--appwrite <version>`; default 1.9.6).
//
// The tests assert what the real release answers (recorded from unmodified Appwrite 1.8.1
// and 1.9.6). Where the two releases differ, they branch on `APPWRITE_VERSION`/`isV19`.

import assert from 'node:assert/strict';
import { AppwriteException, Client, TablesDB } from 'node-appwrite';

/** The Appwrite release the server imitates (`1.8.1` or `1.9.6`). */
export const APPWRITE_VERSION = process.env.APPWRITE_VERSION || '1.9.6';
if (!['1.8.1', '1.9.6'].includes(APPWRITE_VERSION)) {
  throw new Error(`APPWRITE_VERSION=${APPWRITE_VERSION}: these tests know 1.8.1 and 1.9.6`);
}

/** Whether the server is a 1.9 release (inline columns, text kinds, 403 for blocked users). */
export const isV19 = APPWRITE_VERSION.startsWith('1.9.');

/** The emulator to talk to, from the environment. */
export function emulatorEnv() {
  const endpoint = process.env.APPWRITE_ENDPOINT;
  const project = process.env.APPWRITE_PROJECT;
  const key = process.env.APPWRITE_KEY;
  if (!endpoint || !project || !key) {
    throw new Error(
      'APPWRITE_ENDPOINT, APPWRITE_PROJECT and APPWRITE_KEY must be set. ' +
        'Run these tests through `cargo test --test sdks node_sdk`, which starts the emulator.',
    );
  }
  return { endpoint, project, key };
}

/** A TablesDB service bound to the emulator with the API key. */
export function tablesDB() {
  const { endpoint, project, key } = emulatorEnv();
  const client = new Client().setEndpoint(endpoint).setProject(project).setKey(key);
  return new TablesDB(client);
}

/**
 * An ID that is unique per run (valid for databases, tables and rows: at most 36
 * chars of [a-z0-9-], starting with a letter), so re-runs against a persistent
 * emulator never clash.
 */
export function runId(prefix) {
  const stamp = Date.now().toString(36);
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${stamp}-${rand}`.slice(0, 36);
}

/** Appwrite's datetime format: UTC, milliseconds, `+00:00`. */
export const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

/** What `ID.unique()` and the server's `unique()` produce: 20 lowercase hex chars. */
export const UNIQUE_ID = /^[0-9a-f]{20}$/;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, fetchStatus, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  let last;
  for (;;) {
    last = await fetchStatus();
    if (last.status === 'available') return last;
    if (last.status === 'failed' || last.status === 'stuck') {
      assert.fail(`${what} ended up ${last.status}: ${last.error}`);
    }
    if (Date.now() > deadline) {
      assert.fail(`${what} still ${last.status} after ${timeoutMs} ms`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 200);
  }
}

/** Polls getColumn until the column is `available`; returns the column. */
export function waitColumn(db, databaseId, tableId, key, timeoutMs = 15000) {
  return waitFor(`column ${tableId}.${key}`, () => db.getColumn({ databaseId, tableId, key }), timeoutMs);
}

/** Polls getIndex until the index is `available`; returns the index. */
export function waitIndex(db, databaseId, tableId, key, timeoutMs = 15000) {
  return waitFor(`index ${tableId}.${key}`, () => db.getIndex({ databaseId, tableId, key }), timeoutMs);
}

/** Polls `fetch` until it throws a 404 AppwriteException of `type` (deletes are asynchronous). */
export async function waitGone(what, fetch, type, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const still = await fetch();
      if (Date.now() > deadline) assert.fail(`${what} still present (status ${still.status}) after ${timeoutMs} ms`);
    } catch (e) {
      assertAppwriteError(e, 404, type);
      return;
    }
    await sleep(20);
  }
}

/** Asserts `e` is an AppwriteException with this HTTP code and error type. */
export function assertAppwriteError(e, code, type, message) {
  assert.ok(e instanceof AppwriteException, `expected an AppwriteException, got ${e && e.stack ? e.stack : e}`);
  assert.equal(e.code, code, `HTTP code of "${e.message}" (type ${e.type})`);
  assert.equal(e.type, type, `error type of "${e.message}" (code ${e.code})`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0, 'error message is empty');
  if (message) assert.match(e.message, message);
  // The raw response is the server's JSON error: {message, code, type, version}.
  const body = JSON.parse(e.response);
  assert.equal(body.code, code);
  assert.equal(body.type, type);
  // Real servers name their release in every error body ("1.8.1", "1.9.6").
  assert.equal(body.version, APPWRITE_VERSION, 'version in the error body');
}

/** Awaits `promise`, which must reject with an AppwriteException of this code and type. */
export async function expectError(promise, code, type, message) {
  await assert.rejects(promise, (e) => {
    assertAppwriteError(e, code, type, message);
    return true;
  });
}

/** Asserts the common fields of a column model. */
export function assertColumn(column, expected) {
  assert.equal(typeof column.key, 'string');
  assert.ok(['available', 'processing'].includes(column.status), `status ${column.status}`);
  assert.equal(column.error, '');
  assert.match(column.$createdAt, DATETIME);
  assert.match(column.$updatedAt, DATETIME);
  assert.equal(column.array, expected.array ?? false);
  for (const [k, v] of Object.entries(expected)) {
    assert.deepEqual(column[k], v, `column ${column.key}: ${k}`);
  }
}
