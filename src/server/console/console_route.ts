import { Answer, leanOf, pairLean, type ServerRequest } from "../http/exchange.ts";
import { CONSOLE_SCRIPT_GZIP_BASE64 } from "./console_bundle.ts";
import { consolePage } from "./console_page.ts";
import { rawPath } from "../http/target.ts";

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
  let script: Uint8Array<ArrayBuffer> | undefined; // decoded on the first request for it
  const gzippedScript = () =>
    script ??= Uint8Array.from(atob(CONSOLE_SCRIPT_GZIP_BASE64), (c) => c.charCodeAt(0));
  // The console's answer, or `undefined` when the request is for the handler.
  const consoleAnswer = (request: ServerRequest): Promise<Answer> | undefined => {
    const pathname = rawPath(request.url);
    if (pathname !== "/console" && pathname !== "/console/" && pathname !== "/console/app.js") {
      return undefined;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return Promise.resolve(
        new Answer(405, `{"status":405,"error":true,"message":"Method Not Allowed"}`, {
          "content-type": "application/json",
          allow: "GET, HEAD",
        }),
      );
    }
    return (async () => {
      const headers: Record<string, string> = { "cache-control": "no-cache" };
      let body: string | Uint8Array<ArrayBuffer> = html;
      headers["content-type"] = "text/html; charset=utf-8";
      if (pathname === "/console/app.js") {
        headers["content-type"] = "text/javascript; charset=utf-8";
        headers["vary"] = "accept-encoding";
        // Every browser accepts gzip; a client that does not gets the script decompressed.
        if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
          headers["content-encoding"] = "gzip";
          body = gzippedScript();
        } else {
          const inflated = new Blob([gzippedScript()]).stream()
            .pipeThrough(new DecompressionStream("gzip"));
          body = new Uint8Array(await new Response(inflated).arrayBuffer());
        }
      }
      return new Answer(200, request.method === "HEAD" ? null : body, headers);
    })();
  };
  const web = (request: Request) =>
    consoleAnswer(request)?.then((answer) => answer.toResponse()) ?? handler(request);
  // The handler's lean form, when it has one, keeps the listeners' fast path.
  const inner = leanOf(handler);
  return inner ? pairLean(web, (request) => consoleAnswer(request) ?? inner(request)) : web;
}
