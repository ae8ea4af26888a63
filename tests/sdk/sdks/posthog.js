'use strict';
// posthog-node with host = Inlet: it posts {api_key, batch} to {host}/batch/
// (gzipped), which Inlet answers as PostHog's capture API for the source
// whose write key is the project API key (template posthog_capture).
const { PostHog } = require('posthog-node');

module.exports = async (ctx) => {
  const sdk = ctx.pkg('posthog-node');
  const user = 'ph_user_1';
  const m = await ctx.mark();
  const ph = new PostHog('phc_sdk_check_project_key', { host: ctx.url, flushAt: 10, flushInterval: 0, fetchRetryCount: 0 });
  ph.on('error', () => {}); // shows up in the proxy's record
  ph.capture({ distinctId: user, event: 'Signed Up', properties: { plan: 'pro' } });
  ph.identify({ distinctId: user, properties: { email: `${user}@example.com`, name: 'Ada PostHog' } });
  ph.alias({ distinctId: user, alias: `alias_${user}` });
  await ph.shutdown();
  const evs = await ctx.events('posthog', m, 3, 2000);
  const problems = ctx.expectEvents(evs, [['Signed Up', 'unmapped'], ['$identify', 'processed'], ['$create_alias', 'unmapped']]);
  if (!ctx.find('users', (x) => x.id === user)) problems.push(`user ${user} not identified`);
  if (problems.length) problems.push(...ctx.sent(m));
  ctx.row({ sdk, case: 'capture identify alias shutdown', http: ctx.http(m), stored: ctx.summarize(evs), problems });
};
