'use strict';
// stripe.webhooks.generateTestHeaderString, Stripe's own signer for tests,
// over real-shaped events: the template's customer.created example and
// Stripe's invoice.paid payload, sent pretty-printed as Stripe sends them.
const Stripe = require('stripe');

const SECRET = 'whsec_sdk_check_0123456789abcdef';
const URL_PATH = '/integrations/receive/tok_sdk_stripe_000000001';

module.exports = async (ctx) => {
  const sdk = ctx.pkg('stripe');
  const stripe = new Stripe('sk_test_not_used_for_webhooks');
  const example = ctx.json('resources/templates/stripe.json').examples.find((e) => e.body.type === 'customer.created').body;
  const fresh = (body, id) => JSON.stringify({ ...body, id, created: Math.floor(Date.now() / 1000) }, null, 2);
  const customer = fresh(example, 'evt_sdk_customer_1');
  const invoice = fresh(ctx.json('tests/data/payloads/stripe/invoice.paid.json'), 'evt_sdk_invoice_1');
  const send = (body, opts = {}) => ctx.post(URL_PATH, opts.tamper ? body.replace('"livemode": false', '"livemode": true') : body,
    { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, ...opts.sign }) });
  const cus = example.data.object;

  await ctx.case({ sdk, name: 'customer.created + invoice.paid', source: 'stripe',
    send: async () => { await send(customer); await send(invoice); },
    http: '200 200', events: [['customer.created', 'processed'], ['invoice.paid', 'processed']], note: '; user (invoice trigger inactive)',
    check: () => (ctx.find('users', (u) => u.id === cus.id && u.email === cus.email) ? [] : [`user ${cus.id} not identified`]) });

  await ctx.case({ sdk, name: 'tampered body', source: 'stripe',
    send: () => send(fresh(example, 'evt_sdk_customer_2'), { tamper: true }), http: '401', events: [['customer.created', 'rejected']] });

  await ctx.case({ sdk, name: 'timestamp 10 min old', source: 'stripe',
    send: () => send(fresh(example, 'evt_sdk_customer_3'), { sign: { timestamp: Math.floor(Date.now() / 1000) - 600 } }),
    http: '401', events: [['customer.created', 'rejected']],
    check: (evs) => (/old/.test(evs[0]?.verification_reason) ? [] : ['reason does not say the timestamp is old']) });
};
