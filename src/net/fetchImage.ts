// The one network access the product makes, and only when the user asks: fetching an image from
// the pad server into the repository. Allowed hosts only (redirects too), never a private,
// loopback or link-local address (checked on the address the name resolves to), a size limit, an
// idle time-out and a total deadline, cancellable, and image content only.
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';

export interface FetchImageOptions {
  /** Lower-case host names the image may come from (and be redirected within). */
  allowedHosts: ReadonlySet<string>;
  maxBytes?: number;
  /** Longest silence from the server. */
  timeoutMs?: number;
  /** Longest the whole download may take, redirects included (a server sending a byte a second is stopped). */
  deadlineMs?: number;
  maxRedirects?: number;
  /** Cancels the download (the progress notification's Cancel). */
  signal?: AbortSignal;
  /** For tests: plain http to loopback. */
  allowHttp?: boolean;
  /** For tests: a server on a loopback or private address. */
  allowPrivateAddresses?: boolean;
}

export class FetchRefused extends Error {}

export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_DEADLINE_MS = 60_000;

export async function fetchImage(url: string, options: FetchImageOptions): Promise<{ bytes: Uint8Array; contentType: string }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const stop = new AbortController();
  const deadline = setTimeout(() => stop.abort(new FetchRefused(`not finished within ${deadlineMs} ms`)), deadlineMs);
  const cancel = () => stop.abort(new FetchRefused('cancelled'));
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    let current = new URL(url);
    for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
      check(current, options);
      if (stop.signal.aborted) throw stop.signal.reason;
      const response = await request(current, timeoutMs, maxBytes, stop.signal, options.allowPrivateAddresses === true);
      if (response.redirect) {
        current = new URL(response.redirect, current);
        continue;
      }
      return response.body!;
    }
    throw new FetchRefused('too many redirects');
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', cancel);
  }
}

function check(url: URL, options: FetchImageOptions): void {
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) throw new FetchRefused(`only https is allowed, not ${url.protocol}`);
  if (!options.allowedHosts.has(url.hostname.toLowerCase())) throw new FetchRefused(`${url.hostname} is not an allowed image host`);
  if (url.username || url.password) throw new FetchRefused('URLs with credentials are refused');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !options.allowPrivateAddresses && isPrivateAddress(literal)) throw new FetchRefused(`${url.hostname} is a private, loopback or local address`);
}

/** Loopback, private, link-local, carrier-grade NAT, multicast, reserved or unspecified: never a pad server on the internet. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224;
  }
  if (isIP(address) !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4 mapped or translated (::ffff:10.0.0.1, ::ffff:a00:1): the IPv4 address decides.
  const mapped = /^(?:0{0,4}:){0,5}(?:0{0,4}:)?ffff:(?:0{0,4}:)?(.+)$/.exec(lower) ?? /^64:ff9b::(.+)$/.exec(lower);
  if (mapped) {
    const v4 = mapped[1].includes('.') ? mapped[1] : hexToV4(mapped[1]);
    return v4 === undefined || isPrivateAddress(v4);
  }
  const groups = expand(lower);
  if (!groups) return true;
  const first = groups[0];
  const unspecifiedOrLoopback = groups.slice(0, 7).every((g) => g === 0) && (groups[7] === 0 || groups[7] === 1);
  // ::a.b.c.d (IPv4-compatible, deprecated) too.
  const compatible = groups.slice(0, 6).every((g) => g === 0);
  return unspecifiedOrLoopback || compatible || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xff00) === 0xff00 || first === 0x2001 && groups[1] === 0x0db8;
}

function hexToV4(tail: string): string | undefined {
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!m) return undefined;
  const hi = parseInt(m[1], 16);
  const lo = parseInt(m[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The eight 16-bit groups of an IPv6 address (without an embedded IPv4 part). */
function expand(address: string): number[] | undefined {
  const [head, tail, ...more] = address.split('::');
  if (more.length) return undefined;
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  if (tail === undefined && h.length !== 8) return undefined;
  const groups = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** dns.lookup, refusing a name that resolves to a private or loopback address (checked on the address actually connected to). */
function guardedLookup(allowPrivate: boolean): typeof dns.lookup {
  return ((hostname: string, opts: dns.LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    dns.lookup(hostname, opts, (error, address: string | dns.LookupAddress[], family?: number) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const bad = allowPrivate ? undefined : addresses.find(isPrivateAddress);
      if (bad) return callback(Object.assign(new FetchRefused(`${hostname} resolves to ${bad}, a private, loopback or local address`), { code: 'EPRIVATE' }), address, family);
      callback(null, address, family);
    });
  }) as typeof dns.lookup;
}

function request(url: URL, timeoutMs: number, maxBytes: number, signal: AbortSignal, allowPrivate: boolean): Promise<{ redirect?: string; body?: { bytes: Uint8Array; contentType: string } }> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { timeout: timeoutMs, headers: { accept: 'image/*' }, lookup: guardedLookup(allowPrivate) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ redirect: res.headers.location });
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new FetchRefused(`the server answered ${status}`));
        return;
      }
      const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!contentType.startsWith('image/')) {
        res.resume();
        reject(new FetchRefused(`not an image (${contentType || 'no content type'})`));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) {
        res.destroy();
        reject(new FetchRefused(`larger than ${maxBytes} bytes`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          reject(new FetchRefused(`larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ body: { bytes: new Uint8Array(Buffer.concat(chunks)), contentType } }));
      res.on('error', reject);
    });
    const abort = () => {
      const reason = signal.reason instanceof Error ? signal.reason : new FetchRefused('cancelled');
      req.destroy(reason);
      reject(reason);
    };
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', abort));
    req.on('timeout', () => req.destroy(new FetchRefused(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
