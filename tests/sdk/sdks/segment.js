'use strict';
// @segment/analytics-node with only `host` changed (docs/http-api.md).
const { Analytics } = require('@segment/analytics-node');

// The six spec calls; identify comes first so the track's trigger finds the
// user (SPEC 5: a source's events are processed in the order stored).
function sendAll(a, user) {
  a.identify({ userId: user, traits: { email: `${user}@example.com`, name: 'Ada Segment' } });
  a.track({ userId: user, event: 'Order Completed', properties: { order_id: 'o_1', total: 42.5 } });
  a.page({ userId: user, category: 'Docs', name: 'Getting started', properties: { path: '/docs' } });
  a.group({ userId: user, groupId: `grp_${user}`, traits: { name: 'Acme Inc' } });
  a.alias({ userId: user, previousId: `anon_${user}` });
  a.screen({ userId: user, name: 'Dashboard' });
}

module.exports = async (ctx) => {
  const sdk = ctx.pkg('@segment/analytics-node');
  const user = 'seg_user_1';

  // flushAt 3: the six calls go out as two /v1/batch requests.
  let m = await ctx.mark();
  const a = new Analytics({ writeKey: 'wk_sdk_segment_0001', host: ctx.url, flushAt: 3 });
  const errors = [];
  a.on('error', (e) => errors.push(String(e.code || e.message || e)));
  sendAll(a, user);
  await a.closeAndFlush();
  const evs = await ctx.events('segment', m, 6);
  const problems = ctx.expectEvents(evs, [
    ['identify', 'processed'], ['track/Order Completed', 'processed'], ['group', 'processed'],
    ['page', 'unmapped'], ['alias', 'unmapped'], ['screen', 'unmapped']]);
  const reqs = ctx.requests(m);
  if (reqs.length !== 2 || reqs.some((r) => r.path !== '/v1/batch' || r.status !== 200)) problems.push(`expected two POST /v1/batch answered 200`);
  if (errors.length) problems.push(`SDK reported: ${errors.join('; ')}`);
  const u = ctx.find('users', (x) => x.id === user);
  if (!u || u.email !== `${user}@example.com` || u.name !== 'Ada Segment') problems.push(`user ${user} not identified: ${JSON.stringify(u)}`);
  const run = ctx.find('runs', (r) => r.workflow === 'welcome' && JSON.stringify(r.recipients) === JSON.stringify([user]));
  if (!run) problems.push('no welcome run for the track');
  const t = ctx.find('tenants', (x) => x.id === `grp_${user}`);
  if (!t || t.name !== 'Acme Inc') problems.push(`tenant grp_${user} not set`);
  if (evs.some((e) => !e.timestamp)) problems.push('an event has no timestamp');
  if (problems.length) problems.push(...ctx.sent(m));
  ctx.row({ sdk, case: 'identify track page group alias screen, flushAt 3', http: ctx.http(m),
    stored: `${ctx.summarize(evs)}; user, tenant, welcome run`, problems });

  // A wrong write key: 401 from inletd, nothing stored.
  m = await ctx.mark();
  const bad = new Analytics({ writeKey: 'wk_wrong', host: ctx.url, maxRetries: 0 });
  bad.on('error', () => {});
  bad.track({ userId: user, event: 'Order Completed' });
  await bad.closeAndFlush();
  const after = await ctx.events('segment', m, 0, 500);
  const p2 = [];
  if (ctx.requests(m).map((r) => r.status).join() !== '401') p2.push(`expected one 401, got ${ctx.http(m)}`);
  if (after.length) p2.push(`${after.length} events stored`);
  ctx.row({ sdk, case: 'wrong write key', http: ctx.http(m), stored: ctx.summarize(after), problems: p2 });
};
