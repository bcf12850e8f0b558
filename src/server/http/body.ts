import type { ServerRequest } from "./exchange.ts";

/**
 * The outcome of reading a request body.
 *
 * @example
 * ```ts
 * import type { BodyResult } from "./body.ts";
 * const tooBig: BodyResult = { ok: false, status: 413, message: "body larger than 1048576 bytes" };
 * ```
 */
export type BodyResult = { ok: true; text: string } | {
  ok: false;
  status: number;
  message: string;
};

/**
 * Reads a POST body as UTF-8 text, inflating it when compressed, and stopping at `maxBytes`
 * (after decompression, so a small "zip bomb" cannot exhaust memory). The format is taken from
 * the bytes rather than the label: SDKs label zlib data `gzip` (Python) or send zlib or raw
 * deflate as `deflate`.
 *
 * @example
 * ```ts
 * import { readBody } from "./body.ts";
 * const result = await readBody(new Request("http://h/", { method: "POST", body: '"hi"' }), 100);
 * result.ok && result.text; // '"hi"'
 * ```
 */
export async function readBody(request: ServerRequest, maxBytes: number): Promise<BodyResult> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (!["identity", "", "deflate", "gzip", "x-gzip"].includes(encoding)) {
    return { ok: false, status: 415, message: `unsupported Content-Encoding "${encoding}"` };
  }
  if (!request.body) return { ok: true, text: "" };
  // Compressed data is at most as large as what it inflates to, give or take headers.
  const raw = await collectOnce(request, request.body, maxBytes + 1024);
  if (!raw.ok) return raw;
  if (raw.bytes.length > maxBytes + 1024) {
    return { ok: false, status: 413, message: `body larger than ${maxBytes} bytes` };
  }
  let bytes: Uint8Array<ArrayBuffer> = raw.bytes;
  if (encoding !== "identity" && encoding !== "" && bytes.length > 0) {
    const format = compressionFormat(bytes);
    if (!format) {
      return { ok: false, status: 400, message: `body is not valid ${encoding} data` };
    }
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
      const inflated = await collect(stream, maxBytes);
      if (!inflated.ok) return inflated;
      bytes = inflated.bytes;
    } catch {
      return { ok: false, status: 400, message: `body is not valid ${encoding} data` };
    }
  } else if (bytes.length > maxBytes) {
    return { ok: false, status: 413, message: `body larger than ${maxBytes} bytes` };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, message: "body is not valid UTF-8" };
  }
}

/**
 * Which decompression a body needs, judged by its first bytes: gzip magic, a zlib header, or
 * else raw deflate.
 *
 * @example
 * ```ts
 * import { compressionFormat } from "./body.ts";
 * compressionFormat(new Uint8Array([0x1f, 0x8b, 8])); // "gzip"
 * compressionFormat(new Uint8Array([0x78, 0x9c])); // "deflate"
 * ```
 */
export function compressionFormat(bytes: Uint8Array): CompressionFormat | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "gzip";
  if (bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && ((bytes[0] << 8) | bytes[1]) % 31 === 0) {
    return "deflate";
  }
  return bytes.length > 0 ? "deflate-raw" : undefined;
}

type Collected =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  | { ok: false; status: number; message: string };

// A body can be read once; what was read is kept per request for a second reader (the
// signature check reads a body before its route does).
const collected = new WeakMap<ServerRequest, Promise<Collected>>();

function collectOnce(
  request: ServerRequest,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Collected> {
  let pending = collected.get(request);
  if (!pending) {
    pending = "getReader" in body ? collect(body, maxBytes) : collectIterable(body, maxBytes);
    collected.set(request, pending);
  }
  return pending;
}

async function collectIterable(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Collected> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.length;
      // Leaving the loop ends the body (the rest is not read).
      if (total > maxBytes) {
        return { ok: false, status: 413, message: `body larger than ${maxBytes} bytes` };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 400, message: `the request body could not be read: ${reason}` };
  }
  return { ok: true, bytes: concat(chunks, total) };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Collected> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // A broken transfer (bad chunk size, connection cut mid-body) is the client's fault.
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, status: 400, message: `the request body could not be read: ${reason}` };
      }
      const { done, value } = chunk;
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413, message: `body larger than ${maxBytes} bytes` };
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return { ok: true, bytes: concat(chunks, total) };
}
