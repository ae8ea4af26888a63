'use strict';
// Bonus: @knocklabs/node with only `baseURL` changed, against the
// Knock-compatible REST subset (SPEC 8) that reverse-ETL tools call, with the
// hightouch source's API key. Each call is one event, executed at once.
const Knock = require('@knocklabs/node').default;

module.exports = async (ctx) => {
  const sdk = ctx.pkg('@knocklabs/node');
  const knock = new Knock({ apiKey: 'sk_sdk_hightouch_0001', baseURL: ctx.url, maxRetries: 0 });
  const calls = [
    ['users.update', () => knock.users.update('kn_user_1', { name: 'Ada Knock', email: 'kn1@example.com', plan: 'pro' }), 'users.identify'],
    ['users.bulk.identify', () => knock.users.bulk.identify({ users: [{ id: 'kn_user_2', email: 'kn2@example.com' }, { id: 'kn_user_3' }] }), 'users.bulk_identify'],
    ['tenants.set', () => knock.tenants.set('kn_tenant_1', { name: 'Knock Tenant' }), 'tenants.set'],
    ['objects.set', () => knock.objects.set('projects', 'proj_1', { name: 'Project One' }), 'objects.set'],
    ['audiences.addMembers', () => knock.audiences.addMembers('beta', { members: [{ user: { id: 'kn_user_1' } }, { user: { id: 'kn_user_2' } }] }), 'audiences.add_members'],
    ['workflows.trigger', () => knock.workflows.trigger('welcome', { recipients: ['kn_user_1'], actor: 'kn_user_2', data: { plan: 'pro' } }), 'workflows.trigger'],
    ['audiences.removeMembers', () => knock.audiences.removeMembers('beta', { members: [{ user: { id: 'kn_user_2' } }] }), 'audiences.remove_members'],
    ['objects.delete', () => knock.objects.delete('projects', 'proj_1'), 'objects.delete'],
    ['users.delete', () => knock.users.delete('kn_user_3'), 'users.delete'],
  ];
  const results = {};
  const thrown = [];
  await ctx.case({ sdk, name: `${calls.length} calls: users, tenant, object, audience, trigger, deletes`, source: 'hightouch',
    send: async () => {
      for (const [n, f] of calls) {
        try { results[n] = await f(); } catch (e) { thrown.push(`${n}: ${e.status} ${e.message}`); }
      }
    },
    http: '200 200 200 200 204 200 204 204 204', events: calls.map(([, , op]) => [op, 'processed']),
    note: '; users, tenant, run, audience',
    check: () => {
      const p = thrown.map((t) => `SDK threw ${t}`);
      if (results['users.update']?.email !== 'kn1@example.com') p.push(`users.update returned ${JSON.stringify(results['users.update'])}`);
      if (!/^run_/.test(results['workflows.trigger']?.workflow_run_id || '')) p.push('workflows.trigger returned no workflow_run_id');
      if (!ctx.find('users', (u) => u.id === 'kn_user_2')) p.push('kn_user_2 not identified');
      if (ctx.find('users', (u) => u.id === 'kn_user_3')) p.push('kn_user_3 not deleted');
      if (!ctx.find('tenants', (t) => t.id === 'kn_tenant_1' && t.name === 'Knock Tenant')) p.push('tenant not set');
      if (ctx.find('objects', (o) => o.id === 'proj_1')) p.push('object not deleted');
      const aud = ctx.find('audiences', (a) => a.key === 'beta');
      if (aud?.member_count !== 1) p.push(`audience beta has ${aud?.member_count} members, expected 1`);
      if (!ctx.find('runs', (r) => r.workflow === 'welcome' && r.id === results['workflows.trigger']?.workflow_run_id)) p.push('run not stored');
      return p;
    } });

  await ctx.case({ sdk, name: 'wrong API key', source: 'hightouch',
    send: () => new Knock({ apiKey: 'sk_wrong', baseURL: ctx.url, maxRetries: 0 }).users.update('x', {}).catch(() => {}),
    http: '401', events: [] });
};
