// The one network access the product makes, and only when the user asks: fetching an image from
// the pad server into the repository. Allowed hosts only (redirects too), a size limit, a time-out,
// and image content only.
import * as http from 'node:http';
import * as https from 'node:https';

export interface FetchImageOptions {
  /** Lower-case host names the image may come from (and be redirected within). */
  allowedHosts: ReadonlySet<string>;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** For tests: plain http to loopback. */
  allowHttp?: boolean;
}

export class FetchRefused extends Error {}

export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export async function fetchImage(url: string, options: FetchImageOptions): Promise<{ bytes: Uint8Array; contentType: string }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let current = new URL(url);
  for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop++) {
    check(current, options);
    const response = await request(current, timeoutMs, maxBytes);
    if (response.redirect) {
      current = new URL(response.redirect, current);
      continue;
    }
    return response.body!;
  }
  throw new FetchRefused('too many redirects');
}

function check(url: URL, options: FetchImageOptions): void {
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) throw new FetchRefused(`only https is allowed, not ${url.protocol}`);
  if (!options.allowedHosts.has(url.hostname.toLowerCase())) throw new FetchRefused(`${url.hostname} is not an allowed image host`);
  if (url.username || url.password) throw new FetchRefused('URLs with credentials are refused');
}

function request(url: URL, timeoutMs: number, maxBytes: number): Promise<{ redirect?: string; body?: { bytes: Uint8Array; contentType: string } }> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { timeout: timeoutMs, headers: { accept: 'image/*' } }, (res) => {
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
    req.on('timeout', () => req.destroy(new FetchRefused(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
