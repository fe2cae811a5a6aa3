#!/usr/bin/env node
// Renders deploy/monsters.nginx.conf.template (docs/deployment.md). Plain
// Node, no dependency: it runs on a server with a production install.
//
//   node deploy/render-nginx-conf.mjs --server-name shop.example \
//     --upstream 127.0.0.1:5001 --upstream 127.0.0.1:5002 \
//     --certificate /etc/letsencrypt/live/shop.example/fullchain.pem \
//     --certificate-key /etc/letsencrypt/live/shop.example/privkey.pem \
//     > /etc/nginx/conf.d/monsters.conf
//
// --standalone DIR wraps it in a whole nginx.conf whose pid, logs and
// temporary files live in DIR, for `nginx -p DIR -e DIR/error.log -c FILE`
// without touching /etc/nginx or /var (tests, local trials).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const TEMPLATE = join(import.meta.dirname, 'monsters.nginx.conf.template');

const { values } = parseArgs({
  options: {
    'server-name': { type: 'string' },
    'http-listen': { type: 'string', default: '80' },
    'https-listen': { type: 'string', default: '443' },
    upstream: { type: 'string', multiple: true, default: [] },
    certificate: { type: 'string' },
    'certificate-key': { type: 'string' },
    'proxy-bind': { type: 'string' },
    standalone: { type: 'string' },
  },
});

function fail(message) {
  console.error(`render-nginx-conf: ${message}`);
  process.exit(2);
}

if (!values['server-name'])
  fail('--server-name is needed: the host name(s) of the site; requests for any other are refused');
if (values.upstream.length === 0) fail('at least one --upstream HOST:PORT is needed');
if (!values.certificate || !values['certificate-key'])
  fail('--certificate and --certificate-key are needed');

/** The port of a `listen` value (`443`, `127.0.0.1:8443`, `[::]:443`). */
const portOf = (listen) => listen.split(':').at(-1);

// An instance that fails once is left alone for 10 s, then tried again.
const upstreamServers = values.upstream
  .map((address) => `    server ${address} max_fails=1 fail_timeout=10s;`)
  .join('\n');
const httpsPort = portOf(values['https-listen']);

const placeholders = {
  UPSTREAM_SERVERS: upstreamServers,
  HTTP_LISTEN: values['http-listen'],
  HTTPS_LISTEN: values['https-listen'],
  HTTPS_PORT_SUFFIX: httpsPort === '443' ? '' : `:${httpsPort}`,
  SERVER_NAME: values['server-name'],
  CERTIFICATE: values.certificate,
  CERTIFICATE_KEY: values['certificate-key'],
  // The address nginx connects to the instances from: what TRUST_PROXY names.
  PROXY_BIND: values['proxy-bind'] ? `        proxy_bind ${values['proxy-bind']};` : '',
};

const site = readFileSync(TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name) => {
  if (!(name in placeholders)) fail(`unknown placeholder {{${name}}} in ${TEMPLATE}`);
  return placeholders[name];
});

function standalone(dir, body) {
  const indented = body.replace(/^(?=.)/gm, '    ');
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {
    worker_connections 512;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
${indented}}
`;
}

process.stdout.write(values.standalone ? standalone(values.standalone, site) : site);
