'use strict';

// The fault modes that sit beside the HTTP routes: the listener directory
// (/servers), DNS over HTTPS (/dns-query), GOAWAY mid-batch (/goaway) and the
// below-HTTP listeners (silentTcp, garbageTcp).

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const http2 = require('node:http2');
const { startTestServer } = require('../server');
const { readQuery, buildAnswer, RCODE_NOERROR, RCODE_NXDOMAIN, TYPE_A } = require('../dns-message');
const { GARBAGE } = require('../fault-listeners');
const { h1Request, h2Request, h2Connect, sleep } = require('../exchange-clients');

const { NGHTTP2_NO_ERROR, NGHTTP2_INTERNAL_ERROR } = http2.constants;
// A misbehaving server must fail a test, never hang the run.
const BOUNDED = { timeout: 15_000 };
const TYPE_AAAA = 28;

let servers;

before(async () => {
  servers = await startTestServer();
});

after(async () => {
  await servers.close();
});

/** A one-question DNS query in wire format. */
function dnsQuery(name, type, id = 0x1234) {
  const header = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')]));
  const tail = Buffer.from([0, type >> 8, type & 0xff, 0, 1]);
  return Buffer.concat([header, ...labels, tail]);
}

function parseAnswer(message) {
  return {
    id: message.readUInt16BE(0),
    isResponse: (message[2] & 0x80) !== 0,
    rcode: message[3] & 0x0f,
    answers: message.readUInt16BE(6),
    // The A record, when there is one, is the last four bytes.
    address: message.readUInt16BE(6) > 0 ? [...message.subarray(message.length - 4)].join('.') : null,
  };
}

describe('servers directory', () => {
  it('/servers lists every listener and the trust files, matching startTestServer()', BOUNDED, async () => {
    const result = await h1Request(servers.http, '/servers');
    assert.equal(result.status, 200);
    const listed = JSON.parse(result.body);
    for (const name of ['http', 'h2c', 'https', 'httpsSelfSigned', 'httpsExpired', 'hostile', 'silentTcp', 'garbageTcp', 'caFile', 'selfSignedCertFile']) {
      assert.equal(listed[name], servers[name], name);
    }
    assert.match(listed.silentTcp, /^127\.0\.0\.1:\d+$/);
    assert.match(fs.readFileSync(listed.selfSignedCertFile, 'utf8'), /^-----BEGIN CERTIFICATE-----/);
  });
});

describe('DNS over HTTPS', () => {
  it('names under .invalid get NXDOMAIN, others resolve to 127.0.0.1 for A and to nothing for AAAA', BOUNDED, async () => {
    const ask = async (name, type) => {
      const result = await h2Request(servers.https, '/dns-query', {
        ca: servers.caPem,
        method: 'POST',
        headers: { 'content-type': 'application/dns-message', accept: 'application/dns-message' },
        body: dnsQuery(name, type),
      });
      assert.equal(result.status, 200, name);
      assert.equal(result.headers['content-type'], 'application/dns-message');
      return parseAnswer(result.body);
    };
    const invalid = await ask('does-not-exist.invalid', TYPE_A);
    assert.deepEqual(invalid, { id: 0x1234, isResponse: true, rcode: RCODE_NXDOMAIN, answers: 0, address: null });
    const found = await ask('Anything.Test', TYPE_A);
    assert.deepEqual(found, { id: 0x1234, isResponse: true, rcode: RCODE_NOERROR, answers: 1, address: '127.0.0.1' });
    const noV6 = await ask('anything.test', TYPE_AAAA);
    assert.equal(noV6.rcode, RCODE_NOERROR);
    assert.equal(noV6.answers, 0);
  });

  it('GET with ?dns= works and malformed queries get 400', BOUNDED, async () => {
    const encoded = dnsQuery('x.invalid', TYPE_A).toString('base64url');
    const viaGet = await h1Request(servers.http, `/dns-query?dns=${encoded}`);
    assert.equal(viaGet.status, 200);
    assert.equal(parseAnswer(viaGet.body).rcode, RCODE_NXDOMAIN);
    for (const bad of [Buffer.alloc(5), dnsQuery('a.test', TYPE_A).subarray(0, 16)]) {
      const result = await h1Request(servers.http, '/dns-query', { method: 'POST', body: bad });
      assert.equal(result.status, 400);
    }
  });

  it('readQuery refuses responses, several questions, overlong labels and truncation', () => {
    const query = dnsQuery('a.test', TYPE_A);
    assert.equal(readQuery(query).name, 'a.test');
    const response = Buffer.from(query);
    response[2] |= 0x80;
    assert.equal(readQuery(response), null);
    const twoQuestions = Buffer.from(query);
    twoQuestions.writeUInt16BE(2, 4);
    assert.equal(readQuery(twoQuestions), null);
    assert.equal(readQuery(dnsQuery('x'.repeat(64), TYPE_A)), null);
    for (let length = 0; length < query.length; length++) assert.equal(readQuery(query.subarray(0, length)), null, String(length));
    // The answer echoes the question and the id.
    const answer = buildAnswer(readQuery(dnsQuery('b.test', TYPE_A, 0xbeef)));
    assert.deepEqual(parseAnswer(answer), { id: 0xbeef, isResponse: true, rcode: RCODE_NOERROR, answers: 1, address: '127.0.0.1' });
  });
});

describe('GOAWAY mid-batch', () => {
  /** Runs /delay streams and one /goaway stream on one HTTP/2 session; resolves with all results and the GOAWAY seen. */
  async function batch(mode) {
    const session = h2Connect(servers.https, { ca: servers.caPem });
    const goaway = new Promise((resolve) => session.once('goaway', (code) => resolve(code)));
    const slow = [h2Request(servers.https, '/delay/400', { session }), h2Request(servers.https, '/delay/400', { session })];
    await sleep(100);
    const trigger = await h2Request(servers.https, `/goaway?mode=${mode}`, { session });
    const results = await Promise.all(slow);
    const code = await goaway;
    session.destroy();
    return { trigger, results, code };
  }

  it('graceful: GOAWAY(NO_ERROR), and streams already accepted still finish', BOUNDED, async () => {
    const { trigger, results, code } = await batch('graceful');
    assert.equal(code, NGHTTP2_NO_ERROR);
    assert.equal(trigger.status, 200);
    assert.equal(trigger.body.toString(), 'goaway graceful\n');
    for (const result of results) {
      assert.equal(result.status, 200);
      assert.equal(result.complete, true);
    }
  });

  it('abrupt: GOAWAY(INTERNAL_ERROR) and every stream of the connection ends incomplete', BOUNDED, async () => {
    const { trigger, results, code } = await batch('abrupt');
    assert.equal(code, NGHTTP2_INTERNAL_ERROR);
    assert.equal(trigger.complete, false);
    assert.equal(trigger.body.toString(), 'goaway abrupt\n');
    for (const result of results) assert.equal(result.complete, false);
  });

  it('HTTP/1.1: graceful closes the connection after the answer, abrupt cuts the body', BOUNDED, async () => {
    const graceful = await h1Request(servers.http, '/goaway');
    assert.equal(graceful.status, 200);
    assert.equal(graceful.headers.connection, 'close');
    assert.equal(graceful.complete, true);
    const abrupt = await h1Request(servers.http, '/goaway?mode=abrupt&delayMs=0');
    assert.equal(abrupt.status, 200);
    assert.equal(abrupt.complete, false);
    assert.equal((await h1Request(servers.http, '/goaway?mode=sideways')).status, 400);
  });
});

describe('below-HTTP listeners', () => {
  it('silentTcp accepts a TLS client and never answers its handshake', BOUNDED, async () => {
    const [host, port] = servers.silentTcp.split(':');
    const outcome = await new Promise((resolve) => {
      const socket = tls.connect({ host, port: Number(port), rejectUnauthorized: false }, () => resolve('handshake'));
      socket.on('error', (error) => resolve(`error ${error.code}`));
      socket.on('data', () => resolve('data'));
      setTimeout(() => {
        socket.destroy();
        resolve('silent');
      }, 500);
    });
    assert.equal(outcome, 'silent');
  });

  it('garbageTcp sends its garbage to any client, then closes', BOUNDED, async () => {
    const [host, port] = servers.garbageTcp.split(':');
    const received = await new Promise((resolve) => {
      const chunks = [];
      const socket = net.connect({ host, port: Number(port) }, () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', () => {});
      socket.on('close', () => resolve(Buffer.concat(chunks)));
    });
    assert.deepEqual(received, GARBAGE);
  });

  it('close() also ends connections held by the fault listeners', BOUNDED, async () => {
    const own = await startTestServer();
    const [host, port] = own.silentTcp.split(':');
    const closed = new Promise((resolve) => {
      const socket = net.connect({ host, port: Number(port) });
      socket.on('error', () => {});
      socket.on('close', resolve);
    });
    await sleep(100);
    await own.close();
    await closed;
  });
});
