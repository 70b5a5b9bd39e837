// node-appwrite 22 as a peer in `cargo bench --bench peers`: runs one workload against the
// emulator and prints one JSON line, in the shape of the Rust workers' report.
//
//   node benches/node/peers.mjs --workload get --ops 5000 --warmup 200 --concurrency 1 \
//     --endpoint http://127.0.0.1:PORT/v1 --project P --key K --database D --tag T \
//     [--keepalive 1]
//
// As shipped, node-appwrite 22 builds a new http.Agent (keep-alive off) in every
// `prepareRequest`, so each request opens a new TCP connection. `--keepalive 1` patches
// that one method to use a shared keep-alive agent, to measure the SDK without the
// connection setup (reported as `node-ka`).
//
// node-appwrite comes from peers/tests/node/node_modules (`npm ci --prefix peers/tests/node`). The rows
// and operations are those of benches/common/mod.rs and benches/peers/workload.rs: keep
// item() and the workloads in step with them.

import { Agent } from 'node:http';

import { Client, ID, Query, TablesDB } from '../../tests/node/node_modules/node-appwrite/dist/index.mjs';

const TABLE = 'items';
const SEED_ROWS = 2000;
const LIST_CATEGORY = 'c1';
const LIST_LIMIT = 100;
const FRESH_CATEGORY = 'fresh';
const BULK_BATCH = 100;
const BULK_IN_FLIGHT = 4;

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const key of ['workload', 'ops', 'warmup', 'concurrency', 'endpoint', 'project', 'key', 'database', 'tag']) {
    if (out[key] === undefined) throw new Error(`the worker needs --${key}`);
  }
  return out;
}

const scoreOf = (i) => (i % 1000) / 10;
const seedId = (i) => `seed-${i}`;
const targetOf = (k) => (k * 7919) % SEED_ROWS;
const mixedWrites = (k) => k % 5 === 4;

function item(i, category) {
  return {
    name: `item ${i}`,
    email: `user${i}@example.com`,
    category: category ?? `c${i % 4}`,
    rank: i,
    score: scoreOf(i),
    active: Math.floor(i / 4) % 4 !== 0,
    homepage: `https://example.com/items/${i}`,
    last_ip: `10.0.${Math.floor(i / 256) % 256}.${i % 256}`,
    note: `a short note about item number ${i}`,
    visits: 0,
  };
}

function check(ok, what) {
  if (!ok) throw new Error(what());
}

/** Makes every request of node-appwrite share one keep-alive agent. */
function shareKeepAliveAgent() {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const prepare = Client.prototype.prepareRequest;
  Client.prototype.prepareRequest = function prepareRequest(...args) {
    const prepared = prepare.apply(this, args);
    prepared.options.agent = agent;
    delete prepared.options.dispatcher;
    return prepared;
  };
}

function driver(a, fresh) {
  const client = new Client().setEndpoint(a.endpoint).setProject(a.project).setKey(a.key);
  const db = new TablesDB(client);
  const ids = { databaseId: a.database, tableId: TABLE };
  return {
    async create(k) {
      const row = await db.createRow({ ...ids, rowId: ID.unique(), data: fresh[k] });
      check(row.category === FRESH_CATEGORY, () => `created ${row.category}`);
    },
    async get(k) {
      const target = targetOf(k);
      const row = await db.getRow({ ...ids, rowId: seedId(target) });
      check(row.rank === target, () => `got rank ${row.rank}`);
    },
    async list() {
      const page = await db.listRows({
        ...ids,
        queries: [
          Query.equal('category', LIST_CATEGORY),
          Query.equal('active', true),
          Query.orderDesc('rank'),
          Query.limit(LIST_LIMIT),
        ],
      });
      check(page.rows.length === LIST_LIMIT, () => `listed ${page.rows.length} rows`);
    },
    async update(k) {
      const target = targetOf(k);
      const row = await db.updateRow({ ...ids, rowId: seedId(target), data: { visits: k, score: scoreOf(k) } });
      check(row.visits === k, () => `visits ${row.visits}`);
    },
    async bulk(first, count) {
      const rows = [];
      for (let i = first; i < first + count; i++) rows.push({ $id: `${a.tag}${i}`, ...item(i, 'bulk') });
      const created = await db.createRows({ ...ids, rows });
      check(created.rows.length === count, () => `bulk created ${created.rows.length} rows`);
    },
  };
}

function one(d, workload, k) {
  switch (workload) {
    case 'create':
      return d.create(k);
    case 'get':
      return d.get(k);
    case 'list':
      return d.list();
    case 'update':
      return d.update(k);
    case 'mixed':
      return mixedWrites(k) ? d.update(k) : d.get(k);
    case 'bulk':
      return d.bulk(k * BULK_BATCH, BULK_BATCH);
    default:
      throw new Error(`unknown workload ${workload}`);
  }
}

async function runRange(d, workload, from, to, concurrency) {
  let next = from;
  const latencies = [];
  async function loop() {
    for (;;) {
      const k = next++;
      if (k >= to) return;
      const started = process.hrtime.bigint();
      await one(d, workload, k);
      latencies.push(Number(process.hrtime.bigint() - started));
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  return latencies;
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  const rank = Math.min(Math.max(Math.ceil(q * sorted.length), 1), sorted.length);
  return sorted[rank - 1];
}

async function main() {
  const a = args();
  const keepAlive = a.keepalive === '1';
  if (keepAlive) shareKeepAliveAgent();
  const workload = a.workload;
  const perOp = workload === 'bulk' ? BULK_BATCH : 1;
  const warmup = Math.floor(Number(a.warmup) / perOp);
  const ops = Math.floor(Number(a.ops) / perOp);
  const concurrency = workload === 'bulk' ? BULK_IN_FLIGHT : Math.max(1, Number(a.concurrency));
  const fresh = [];
  if (workload === 'create') {
    for (let i = 0; i < warmup + ops; i++) fresh.push(item(i, FRESH_CATEGORY));
  }
  const d = driver(a, fresh);
  await runRange(d, workload, 0, warmup, concurrency);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const latencies = await runRange(d, workload, warmup, warmup + ops, concurrency);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((x, y) => x - y);
  const report = {
    client: keepAlive ? 'node-ka' : 'node',
    workload,
    concurrency,
    ops: ops * perOp,
    ops_total: (warmup + ops) * perOp,
    requests: ops,
    wall_s: wall,
    median_us: quantile(latencies, 0.5) / 1e3,
    p99_us: quantile(latencies, 0.99) / 1e3,
    cpu_s: (cpu.user + cpu.system) / 1e6,
    peak_rss_kib: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
