'use strict';
// @rudderstack/rudder-sdk-node with only `dataPlaneUrl` changed. Its default is
// gzip bodies with Content-Type application/x-www-form-urlencoded (SPEC 6).
const Analytics = require('@rudderstack/rudder-sdk-node');

module.exports = async (ctx) => {
  const sdk = ctx.pkg('@rudderstack/rudder-sdk-node');
  const user = 'rud_user_1';
  const m = await ctx.mark();
  const r = new Analytics('wk_sdk_rudderstack_0001', { dataPlaneUrl: ctx.url, flushAt: 3, logLevel: 'error' });
  r.identify({ userId: user, traits: { email: `${user}@example.com`, name: 'Ada Rudder' } });
  r.track({ userId: user, event: 'Order Completed', properties: { order_id: 'o_2', total: 7 } });
  r.page({ userId: user, category: 'Docs', name: 'Getting started', properties: { path: '/docs' } });
  r.group({ userId: user, groupId: `grp_${user}`, traits: { name: 'Beta LLC' } });
  r.alias({ userId: user, previousId: `anon_${user}` });
  r.screen({ userId: user, name: 'Dashboard' });
  const flushError = await new Promise((res) => r.flush((err) => res(err)));
  const evs = await ctx.events('rudderstack', m, 6);
  const problems = ctx.expectEvents(evs, [
    ['identify', 'processed'], ['track/Order Completed', 'processed'], ['group', 'processed'],
    ['page', 'unmapped'], ['alias', 'unmapped'], ['screen', 'unmapped']]);
  const reqs = ctx.requests(m);
  if (!reqs.length || reqs.some((q) => q.path !== '/v1/batch' || q.status !== 200)) problems.push('expected POST /v1/batch answered 200');
  if (!reqs.some((q) => q.headers['content-encoding'] === 'gzip')) problems.push('the SDK sent no gzip body (nothing to check)');
  if (flushError) problems.push(`flush callback got: ${flushError}`);
  const u = ctx.find('users', (x) => x.id === user);
  if (!u || u.email !== `${user}@example.com` || u.name !== 'Ada Rudder') problems.push(`user ${user} not identified: ${JSON.stringify(u)}`);
  if (!ctx.find('runs', (x) => x.workflow === 'welcome' && JSON.stringify(x.recipients) === JSON.stringify([user]))) problems.push('no welcome run for the track');
  if (!ctx.find('tenants', (x) => x.id === `grp_${user}` && x.name === 'Beta LLC')) problems.push(`tenant grp_${user} not set`);
  if (problems.length) problems.push(...ctx.sent(m));
  ctx.row({ sdk, case: `identify track page group alias screen, gzip, ${reqs.length} batches`, http: ctx.http(m),
    stored: `${ctx.summarize(evs)}; user, tenant, welcome run`, problems });

  // The SDK sends originalTimestamp and sentAt, not timestamp (RudderStack's
  // server adds that): the template's preprocess script falls back to
  // originalTimestamp, so every event has one.
  const missing = evs.filter((e) => !e.timestamp).length;
  ctx.row({ sdk, case: 'event timestamp (template: timestamp, else originalTimestamp)', http: '',
    stored: `${evs.length - missing}/${evs.length} events with a timestamp`,
    problems: missing ? [`${missing} of ${evs.length} events have timestamp null; the SDK's messages carry originalTimestamp, not timestamp`] : [] });
};
