import { CONSOLE_SCRIPT_GZIP_BASE64 } from "./console_bundle.ts";
import { consolePage } from "./console_page.ts";

/**
 * Keys the console starts with (the user can change them in the page).
 *
 * @example
 * ```ts
 * import type { ConsoleDefaults } from "./console_route.ts";
 * const defaults: ConsoleDefaults = { publishKey: "demo", subscribeKey: "demo" };
 * ```
 */
export interface ConsoleDefaults {
  /** Publish key. */
  publishKey: string;
  /** Subscribe key. */
  subscribeKey: string;
}

/**
 * Wraps a request handler so that `GET /console` answers the live console page and
 * `GET /console/app.js` its script (built from the SDK: an SDK client like any other, talking
 * to the server through the public protocol); everything else goes to `handler`.
 *
 * @example
 * ```ts
 * import { withConsole } from "./console_route.ts";
 * const handler = withConsole(() => Promise.resolve(new Response("{}")));
 * const page = await handler(new Request("http://127.0.0.1:8090/console"));
 * page.headers.get("content-type"); // "text/html; charset=utf-8"
 * await page.body?.cancel();
 * ```
 */
export function withConsole(
  handler: (request: Request) => Promise<Response>,
  defaults: ConsoleDefaults = { publishKey: "demo", subscribeKey: "demo" },
): (request: Request) => Promise<Response> {
  const html = consolePage(defaults);
  let script: Uint8Array | undefined; // decoded on the first request for it
  const gzippedScript = () =>
    script ??= Uint8Array.from(atob(CONSOLE_SCRIPT_GZIP_BASE64), (c) => c.charCodeAt(0));
  return (request) => {
    const { pathname } = new URL(request.url);
    if (pathname !== "/console" && pathname !== "/console/" && pathname !== "/console/app.js") {
      return handler(request);
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return Promise.resolve(
        new Response(`{"status":405,"error":true,"message":"Method Not Allowed"}`, {
          status: 405,
          headers: { "content-type": "application/json", allow: "GET, HEAD" },
        }),
      );
    }
    const headers: Record<string, string> = { "cache-control": "no-cache" };
    let body: BodyInit = html;
    headers["content-type"] = "text/html; charset=utf-8";
    if (pathname === "/console/app.js") {
      headers["content-type"] = "text/javascript; charset=utf-8";
      headers["vary"] = "accept-encoding";
      const bytes = new Blob([gzippedScript() as Uint8Array<ArrayBuffer>]);
      // Every browser accepts gzip; a client that does not gets the script decompressed.
      if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
        headers["content-encoding"] = "gzip";
        body = bytes;
      } else {
        body = bytes.stream().pipeThrough(new DecompressionStream("gzip"));
      }
    }
    return Promise.resolve(new Response(request.method === "HEAD" ? null : body, { headers }));
  };
}
