'use strict';
// The server the bench talks to: Debian's nginx (nginx-light) with its own configuration on ephemeral
// loopback ports, or, where nginx cannot be had, the repository's Node test server (labelled so).

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const SMALL_BYTES = 1024;
const LARGE_BYTES = 1024 * 1024;
const ECHO_MODULE = '/usr/lib/nginx/modules/ngx_http_echo_module.so';

function findExecutable(name, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(':'), '/usr/sbin', '/sbin', ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Installs a Debian package with apt-get (through sudo when not root). Returns an error text or ''. */
function aptInstall(packages, log) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = asRoot ? 'apt-get' : 'sudo';
  const commandArgs = [...(asRoot ? [] : ['-n', 'apt-get']), 'install', '-y', '--no-install-recommends', ...packages];
  log(`installing ${packages.join(' ')}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    timeout: 600e3,
  });
  if (result.error) return result.error.message;
  if (result.status !== 0) return (result.stderr || '').trim().split('\n').slice(-3).join(' ');
  return '';
}

/** A loopback port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function patternFile(file, size) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  fs.writeFileSync(file, bytes, { mode: 0o644 });
}

/** A self-signed certificate for 127.0.0.1 that the clients are told to trust. */
function makeCertificate(dir) {
  const keyFile = path.join(dir, 'server.key');
  const certFile = path.join(dir, 'server.pem');
  const result = spawnSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:TRUE',
    ],
    { encoding: 'utf8' }
  );
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr || result.error}`);
  fs.chmodSync(keyFile, 0o644);
  return { keyFile, certFile };
}

function nginxVersion(binary) {
  const result = spawnSync(binary, ['-v'], { encoding: 'utf8' });
  return ((result.stderr || result.stdout || '').match(/nginx\/(\S+)/) || [])[1] || 'unknown';
}

function nginxConfig({ dir, httpPort, httpsPort, workers, cert, echo }) {
  const temp = (name) => path.join(dir, 'temp', name);
  // The POST sink reads the whole body before it answers (echo_read_request_body), so clients upload
  // every byte over a connection that stays open; without the echo module nginx would answer first.
  const echoRoutes = echo
    ? `
    location = /upload {
      client_max_body_size 2m;
      client_body_buffer_size 512k;
      echo_read_request_body;
      echo ok;
    }
    location = /upload-verify {
      client_max_body_size 2m;
      client_body_buffer_size 512k;
      echo_read_request_body;
      echo_request_body;
    }
    location = /slow {
      echo_sleep 120;
      echo late;
    }`
    : '';
  return `# Written by bench/lib/servers.js for one bench run.
${echo ? `load_module ${ECHO_MODULE};` : ''}
worker_processes ${workers};
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
daemon off;
events {
  worker_connections 16384;
  multi_accept on;
}
http {
  # Only requests carrying ?probe=NAME are logged: the bench's protocol check sends a few, the
  # measured traffic none, so nginx spends nothing on logging while it is measured.
  map $arg_probe $bench_probe {
    '' 0;
    default 1;
  }
  log_format bench_probe '$arg_probe $server_protocol $request_method $status $request_length';
  access_log ${path.join(dir, 'probe.log')} bench_probe if=$bench_probe;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 600s;
  keepalive_requests 100000000;
  open_file_cache max=64 inactive=600s;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  http2_max_concurrent_streams 256;
  ssl_certificate ${cert.certFile};
  ssl_certificate_key ${cert.keyFile};
  ssl_session_cache shared:bench:1m;
  server {
    listen 127.0.0.1:${httpPort} reuseport backlog=4096;
    listen 127.0.0.1:${httpsPort} ssl http2 reuseport backlog=4096;
    root ${path.join(dir, 'www')};
    location /bytes/ {
    }${echoRoutes}
  }
}
`;
}

/**
 * Starts nginx. Returns null (with the reason in `why`) when it cannot: no binary and no way to
 * install one, or it does not start.
 */
async function startNginx({ log, workers }) {
  let binary = findExecutable('nginx');
  if (!binary) {
    const error = aptInstall(['nginx-light'], log);
    binary = findExecutable('nginx');
    if (!binary) return { server: null, why: `nginx is not installed and could not be installed (${error})` };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcplib-bench-nginx-'));
  // nginx's workers run as an unprivileged user when started by root; they must read these files.
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'www', 'bytes'), { recursive: true, mode: 0o755 });
  fs.mkdirSync(path.join(dir, 'temp'), { mode: 0o755 });
  patternFile(path.join(dir, 'www', 'bytes', String(SMALL_BYTES)), SMALL_BYTES);
  patternFile(path.join(dir, 'www', 'bytes', String(LARGE_BYTES)), LARGE_BYTES);
  const cert = makeCertificate(dir);
  const echo = fs.existsSync(ECHO_MODULE);
  const httpPort = await freePort();
  const httpsPort = await freePort();
  const configFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(configFile, nginxConfig({ dir, httpPort, httpsPort, workers, cert, echo }));
  const child = spawn(binary, ['-c', configFile, '-p', dir, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await Promise.all([waitForPort(httpPort, 10e3), waitForPort(httpsPort, 10e3)]);
  } catch (error) {
    child.kill('SIGKILL');
    let errorLog = '';
    try {
      errorLog = fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      // none written
    }
    removeDir();
    return { server: null, why: `nginx did not start: ${(stderr + errorLog).trim() || error.message}` };
  }
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    removeDir();
  };
  return {
    server: {
      kind: 'nginx',
      label: `nginx ${nginxVersion(binary)} (${workers} worker${workers === 1 ? '' : 's'})`,
      version: nginxVersion(binary),
      workers,
      http: `http://127.0.0.1:${httpPort}`,
      https: `https://127.0.0.1:${httpsPort}`,
      caFile: cert.certFile,
      probeLog: path.join(dir, 'probe.log'),
      paths: {
        small: `/bytes/${SMALL_BYTES}`,
        large: `/bytes/${LARGE_BYTES}`,
        upload: echo ? '/upload' : null,
        uploadVerify: echo ? '/upload-verify' : null,
        slow: echo ? '/slow' : null,
      },
      stop,
    },
    why: '',
  };
}

/** The repository's Node test server: the fallback, and the home of routes nginx lacks. */
async function startNodeServer() {
  const { startTestServer } = require('../../tools/testserver/server');
  const servers = await startTestServer();
  return {
    kind: 'node-testserver',
    label: 'Node test server (tools/testserver, one process)',
    version: process.version,
    workers: 1,
    http: servers.http,
    https: servers.https,
    caFile: servers.caFile,
    probeLog: null,
    paths: {
      small: `/bytes/${SMALL_BYTES}`,
      large: `/bytes/${LARGE_BYTES}`,
      upload: '/upload',
      uploadVerify: null,
      slow: '/hang',
    },
    stop: () => servers.close(),
  };
}

module.exports = { startNginx, startNodeServer, findExecutable, SMALL_BYTES, LARGE_BYTES };
