'use strict';
// posthog-node, host = the posthog source's ingest URL (the only PostHog URL
// Inlet has). SPEC 3/7 define PostHog as a webhook source fed by PostHog's
// destinations; Inlet has no PostHog capture API (the SDK posts to
// {host}/batch/), so this row is a GAP (outside SPEC): reported, not a failure.
const { PostHog } = require('posthog-node');

module.exports = async (ctx) => {
  const sdk = ctx.pkg('posthog-node');
  const user = 'ph_user_1';
  const m = await ctx.mark();
  const ph = new PostHog('phc_sdk_check_project_key', { host: `${ctx.url}/integrations/receive/tok_sdk_posthog_000000001`, flushAt: 10, flushInterval: 0, fetchRetryCount: 0 });
  ph.on('error', () => {}); // shows up in the proxy's record
  ph.capture({ distinctId: user, event: 'Signed Up', properties: { plan: 'pro' } });
  ph.identify({ distinctId: user, properties: { email: `${user}@example.com`, name: 'Ada PostHog' } });
  ph.alias({ distinctId: user, alias: `alias_${user}` });
  await ph.shutdown();
  const evs = await ctx.events('posthog', m, 3, 2000);
  const problems = ctx.expectEvents(evs, [['Signed Up', 'unmapped'], ['$identify', 'processed'], ['$create_alias', 'unmapped']]);
  if (!ctx.find('users', (x) => x.id === user)) problems.push(`user ${user} not identified`);
  if (problems.length) problems.push(...ctx.sent(m));
  ctx.row({ sdk, case: 'capture identify alias shutdown', http: ctx.http(m), stored: ctx.summarize(evs), problems, expect: 'gap' });
};
