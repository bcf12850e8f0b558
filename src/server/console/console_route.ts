import { CONSOLE_SCRIPT } from "./console_bundle.ts";
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
    const [body, type] = pathname === "/console/app.js"
      ? [CONSOLE_SCRIPT, "text/javascript; charset=utf-8"]
      : [html, "text/html; charset=utf-8"];
    return Promise.resolve(
      new Response(request.method === "HEAD" ? null : body, {
        headers: { "content-type": type, "cache-control": "no-cache" },
      }),
    );
  };
}
