'use strict';
// svix's Webhook.sign(msgId, date, payload), the signer Svix (and so Clerk)
// uses, posting Clerk's own payloads to the clerk source. Inlet's svix scheme:
// docs/verification.md (tolerance 300 s both ways).
const { Webhook } = require('svix');

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const URL_PATH = '/integrations/receive/tok_sdk_clerk_0000000001';

module.exports = async (ctx) => {
  const sdk = ctx.pkg('svix');
  const user = ctx.text('tests/data/payloads/clerk/user.created.json');
  const org = ctx.text('tests/data/payloads/clerk/organization.created.json');
  const send = (secret, id, date, body) => ctx.post(URL_PATH, body, {
    'svix-id': id, 'svix-timestamp': String(Math.floor(date.getTime() / 1000)),
    'svix-signature': new Webhook(secret).sign(id, date, body) });
  const userId = JSON.parse(user).data.id;
  const orgId = JSON.parse(org).data.id;

  await ctx.case({ sdk, name: 'user.created + organization.created, signed now', source: 'clerk',
    send: async () => { await send(SECRET, 'msg_sdk_1', new Date(), user); await send(SECRET, 'msg_sdk_2', new Date(), org); },
    http: '200 200', events: [['user.created', 'processed'], ['organization.created', 'processed']],
    note: '; user + tenant',
    check: () => [
      ...(ctx.find('users', (u) => u.id === userId && u.email === 'example@example.org') ? [] : [`user ${userId} not identified`]),
      ...(ctx.find('tenants', (t) => t.id === orgId) ? [] : [`tenant ${orgId} not set`])] });

  // Svix retries a message with the same svix-id, signed again.
  await ctx.case({ sdk, name: 'redelivery (same svix-id, new signature)', source: 'clerk',
    send: () => send(SECRET, 'msg_sdk_1', new Date(), user), http: '200', events: [['user.created', 'idempotent']] });

  await ctx.case({ sdk, name: 'wrong secret', source: 'clerk',
    send: () => send('whsec_' + Buffer.from('not-the-clerk-signing-secret!').toString('base64'), 'msg_sdk_3', new Date(), user),
    http: '401', events: [['user.created', 'rejected']] });

  await ctx.case({ sdk, name: 'timestamp 10 min old', source: 'clerk',
    send: () => send(SECRET, 'msg_sdk_4', new Date(Date.now() - 600e3), user),
    http: '401', events: [['user.created', 'rejected']],
    check: (evs) => (/old/.test(evs[0]?.verification_reason) ? [] : ['reason does not say the timestamp is old']) });

  await ctx.case({ sdk, name: 'timestamp 10 min ahead', source: 'clerk',
    send: () => send(SECRET, 'msg_sdk_5', new Date(Date.now() + 600e3), user),
    http: '401', events: [['user.created', 'rejected']],
    check: (evs) => (/future/.test(evs[0]?.verification_reason) ? [] : ['reason does not say the timestamp is in the future']) });
};
