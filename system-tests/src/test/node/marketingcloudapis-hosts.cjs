// Routes Marketing Cloud's own host names to the local stack, the way a hosts entry (plus a port
// forward) would: preloaded with `node --require ./marketingcloudapis-hosts.cjs`, it answers
// `<28 characters>.{auth,rest,soap}.marketingcloudapis.com` with 127.0.0.1 and sends their port
// 443 to MC_LOCAL_HTTPS_PORT (the stack's HTTPS listener). Only the socket address changes: the
// client still speaks TLS to that name (SNI, certificate check against NODE_EXTRA_CA_CERTS) and
// sends its path, headers and body as they are. Every other name resolves as usual.
//
// Why not the real thing: sfmc-sdk accepts no auth URL but https://<28 characters>.auth.
// marketingcloudapis.com/ (no port, no other name), a test may not edit /etc/hosts on a shared
// machine nor bind port 443, and an HTTP proxy would not do either: axios (sfmc-sdk's HTTP client)
// does not tunnel https through an HTTP proxy with CONNECT, it sends the request to the proxy in
// plain text, so the client would no longer speak TLS to the name.
'use strict';

const dns = require('dns');
const tls = require('tls');

const MARKETING_CLOUD_NAME = /^[\da-z-]{28}\.(auth|rest|soap)\.marketingcloudapis\.com$/i;
const localPort = Number(process.env.MC_LOCAL_HTTPS_PORT);
if (!Number.isInteger(localPort) || localPort <= 0) {
  throw new Error('MC_LOCAL_HTTPS_PORT must name the local stack\'s HTTPS port');
}

// The names routed so far, so a test can tell that its client really used them.
const routed = new Set();
globalThis[Symbol.for('contact-pipeline.routed-names')] = routed;

function isMarketingCloud(hostname) {
  return typeof hostname === 'string' && MARKETING_CLOUD_NAME.test(hostname);
}

// The hosts entry: net.connect resolves names through dns.lookup.
const lookup = dns.lookup;
dns.lookup = function lookupLocally(hostname, options, callback) {
  if (!isMarketingCloud(hostname)) {
    return lookup.apply(this, arguments);
  }
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  const all = typeof options === 'object' && options !== null && options.all;
  routed.add(hostname.toLowerCase());
  process.nextTick(() => all
    ? callback(null, [{ address: '127.0.0.1', family: 4 }])
    : callback(null, '127.0.0.1', 4));
  return {};
};

// The port forward: https connects with tls.connect({host, port, servername, ...}).
const connect = tls.connect;
tls.connect = function connectLocally(...args) {
  const options = args[0];
  if (options && typeof options === 'object' && isMarketingCloud(options.host)
      && Number(options.port || 443) === 443) {
    args[0] = Object.assign({}, options, { port: localPort });
  }
  return connect.apply(this, args);
};
