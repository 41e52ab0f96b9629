'use strict';

// Creates the throw-away PKI used by the TLS test servers: a CA, a server
// certificate it signs, an expired certificate it signs, and an unrelated
// self-signed certificate. Everything is generated in memory on every start so
// no key material is ever committed.

const { webcrypto, randomBytes, createPublicKey, createHash } = require('node:crypto');
const x509 = require('@peculiar/x509');

x509.cryptoProvider.set(webcrypto);

// EC P-256 keys are generated in a few milliseconds, unlike RSA.
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function randomSerialNumber() {
  const bytes = randomBytes(16);
  // A positive serial number keeps strict DER parsers (OpenSSL, BoringSSL) happy.
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function generateKeys() {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

async function privateKeyPem(privateKey) {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', privateKey));
  const base64Lines = pkcs8.toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${base64Lines}\n-----END PRIVATE KEY-----\n`;
}

function serverExtensions() {
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension([
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ]),
  ];
}

async function createCertificateAuthority(now) {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: 'CN=rcplib test CA, O=rcplib tests',
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + 7 * DAY_MS),
    keys,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { keys, certificate };
}

async function createServerCertificate(authority, notBefore, notAfter) {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: 'CN=localhost, O=rcplib tests',
    issuer: authority.certificate.subject,
    notBefore: new Date(notBefore),
    notAfter: new Date(notAfter),
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      ...serverExtensions(),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { keys, certificate };
}

async function createSelfSignedServerCertificate(now) {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: 'CN=localhost, O=rcplib self-signed',
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + 7 * DAY_MS),
    keys,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: serverExtensions(),
  });
  return { keys, certificate };
}

// The value a client pins: base64 of the SHA-256 of the DER SubjectPublicKeyInfo.
function publicKeyPin(certificatePem) {
  const spki = createPublicKey(certificatePem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

async function toCredentials(entry) {
  const certPem = entry.certificate.toString('pem') + '\n';
  return { cert: certPem, key: await privateKeyPem(entry.keys.privateKey), pin: publicKeyPin(certPem) };
}

/**
 * Generates all certificates the test servers need.
 * Returns PEM strings: { caPem, server, expired, selfSigned } where each of the
 * last three is { cert, key, pin }.
 */
async function createTestCertificates() {
  const now = Date.now();
  const authority = await createCertificateAuthority(now);
  const [server, expired, selfSigned] = await Promise.all([
    createServerCertificate(authority, now - HOUR_MS, now + 7 * DAY_MS),
    createServerCertificate(authority, now - 2 * DAY_MS, now - DAY_MS),
    createSelfSignedServerCertificate(now),
  ]);
  return {
    caPem: authority.certificate.toString('pem') + '\n',
    server: await toCredentials(server),
    expired: await toCredentials(expired),
    selfSigned: await toCredentials(selfSigned),
  };
}

module.exports = { createTestCertificates, publicKeyPin };
