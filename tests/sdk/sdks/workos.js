'use strict';
// @workos-inc/node's webhooks.computeSignature(timestamp, payload, secret), the
// SDK's own signing half (its verifyHeader recomputes it), over WorkOS's event
// payloads. The SDK signs JSON.stringify(payload), so that is the body sent;
// the header is written as WorkOS sends it: "t=<ms>, v1=<hex>".
const { WorkOS } = require('@workos-inc/node');

const SECRET = 'sdk_check_workos_secret_0123';
const URL_PATH = '/integrations/receive/tok_sdk_workos_000000001';

module.exports = async (ctx) => {
  const sdk = ctx.pkg('@workos-inc/node');
  const workos = new WorkOS('sk_test_not_used_for_webhooks');
  const user = ctx.json('tests/data/payloads/workos/user.created.json');
  const org = ctx.json('tests/data/payloads/workos/organization.created.json');
  const send = async (event, { t = Date.now(), tamper = false } = {}) => {
    const sig = await workos.webhooks.computeSignature(t, event, SECRET);
    const body = JSON.stringify(tamper ? { ...event, tampered: true } : event);
    return ctx.post(URL_PATH, body, { 'workos-signature': `t=${t}, v1=${sig}` });
  };

  await ctx.case({ sdk, name: 'user.created + organization.created', source: 'workos',
    send: async () => { await send(user); await send(org); },
    http: '200 200', events: [['user.created', 'processed'], ['organization.created', 'processed']], note: '; user + tenant',
    check: () => [
      ...(ctx.find('users', (u) => u.id === user.data.id && u.email === user.data.email) ? [] : [`user ${user.data.id} not identified`]),
      ...(ctx.find('tenants', (x) => x.id === org.data.id) ? [] : [`tenant ${org.data.id} not set`])] });

  await ctx.case({ sdk, name: 'tampered body', source: 'workos',
    send: () => send({ ...user, id: 'event_sdk_tampered' }, { tamper: true }), http: '401', events: [['user.created', 'rejected']] });

  await ctx.case({ sdk, name: 'timestamp 10 min old', source: 'workos',
    send: () => send({ ...user, id: 'event_sdk_stale' }, { t: Date.now() - 600e3 }), http: '401', events: [['user.created', 'rejected']],
    check: (evs) => (/old/.test(evs[0]?.verification_reason) ? [] : ['reason does not say the timestamp is old']) });
};
