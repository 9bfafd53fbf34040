// Loaded with `node --require` (which, unlike --import, also runs in every worker thread) before
// the program under test: every way Node can open a connection or resolve a name records the
// attempt (to NO_NETWORK_LOG) and fails at once. Local IPC (Unix sockets, pipes) is allowed.
'use strict';
const { appendFileSync } = require('node:fs');
const dgram = require('node:dgram');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');
const { syncBuiltinESMExports } = require('node:module');
const { isMainThread } = require('node:worker_threads');

const log = process.env.NO_NETWORK_LOG;
const attempt = (what) => {
  if (log) appendFileSync(log, `${isMainThread ? 'main' : 'worker'} ${what}\n`);
  throw new Error(`network access attempted: ${what}`);
};
const block = (obj, name, label) => {
  if (typeof obj[name] !== 'function') return;
  obj[name] = function blocked() {
    return attempt(label);
  };
};
const isIpc = (args) => {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return (typeof first === 'string' && !/^\d+$/.test(first)) || (first !== null && typeof first === 'object' && typeof first.path === 'string');
};
const blockTcp = (obj, name, label) => {
  const original = obj[name];
  obj[name] = function guarded(...args) {
    return isIpc(args) ? original.apply(this, args) : attempt(label);
  };
};

blockTcp(net.Socket.prototype, 'connect', 'net.Socket.connect');
blockTcp(net, 'connect', 'net.connect');
blockTcp(net, 'createConnection', 'net.createConnection');
block(tls, 'connect', 'tls.connect');
for (const name of ['request', 'get']) {
  block(http, name, `http.${name}`);
  block(https, name, `https.${name}`);
}
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveMx', 'resolveTxt', 'reverse']) {
  block(dns, name, `dns.${name}`);
  block(dns.promises, name, `dns.promises.${name}`);
}
block(dgram, 'createSocket', 'dgram.createSocket');
block(globalThis, 'fetch', 'fetch');
if (typeof globalThis.WebSocket === 'function') block(globalThis, 'WebSocket', 'WebSocket');
// ESM named imports of built-ins (import { lookup } from 'node:dns') see the patched functions.
syncBuiltinESMExports();
