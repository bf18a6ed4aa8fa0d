// The product's one network access, fetchImage, against a local HTTP server on 127.0.0.1 (port 0,
// a bounded number of requests, closed after): it takes an allowed image and refuses everything
// else. And nothing else in the product opens a network connection: the built CLI under a preload
// that blocks and records every attempt, and an import analysis of both bundles.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as nodePath from 'node:path';
import { fetchImage, FetchRefused, type FetchImageOptions } from '../../src/net/fetchImage';
import { FIXTURE, ROOT, cleanup, makeTempDir, runNode } from './helpers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1b3a50000000049454e44ae426082', 'hex');

interface Served {
  base: string;
  port: number;
  requests: string[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 for the cases below; it answers at most `limit` requests, then closes connections. */
async function serve(limit = 200): Promise<Served> {
  const requests: string[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    if (requests.length > limit) {
      res.socket?.destroy();
      return;
    }
    const port = (server.address() as AddressInfo).port;
    const png = (extra: http.OutgoingHttpHeaders = {}) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length, ...extra }).end(PNG);
    switch (url) {
      case '/ok.png':
        return png();
      case '/ok-charset.png':
        res.writeHead(200, { 'content-type': 'IMAGE/PNG; charset=binary' }).end(PNG);
        return;
      case '/redirect-same':
        res.writeHead(302, { location: '/ok.png' }).end();
        return;
      case '/redirect-absolute':
        res.writeHead(301, { location: `http://127.0.0.1:${port}/ok.png` }).end();
        return;
      case '/redirect-other-host':
        res.writeHead(302, { location: `http://localhost:${port}/ok.png` }).end();
        return;
      case '/redirect-file':
        res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      case '/redirect-credentials':
        res.writeHead(302, { location: `http://user:secret@127.0.0.1:${port}/ok.png` }).end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/big-declared':
        // Says how big it is: refused on the header, before the body.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 4096 });
        res.end(Buffer.alloc(4096, 1));
        return;
      case '/big-chunked': {
        // Says nothing about its size, and never stops: refused as it exceeds the limit.
        res.writeHead(200, { 'content-type': 'image/png' });
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent > 1024 * 1024) {
            clearInterval(timer);
            res.destroy();
            return;
          }
          sent += 1024;
          res.write(Buffer.alloc(1024, 2));
        }, 1);
        return;
      }
      case '/big-unannounced':
        // No Content-Length, a body that ends, but over the limit.
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(4096, 3));
        return;
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not an image</html>');
        return;
      case '/svg-script':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('<svg/>');
        return;
      case '/no-type':
        res.writeHead(200).end(PNG);
        return;
      case '/not-found':
        res.writeHead(404, { 'content-type': 'image/png' }).end();
        return;
      case '/slow-headers':
        // Never answers.
        held.push(res);
        return;
      case '/slow-body':
        // Answers, then stalls in the middle of the body.
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': 1000 });
        res.write(Buffer.alloc(10));
        held.push(res);
        return;
      default:
        res.writeHead(404).end();
    }
  });
  server.maxConnections = 20;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of held) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The options a test uses: loopback only, plain http allowed, small limits. */
function options(extra: Partial<FetchImageOptions> = {}): FetchImageOptions {
  return { allowedHosts: new Set(['127.0.0.1']), allowHttp: true, allowPrivateAddresses: true, maxBytes: 1024, timeoutMs: 2000, maxRedirects: 3, ...extra };
}

/** Settles within `ms` or fails: a refusal that hangs is a failure too. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function refused(promise: Promise<unknown>, message: RegExp, ms = 5000): Promise<void> {
  await assert.rejects(within(ms, promise), (error: unknown) => {
    assert.ok(error instanceof FetchRefused, `a FetchRefused, not ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

describe('fetchImage against a local server', function () {
  this.timeout(30_000);
  let server: Served;

  beforeEach(async () => {
    server = await serve();
  });

  afterEach(async () => {
    await server.close();
  });

  it('accepts an image from an allowed host, with its content type', async () => {
    const got = await within(5000, fetchImage(`${server.base}/ok.png`, options()));
    assert.deepEqual(Buffer.from(got.bytes), PNG);
    assert.equal(got.contentType, 'image/png');
    const upper = await within(5000, fetchImage(`${server.base}/ok-charset.png`, options()));
    assert.equal(upper.contentType, 'image/png', 'parameters dropped, lower case');
  });

  it('follows a redirect within the allowed hosts (relative and absolute)', async () => {
    assert.deepEqual(Buffer.from((await within(5000, fetchImage(`${server.base}/redirect-same`, options()))).bytes), PNG);
    assert.deepEqual(Buffer.from((await within(5000, fetchImage(`${server.base}/redirect-absolute`, options()))).bytes), PNG);
    assert.deepEqual(server.requests, ['/redirect-same', '/ok.png', '/redirect-absolute', '/ok.png']);
  });

  it('refuses a host outside the allow-list (localhost is not 127.0.0.1), without a request', async () => {
    await refused(fetchImage(`http://localhost:${server.port}/ok.png`, options()), /localhost is not an allowed image host/);
    await refused(fetchImage(`http://127.0.0.2:${server.port}/ok.png`, options()), /not an allowed image host/);
    await refused(fetchImage(`http://127.0.0.1.nip.io:${server.port}/ok.png`, options()), /not an allowed image host/);
    assert.deepEqual(server.requests, []);
  });

  it('refuses a redirect to another host, before following it', async () => {
    await refused(fetchImage(`${server.base}/redirect-other-host`, options()), /localhost is not an allowed image host/);
    assert.deepEqual(server.requests, ['/redirect-other-host']);
  });

  it('refuses a redirect to file: or to a URL with credentials', async () => {
    await refused(fetchImage(`${server.base}/redirect-file`, options()), /only https is allowed, not file:/);
    await refused(fetchImage(`${server.base}/redirect-credentials`, options()), /credentials/);
    assert.deepEqual(server.requests, ['/redirect-file', '/redirect-credentials']);
  });

  it('refuses too many redirects', async () => {
    await refused(fetchImage(`${server.base}/loop`, options({ maxRedirects: 3 })), /too many redirects/);
    assert.equal(server.requests.length, 4, 'the first request and three redirects');
  });

  it('refuses a body over the size limit when Content-Length says so', async () => {
    await refused(fetchImage(`${server.base}/big-declared`, options({ maxBytes: 1024 })), /larger than 1024 bytes/);
  });

  it('refuses a body over the size limit without Content-Length (chunked), and stops reading', async () => {
    await refused(fetchImage(`${server.base}/big-chunked`, options({ maxBytes: 8 * 1024 })), /larger than 8192 bytes/);
    await refused(fetchImage(`${server.base}/big-unannounced`, options({ maxBytes: 1024 })), /larger than 1024 bytes/);
  });

  it('refuses what is not an image: HTML, text, no content type, an error status', async () => {
    await refused(fetchImage(`${server.base}/html`, options()), /not an image \(text\/html\)/);
    await refused(fetchImage(`${server.base}/svg-script`, options()), /not an image \(text\/plain\)/);
    await refused(fetchImage(`${server.base}/no-type`, options()), /not an image \(no content type\)/);
    await refused(fetchImage(`${server.base}/not-found`, options()), /the server answered 404/);
  });

  it('gives up on a server that does not answer (time-out)', async () => {
    const started = Date.now();
    await refused(fetchImage(`${server.base}/slow-headers`, options({ timeoutMs: 300 })), /no answer within 300 ms/, 5000);
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  });

  it('gives up on a server that stalls in the middle of the body (time-out)', async () => {
    await refused(fetchImage(`${server.base}/slow-body`, options({ timeoutMs: 300 })), /no answer within 300 ms|aborted|time/i, 5000);
  });

  it('refuses URLs with credentials, without a request', async () => {
    await refused(fetchImage(`http://user:secret@127.0.0.1:${server.port}/ok.png`, options()), /credentials/);
    await refused(fetchImage(`http://user@127.0.0.1:${server.port}/ok.png`, options()), /credentials/);
    assert.deepEqual(server.requests, []);
  });

  it('refuses plain http unless allowHttp, and other schemes always, without a request', async () => {
    await refused(fetchImage(`${server.base}/ok.png`, options({ allowHttp: false })), /only https is allowed, not http:/);
    await refused(fetchImage(`${server.base}/ok.png`, { allowedHosts: new Set(['127.0.0.1']) }), /only https is allowed, not http:/);
    await refused(fetchImage('file:///etc/passwd', options()), /only https is allowed, not file:/);
    await refused(fetchImage('ftp://127.0.0.1/x.png', options()), /only https is allowed, not ftp:/);
    await refused(fetchImage('data:image/png;base64,AAAA', options()), /only https is allowed, not data:/);
    assert.deepEqual(server.requests, []);
  });

  it('refuses a malformed URL with an error, not a crash', async () => {
    await assert.rejects(within(2000, fetchImage('not a url', options())));
    await assert.rejects(within(2000, fetchImage('', options())));
  });
});

// ---- no network unless asked ---------------------------------------------------------------

let bundlesBuilt: Promise<void> | undefined;
/** Builds dist/cli.js and dist/extension.js once per test run. */
function buildBundles(): Promise<void> {
  bundlesBuilt ??= Promise.all(
    ['cli', 'extension'].map(
      (only) =>
        new Promise<void>((resolve, reject) => {
          execFile(process.execPath, ['scripts/build.mjs', '--only', only, '--quiet'], { cwd: ROOT }, (error, _out, stderr) => (error ? reject(new Error(`building ${only} failed: ${stderr}`)) : resolve()));
        }),
    ),
  ).then(() => undefined);
  return bundlesBuilt;
}

/** A preload that makes every way to the network record the attempt (in a file, from any thread) and fail. */
const PRELOAD = String.raw`
const fs = require('node:fs');
const log = process.env.MINUTES_NET_LOG;
function attempt(what) {
  fs.appendFileSync(log, what + '\n');
  throw new Error('network access blocked by the test: ' + what);
}
const net = require('node:net');
net.Socket.prototype.connect = function () { attempt('net.Socket.connect ' + JSON.stringify(arguments[0] && typeof arguments[0] === 'object' ? { host: arguments[0].host, port: arguments[0].port, path: arguments[0].path } : arguments[0])); };
net.connect = net.createConnection = function () { attempt('net.connect'); };
const tls = require('node:tls');
tls.connect = function () { attempt('tls.connect'); };
for (const name of ['http', 'https']) {
  const mod = require('node:' + name);
  mod.request = function () { attempt(name + '.request'); };
  mod.get = function () { attempt(name + '.get'); };
}
const http2 = require('node:http2');
http2.connect = function () { attempt('http2.connect'); };
const dns = require('node:dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) {
  dns[f] = function () { attempt('dns.' + f); };
  if (dns.promises[f]) dns.promises[f] = async function () { attempt('dns.promises.' + f); };
}
const dgram = require('node:dgram');
dgram.createSocket = function () { attempt('dgram.createSocket'); };
globalThis.fetch = async function (url) { attempt('fetch ' + String(url)); };
if (globalThis.WebSocket) globalThis.WebSocket = function () { attempt('WebSocket'); };
`;

describe('no network unless asked', function () {
  this.timeout(180_000);
  let dir: string;
  let preload: string;
  let log: string;

  before(async () => {
    await buildBundles();
    dir = makeTempDir('minutes-net-');
    preload = nodePath.join(dir, 'block-network.cjs');
    log = nodePath.join(dir, 'attempts.log');
    fs.writeFileSync(preload, PRELOAD);
    fs.cpSync(FIXTURE, nodePath.join(dir, 'repo'), { recursive: true });
  });

  after(() => cleanup(dir));

  beforeEach(() => fs.writeFileSync(log, ''));

  it('the preload does catch an attempt (the check below is not vacuous)', async () => {
    // In the main thread and in a worker thread (the CLI parses on worker threads).
    const probe = [
      'try { require("node:https").get("https://example.invalid/") } catch {}',
      'fetch("http://127.0.0.1:9/").catch(() => {});',
      'const { Worker } = require("node:worker_threads");',
      'new Worker(\'try { require("node:net").connect(9, "127.0.0.1") } catch {}\', { eval: true });',
    ].join('\n');
    const r = await runNode(['--require', preload, '-e', probe], { cwd: dir, env: { MINUTES_NET_LOG: log } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n').sort(), ['fetch http://127.0.0.1:9/', 'https.get', 'net.connect']);
  });

  it('the built CLI (check in json and sarif, on threads and without, weeks, check --fix) opens no connection and resolves no name', async () => {
    const cli = nodePath.join(ROOT, 'dist/cli.js');
    const repo = nodePath.join(dir, 'repo');
    const run = async (args: string[], expected: number) => {
      const r = await runNode(['--require', preload, cli, ...args], { cwd: dir, env: { MINUTES_NET_LOG: log } });
      assert.equal(r.code, expected, `minutes ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /network access blocked/);
      return r;
    };
    // The read-only runs side by side, then --fix (which changes the copy).
    const [json] = await Promise.all([
      run(['check', repo, '--format', 'json'], 1),
      run(['check', repo, '--format', 'sarif'], 1),
      run(['weeks', repo], 0),
      run(['check', repo, '--jobs', '0'], 1),
    ]);
    // The fixture links images on a pad server: reported, never fetched.
    assert.match(json.stdout, /image-not-in-repo/);
    await run(['check', repo, '--fix'], 1);
    assert.equal(fs.readFileSync(log, 'utf8'), '', 'an attempt to reach the network');
  });

  it('only src/net/fetchImage.ts uses network APIs (a scan of src/**/*.ts)', () => {
    const pattern = /node:(?:http|https|http2|net|tls|dns|dgram)\b|from ['"](?:http|https|http2|net|tls|dns|dgram)['"]|require\(['"](?:http|https|net|tls|dns)['"]\)|\bfetch\(|XMLHttpRequest|WebSocket|\bundici\b/;
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = nodePath.join(dir, d.name);
        if (d.isDirectory()) walk(full);
        else if (d.name.endsWith('.ts') && pattern.test(fs.readFileSync(full, 'utf8'))) hits.push(nodePath.relative(ROOT, full).split(nodePath.sep).join('/'));
      }
    };
    walk(nodePath.join(ROOT, 'src'));
    assert.deepEqual(hits, ['src/net/fetchImage.ts']);
  });

  it('in both bundles, only src/net/fetchImage.ts imports a network module (esbuild metafile, dependencies included)', async () => {
    await buildBundles();
    // esbuild's JS API runs in a child process: bundled into a test, it would lose its binary.
    const script = String.raw`
      const { build } = require('esbuild');
      const NET = /^(?:node:)?(?:http|https|http2|net|tls|dns|dgram|undici)$/;
      (async () => {
        const out = {};
        for (const [name, entry, external] of [['cli', 'src/cli/main.ts', []], ['extension', 'src/vscode/extension.ts', ['vscode']]]) {
          const r = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, external, mainFields: ['module', 'main'], logLevel: 'silent', outfile: 'x.js' });
          const importers = new Set();
          for (const [file, input] of Object.entries(r.metafile.inputs)) for (const i of input.imports) if (NET.test(i.path)) importers.add(file);
          out[name] = [...importers].sort();
        }
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const importers = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, string[]>;
    assert.deepEqual(importers, { cli: [], extension: ['src/net/fetchImage.ts'] }, 'the CLI has no network code at all; the extension only fetchImage');
    // And in the built files themselves: each `require("node:http…")` sits in fetchImage's part of the bundle.
    for (const bundle of ['dist/cli.js', 'dist/extension.js']) {
      const text = fs.readFileSync(nodePath.join(ROOT, bundle), 'utf8');
      let module = '';
      const sites: string[] = [];
      for (const line of text.split('\n')) {
        const m = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
        if (m) module = m[1];
        if (/require\("(?:node:)?(?:http|https|http2|net|tls|dns|dgram|undici)"\)|\bfetch\(|new XMLHttpRequest|new WebSocket/.test(line)) sites.push(module);
      }
      assert.deepEqual([...new Set(sites)], bundle === 'dist/cli.js' ? [] : ['src/net/fetchImage.ts'], `network sites in ${bundle}`);
    }
  });
});
