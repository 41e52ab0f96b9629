'use strict';

// TCP listeners that misbehave below HTTP, for failures no HTTP route can
// produce. Point an http:// or https:// URL at them.
//  - silent: accepts and reads, never writes. A TLS client's handshake never
//    completes (its connect timeout fires); a cleartext request is never answered.
//  - garbage: answers any connection with bytes that are neither TLS nor HTTP,
//    then closes it, so TLS handshakes and HTTP status lines both fail.

const net = require('node:net');

// Starts like neither a TLS record (0x14-0x17) nor "HTTP/".
const GARBAGE = Buffer.from('\u0000\u00ff rcplib test garbage: not TLS, not HTTP \u00ff\u0000\r\n\r\n'.repeat(8), 'latin1');
// Lets the client read the garbage before the connection ends.
const GARBAGE_LINGER_MS = 100;

function createSilentTcpServer() {
  return net.createServer((socket) => {
    socket.on('error', () => {});
    // Reading keeps the client's writes flowing, so it waits for an answer rather than on a full window.
    socket.resume();
  });
}

function createGarbageTcpServer() {
  return net.createServer((socket) => {
    socket.on('error', () => {});
    socket.resume();
    socket.write(GARBAGE);
    const timer = setTimeout(() => socket.end(), GARBAGE_LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
  });
}

module.exports = { createSilentTcpServer, createGarbageTcpServer, GARBAGE };
