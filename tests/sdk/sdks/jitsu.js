'use strict';
// @jitsu/js in Node with `host` = Inlet. SPEC 3 says Jitsu SDKs can send
// straight to Inlet; the SDK always posts to {host}/api/s/{type}, which Inlet
// routes like /v1/{type} (X-Write-Key). The SDK refuses write keys that are
// not "id:secret" (Inlet generates Jitsu keys in that form).
const { jitsuAnalytics } = require('@jitsu/js');

module.exports = async (ctx) => {
  const sdk = ctx.pkg('@jitsu/js');
  const user = 'jit_user_1';
  const j = jitsuAnalytics({ host: ctx.url, writeKey: 'jsdkkey0001:jsdksecret0001' });
  await ctx.case({ sdk, name: 'identify track', source: 'jitsu',
    send: async () => {
      await j.identify(user, { email: `${user}@example.com`, name: 'Ada Jitsu' });
      await j.track('Order Completed', { order_id: 'o_3' });
    },
    http: '200 200', events: [['identify', 'processed'], ['track/Order Completed', 'unmapped']],
    check: () => (ctx.find('users', (x) => x.id === user) ? [] : [`user ${user} not identified`]) });
};
