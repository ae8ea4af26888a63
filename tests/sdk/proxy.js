// A recording pass-through proxy between the SDKs and inletd. SDKs swallow
// HTTP errors (they log, retry or drop), so the only reliable record of what
// they sent and what inletd answered is taken on the wire here.
'use strict';
const http = require('http');
const zlib = require('zlib');

function startProxy(target) {
  const t = new URL(target);
  const log = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry = { method: req.method, path: req.url, headers: req.headers, body, status: 0, answer: '' };
      log.push(entry);
      const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (ur) => {
        const out = [];
        ur.on('data', (c) => out.push(c));
        ur.on('end', () => {
          entry.status = ur.statusCode;
          entry.answer = Buffer.concat(out).toString('utf8');
          res.writeHead(ur.statusCode, ur.headers);
          res.end(Buffer.concat(out));
        });
      });
      up.on('error', (e) => { entry.status = 502; entry.answer = String(e); res.writeHead(502); res.end(); });
      up.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, log, close: () => server.close() });
  }));
}

// The body as text, gunzipped when the SDK compressed it.
function bodyText(entry) {
  const enc = entry.headers['content-encoding'] || '';
  try { return (enc.includes('gzip') ? zlib.gunzipSync(entry.body) : entry.body).toString('utf8'); }
  catch { return `<${entry.body.length} undecodable bytes>`; }
}

module.exports = { startProxy, bodyText };
