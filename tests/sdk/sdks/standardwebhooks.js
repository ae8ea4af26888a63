'use strict';
// standardwebhooks, the library Supabase's Auth hook docs use, signing a
// send-email hook request with webhook-* headers. The secret is configured as
// Supabase displays it ("v1,whsec_<base64>", docs/verification.md); the docs'
// recipe strips that prefix before handing it to the library.
const { Webhook } = require('standardwebhooks');

const DISPLAYED = 'v1,whsec_aW5sZXQtc2RrLWNoZWNrLXN1cGFiYXNlLWhvb2stMzI=';
const URL_PATH = '/integrations/receive/tok_sdk_supabase_hook_001';

module.exports = async (ctx) => {
  const sdk = ctx.pkg('standardwebhooks');
  const body = JSON.stringify({
    user: { id: '8b0c1f6e-5d3a-4c1e-9a51-3f6b2d9e7c10', aud: 'authenticated', role: 'authenticated', email: 'hook@example.com',
      phone: '', app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: {}, created_at: new Date().toISOString() },
    email_data: { token: '305805', token_hash: '7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0', redirect_to: 'http://localhost:3000/',
      email_action_type: 'signup', site_url: 'http://localhost:3000', token_new: '', token_hash_new: '' } });
  const send = (secret, id) => {
    const date = new Date();
    return ctx.post(URL_PATH, body, { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(date / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, date, body) });
  };
  await ctx.case({ sdk, name: 'Supabase send-email hook (webhook-* headers)', source: 'supabase_auth_hook',
    send: () => send(DISPLAYED.replace('v1,whsec_', ''), 'msg_hook_1'), http: '200', events: [['signup', 'processed']],
    note: '; user', check: () => (ctx.find('users', (u) => u.email === 'hook@example.com') ? [] : ['user not identified']) });
  await ctx.case({ sdk, name: 'wrong secret', source: 'supabase_auth_hook',
    send: () => send(Buffer.from('some-other-hook-secret-32-bytes!').toString('base64'), 'msg_hook_2'),
    http: '401', events: [['signup', 'rejected']] });
};
