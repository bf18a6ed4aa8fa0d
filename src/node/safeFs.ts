// Reading and writing files a repository controls. A repository can hold a symbolic link, a named
// pipe or a device where a file is expected, a file that grows while it is read, or a link where a
// temporary file will be created; none of that may hang, exhaust memory or write outside it.
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as nodePath from 'node:path';

/** Whether opening a file can refuse a final symbolic link (O_NOFOLLOW; not on Windows). */
export const CAN_REFUSE_LINKS = constants.O_NOFOLLOW !== undefined;

/** Opened without following a final symbolic link, and without blocking on a pipe. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export class UnsafeFile extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The file's size, when known (a file over the limit). */
    readonly size?: number,
  ) {
    super(message);
  }
}

/** The operations a read needs: Node's with callbacks on the thread pool, or the same done at once. */
interface ReadIo<H> {
  open(abs: string, flags: number): H | Promise<H>;
  stat(handle: H): import('node:fs').Stats | Promise<import('node:fs').Stats>;
  read(handle: H, buffer: Buffer, offset: number, length: number, position: number): number | Promise<number>;
  close(handle: H): void | Promise<void>;
}

const asyncIo: ReadIo<fs.FileHandle> = {
  open: (abs, flags) => fs.open(abs, flags),
  stat: (handle) => handle.stat(),
  read: async (handle, buffer, offset, length, position) => (await handle.read(buffer, offset, length, position)).bytesRead,
  close: (handle) => handle.close(),
};

const syncIo: ReadIo<number> = {
  open: (abs, flags) => openSync(abs, flags),
  stat: (fd) => fstatSync(fd),
  read: (fd, buffer, offset, length, position) => readSync(fd, buffer, offset, length, position),
  close: (fd) => closeSync(fd),
};

/**
 * The bytes of a regular file, at most `maxBytes` of them (more is an error, nothing beyond the
 * limit is read). A final symbolic link is not followed (ELOOP), and a pipe, socket or device is
 * refused before a byte is read.
 */
export async function readRegularFile(abs: string, maxBytes: number): Promise<Buffer> {
  const steps = readRegular(asyncIo, abs, maxBytes);
  let step = steps.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = await step.value();
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(answer);
  }
  return step.value;
}

/**
 * The same, done at once on this thread: no round trip through the thread pool for each of the four
 * operations a file takes (open, stat, read, close), which cost more than the reading itself for
 * the small files minutes are. For a program that waits for its files anyway (the command line),
 * never for the extension host's thread. A pipe cannot block it: it is opened without blocking and
 * refused before a byte is read.
 */
export function readRegularFileSync(abs: string, maxBytes: number): Buffer {
  const steps = readRegular(syncIo, abs, maxBytes);
  let step = steps.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = step.value();
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(answer);
  }
  return step.value;
}

/**
 * The steps of a read: each operation is handed to the caller, which runs it (at once, or awaited)
 * and answers with its result or its error.
 */
function* readRegular<H>(io: ReadIo<H>, abs: string, maxBytes: number): Generator<() => unknown, Buffer, unknown> {
  let handle: H;
  try {
    handle = (yield () => io.open(abs, READ_FLAGS)) as H;
  } catch (error) {
    // A final link refused by O_NOFOLLOW: ELOOP on Linux and macOS, EMLINK on FreeBSD, EFTYPE on NetBSD.
    const code = (error as { code?: string }).code;
    if (code === 'ELOOP' || (CAN_REFUSE_LINKS && (code === 'EMLINK' || code === 'EFTYPE'))) throw new UnsafeFile('it is a symbolic link; not followed', 'ESYMLINK');
    throw error;
  }
  try {
    const stat = (yield () => io.stat(handle)) as import('node:fs').Stats;
    if (!stat.isFile()) throw new UnsafeFile('not a regular file (a pipe, socket or device); not read', 'ENOTREG');
    if (stat.size > maxBytes) throw new UnsafeFile(`larger than ${maxBytes} bytes; not read`, 'ETOOBIG', stat.size);
    // Never more than the limit, even if the file grows while it is read: the size it had plus one
    // byte first (that byte says it grew), then more in chunks up to one byte past the limit. Only
    // the bytes read are returned, so the buffers need no zero-filling.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size, 0) + 1));
    let length = 0;
    for (;;) {
      const bytesRead = (yield () => io.read(handle, chunk, length, chunk.length - length, total + length)) as number;
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length < chunk.length) continue;
      chunks.push(chunk);
      total += length;
      if (total > maxBytes) break;
      chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 64 * 1024));
      length = 0;
    }
    if (length > 0 && length < chunk.length) {
      chunks.push(chunk.subarray(0, length));
      total += length;
    }
    if (total > maxBytes) throw new UnsafeFile(`larger than ${maxBytes} bytes; not read`, 'ETOOBIG');
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    yield () => io.close(handle);
  }
}

/** What is at `abs` without following a final symbolic link; undefined when nothing is. */
export async function lstatOrUndefined(abs: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await fs.lstat(abs);
  } catch {
    return undefined;
  }
}

/** True when `inner` (an absolute path) lies inside `outer` or is it. */
export function isInside(outer: string, inner: string): boolean {
  const rel = nodePath.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..' + nodePath.sep) && rel !== '..' && !nodePath.isAbsolute(rel));
}

/**
 * A new file beside `target` with a random name, created exclusively (never an existing file, never
 * through a symbolic link), with `mode`. The caller writes it and renames it over the target.
 */
async function createExclusiveTemp(target: string, mode = 0o644): Promise<{ path: string; handle: fs.FileHandle }> {
  const dir = nodePath.dirname(target);
  for (let attempt = 0; ; attempt++) {
    // Random (not the process id, which an attacker can predict and plant a link at), digits only.
    const path = nodePath.join(dir, `.${nodePath.basename(target)}.minutes-${randomBytes(6).readUIntBE(0, 6)}.tmp`);
    try {
      const handle = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
      // The umask must not narrow the mode the file had.
      await handle.chmod(mode).catch(() => undefined);
      return { path, handle };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST' || attempt >= 5) throw error;
    }
  }
}

export interface AtomicWriteOptions {
  /** The mode of the new file (default 0o644). */
  mode?: number;
  /** Flush the bytes to the disk before the rename. */
  sync?: boolean;
  /** Runs after the temporary file is written, just before the rename; what it throws stops the write. */
  beforeRename?: () => Promise<void>;
}

/**
 * Writes `bytes` to a new file at `target` through an exclusive temporary file and a rename: the
 * rename replaces a directory entry, so a symbolic link planted at the target is replaced, never
 * followed, and a reader never sees half a file. The temporary file is removed when anything fails.
 * Used for files the product owns (caches) and, after its own checks, by `minutes check --fix`.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const { path, handle } = await createExclusiveTemp(target, options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(bytes);
      if (options.sync) await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await fs.rename(path, target);
  } catch (error) {
    await fs.rm(path, { force: true });
    throw error;
  }
}
