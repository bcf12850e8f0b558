// Helpers for the server's HTTP tests (the server itself: `withServer` of `store/each_store.ts`):
// small fetch wrappers that always consume the body (Deno's sanitizers fail a test that leaves one open).
import type { PubNubHandler } from "./handler.ts";

/**
 * A server started for one test.
 *
 * @example
 * ```ts
 * import type { TestServer } from "./test_util.ts";
 * const base = (s: TestServer) => s.url;
 * ```
 */
export interface TestServer {
  /** `http://127.0.0.1:port`. */
  url: string;
  /** `127.0.0.1:port`. */
  origin: string;
  /** The handler, to look at held long-polls. */
  handler: PubNubHandler;
}

/**
 * A response read whole.
 *
 * @example
 * ```ts
 * import type { Reply } from "./test_util.ts";
 * const ok = (r: Reply) => r.status === 200;
 * ```
 */
export interface Reply {
  /** HTTP status. */
  status: number;
  /** Raw body. */
  text: string;
  /** Parsed body (undefined when not JSON). */
  // deno-lint-ignore no-explicit-any
  body: any;
  /** Content type. */
  contentType: string | null;
}

/**
 * Fetches and reads the whole body.
 *
 * @example
 * ```ts
 * import { getJson } from "./test_util.ts";
 * const reply = getJson("http://127.0.0.1:8090/time/0");
 * ```
 */
export async function getJson(url: string, init?: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body, contentType: response.headers.get("content-type") };
}

export { until } from "../testing/until.ts";
