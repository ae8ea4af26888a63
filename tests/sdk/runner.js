'use strict';
// Runs every SDK script in sdks/ against a running inletd (run.sh starts it),
// checks what inletd stored through its own CLI, prints a PASS/FAIL table and
// exits 1 when any check failed.
//
// Environment: INLETD (binary), INLET_DATA_DIR (its --data-dir), INLET_URL
// (where it listens). The SDKs are pointed at a recording proxy in front of
// INLET_URL (proxy.js) so that every row can show the HTTP statuses the SDK
// really got: SDKs log or swallow errors rather than throw them.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { startProxy, bodyText } = require('./proxy');

const SDKS = ['segment', 'rudderstack', 'posthog', 'jitsu', 'svix', 'standardwebhooks', 'stripe', 'workos', 'knock'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makeContext(proxy) {
  const rows = [];
  const ctx = {
    url: proxy.url,
    repo: path.resolve(__dirname, '../..'),

    // package@version as installed, for the table.
    pkg(name) {
      const file = path.join(__dirname, 'node_modules', name, 'package.json');
      return `${name}@${JSON.parse(fs.readFileSync(file, 'utf8')).version}`;
    },

    // A JSON file of the repository (test payloads, template examples).
    json(rel) { return JSON.parse(fs.readFileSync(path.join(ctx.repo, rel), 'utf8')); },
    text(rel) { return fs.readFileSync(path.join(ctx.repo, rel), 'utf8'); },

    // inletd's CLI with --json: one object per line.
    cli(...args) {
      const out = execFileSync(process.env.INLETD, ['--data-dir', process.env.INLET_DATA_DIR, '--json', ...args], { encoding: 'utf8' });
      return out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    },

    // A point in time and in the proxy log; a case looks only at what came after it.
    async mark() {
      await sleep(3); // received_at has millisecond resolution: keep earlier events strictly before
      return { t: new Date().toISOString(), n: proxy.log.length };
    },
    requests(mark) { return proxy.log.slice(mark.n); },
    // What was sent and answered, for the problem list of a failing row.
    sent(mark) {
      return ctx.requests(mark).map((r) => `sent ${r.method} ${r.path} (${r.headers['content-type'] || 'no content-type'}`
        + `${r.headers['content-encoding'] ? ', ' + r.headers['content-encoding'] : ''}) -> ${r.status} ${r.answer.slice(0, 100)}`);
    },
    http(mark) {
      const rs = ctx.requests(mark);
      return rs.length ? rs.map((r) => r.status).join(' ') : 'no request';
    },

    // Events of a source received after the mark, oldest first. Processing is
    // asynchronous (SPEC 5), so wait until `count` arrived and none is still `accepted`.
    async events(source, mark, count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const evs = ctx.cli('events', '--source', source, '--limit', '1000')
          .filter((e) => e.received_at > mark.t).reverse();
        if ((evs.length >= count && evs.every((e) => e.status !== 'accepted')) || Date.now() > deadline) return evs;
        await sleep(150);
      }
    },
    find(kind, pred) { return ctx.cli('data', kind, '--limit', '1000').find(pred); },

    // POST through the proxy (which records the answer).
    async post(urlPath, body, headers = {}) {
      const res = await fetch(ctx.url + urlPath, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      await res.arrayBuffer();
      return res.status;
    },

    // One request-and-check case: `send()` talks to Inlet, then the events of
    // `source` that arrived since must be `events` ([type, status] pairs) and
    // the HTTP statuses `http`; `check(evs)` returns further problems.
    async case({ sdk, name, source, send, http, events, check, note = '' }) {
      const m = await ctx.mark();
      await send();
      const evs = await ctx.events(source, m, events.length);
      const problems = expectEvents(evs, events);
      if (ctx.http(m) !== http) problems.push(`HTTP ${ctx.http(m)}, expected ${http}`);
      if (check) problems.push(...await check(evs));
      if (problems.length) problems.push(...ctx.sent(m));
      const rejected = evs.find((e) => e.status === 'rejected');
      const why = rejected ? ` ("${rejected.verification_reason.slice(0, 70)}...")` : '';
      ctx.row({ sdk, case: name, http: ctx.http(m), stored: `${summarize(evs)}${why}${note}`, problems });
    },

    // One table row. `problems` is a list of what did not hold (empty = PASS).
    // expect 'gap': outside SPEC, reported but not counted as a failure.
    row(r) { rows.push({ expect: 'pass', ...r }); },
    rows,
    expectEvents,
    summarize,
  };
  return ctx;
}

// Compares the stored events with [event type, status] pairs (any order);
// returns what did not hold.
function expectEvents(evs, expected) {
  const problems = [];
  const left = [...evs];
  if (evs.length !== expected.length) problems.push(`${evs.length} events stored, expected ${expected.length}`);
  for (const [type, status] of expected) {
    const i = left.findIndex((e) => e.event_type === type);
    if (i < 0) { problems.push(`no '${type}' event`); continue; }
    const [e] = left.splice(i, 1);
    if (e.status !== status) problems.push(`${type}: ${e.status} (${e.status_detail}), expected ${status}`);
  }
  return problems;
}

function summarize(evs) {
  const counts = {};
  for (const e of evs) counts[e.status] = (counts[e.status] || 0) + 1;
  return Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ') || 'nothing';
}

function printTable(rows) {
  const cols = [['result', 'RESULT'], ['sdk', 'SDK'], ['case', 'CASE'], ['http', 'HTTP'], ['stored', 'STORED']];
  const cell = (r, k) => String(r[k] ?? '');
  const width = cols.map(([k, h]) => Math.min(60, Math.max(h.length, ...rows.map((r) => cell(r, k).length))));
  const line = (vals) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(width[i]))).join('  ');
  console.log(line(cols.map(([, h]) => h)));
  for (const r of rows) {
    console.log(line(cols.map(([k]) => cell(r, k))));
    for (const p of r.problems) console.log(`      - ${p}`);
  }
}

(async () => {
  const proxy = await startProxy(process.env.INLET_URL);
  const ctx = makeContext(proxy);
  for (const name of SDKS) {
    const before = ctx.rows.length;
    try {
      await require(`./sdks/${name}`)(ctx);
    } catch (e) {
      ctx.row({ sdk: name, case: 'script', http: '', stored: '', problems: [`threw: ${e.stack || e}`] });
    }
    if (ctx.rows.length === before) ctx.row({ sdk: name, case: 'script', http: '', stored: '', problems: ['no check ran'] });
  }
  proxy.close();

  for (const r of ctx.rows) r.result = r.problems.length === 0 ? 'PASS' : r.expect === 'gap' ? 'GAP' : 'FAIL';
  printTable(ctx.rows);
  const failed = ctx.rows.filter((r) => r.result === 'FAIL').length;
  const gaps = ctx.rows.filter((r) => r.result === 'GAP').length;
  console.log(`\n${ctx.rows.length} checks: ${ctx.rows.length - failed - gaps} passed, ${failed} failed, ${gaps} outside SPEC (GAP)`);
  if (process.env.SDK_DUMP) { // every request the SDKs sent, for incompatibility reports
    for (const r of proxy.log) console.log(`\n${r.method} ${r.path} -> ${r.status}\n${JSON.stringify(r.headers)}\n${bodyText(r).slice(0, 600)}\n<- ${r.answer.slice(0, 300)}`);
  }
  process.exit(failed ? 1 : 0);
})();
