import { ConnectionGate } from "./connection_gate.ts";
import { leanOf } from "./http/exchange.ts";
import { CONTENT_TYPE, INTERNAL_ERROR_BODY, INVALID_HOST_BODY } from "./http/responses.ts";
import {
  DEFAULT_HEADER_TIMEOUT_MILLIS,
  DEFAULT_IDLE_TIMEOUT_MILLIS,
  type Listen,
  type Listener,
  type ListenOptions,
} from "./listener.ts";
import { SampledLog } from "./sampled_log.ts";
import { resolveTls } from "./tls.ts";

// How long close() lets the relays deliver the last answers before it cuts what is left (ms).
const SHUTDOWN_GRACE_MILLIS = 2000;

// A Host header that makes no URL (`a b<>`) is the client's fault, not the server's.
function invalidHost(): Response {
  return new Response(INVALID_HOST_BODY, {
    status: 400,
    headers: { "content-type": CONTENT_TYPE },
  });
}

// What `new Request(url)` accepts: a URL without credentials (`user@host`).
function validUrl(url: string): boolean {
  const scheme = url.indexOf("://");
  const slash = url.indexOf("/", scheme + 3);
  const at = url.indexOf("@", scheme + 3);
  return URL.canParse(url) && (at < 0 || (slash >= 0 && at > slash));
}

/**
 * Serves a handler with `Deno.serve` (HTTPS when `tls` is given) behind a
 * {@link ConnectionGate}: the gate accepts connections (surviving "Too many open files" by
 * shedding idle ones), enforces the header and idle timeouts, and aborts a request's `signal`
 * when its client goes away, which releases a held long-poll.
 *
 * Known limitation: a request whose head (request line plus headers) is larger than about
 * 64 KiB is refused by Deno's HTTP layer (hyper) with a bare `400 Bad Request`, no body, before
 * the handler runs. `Deno.serve` has no setting for that limit and no hook for the refusal
 * (`onError` covers handler failures only), so this one answer cannot carry the JSON error
 * object every other answer has; SDKs still see a 400 (BadRequest). Requests the protocol can
 * produce stay well under it: a publish at the 32 KiB message limit has a head of about 33 KiB,
 * and longer targets get the handler's JSON 414. The Node listener reads heads up to 128 KiB and
 * answers larger ones with a JSON 431 (see `listen_node.ts`).
 *
 * @example
 * ```ts
 * import { listen } from "./listen_deno.ts";
 * const listener = await listen(() => Promise.resolve(new Response("{}")), { hostname: "127.0.0.1", port: 0 });
 * await listener.close();
 * ```
 */
export const listen: Listen = async (handler, options: ListenOptions): Promise<Listener> => {
  const tls = options.tls ? await resolveTls(options.tls, (p) => Deno.readTextFile(p)) : {};
  const log = new SampledLog({});
  const outer = Deno.listen({ hostname: options.hostname, port: options.port });
  const gate = new ConnectionGate(
    outer,
    {
      headerMillis: options.headerTimeoutMillis ?? DEFAULT_HEADER_TIMEOUT_MILLIS,
      idleMillis: options.idleTimeoutMillis ?? DEFAULT_IDLE_TIMEOUT_MILLIS,
    },
    log,
    { plainText: !options.tls },
  );
  let closing = false;
  const lean = leanOf(handler);

  const serveOne = (request: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => {
    const connection = gate.connectionOf(info.remoteAddr.port);
    const controller = connection?.begin() ?? new AbortController();
    const done = () => connection?.end(controller);
    if (lean) {
      // The handler's own shape with the gate's signal: reading `Deno.serve`'s
      // `request.signal` would print the legacy-abort warning in projects without the
      // `no-legacy-abort` flag. Answers are whole bodies: the request ends when the handler
      // answers (a client that goes away is seen by the gate, which aborts the signal).
      const url = request.url;
      if (!validUrl(url)) {
        done();
        return invalidHost();
      }
      return lean({
        method: request.method,
        url,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      }).then((answer) => {
        done();
        return answer.toResponse();
      }, (error) => {
        done();
        throw error;
      });
    }
    info.completed.then(done, () => {
      controller.abort();
      done();
    });
    // Any other handler: a fresh request with the gate's signal.
    const init: RequestInit & { duplex?: "half" } = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    };
    if (request.body) init.duplex = "half";
    let copy: Request;
    try {
      copy = new Request(request.url, init);
    } catch {
      return invalidHost();
    }
    return handler(copy);
  };

  // The private server behind the gate. `Deno.serve` ends for good on an accept error; then a
  // new one is started (the gate keeps the public port and relays to the new one).
  let server: Deno.HttpServer<Deno.NetAddr> | undefined;
  const serve = () => {
    const started = Deno.serve({
      hostname: "127.0.0.1",
      port: 0,
      ...tls,
      onListen: () => {},
      onError: (error) => {
        log.report("request failed", error);
        return new Response(INTERNAL_ERROR_BODY, {
          status: 500,
          headers: { "content-type": CONTENT_TYPE },
        });
      },
    }, serveOne);
    gate.upstreamPort = started.addr.port;
    server = started;
    started.finished.catch(async (error) => {
      log.report("the HTTP server stopped, starting a new one", String(error));
      for (let backoff = 10; !closing; backoff = Math.min(1000, backoff * 2)) {
        await new Promise((resolve) => setTimeout(resolve, backoff));
        try {
          if (!closing) serve();
          return;
        } catch (failure) {
          log.report("starting the HTTP server failed, retrying", String(failure));
        }
      }
    });
  };
  try {
    serve();
  } catch (error) {
    await gate.close();
    throw error;
  }
  const address = outer.addr as Deno.NetAddr;
  return {
    hostname: address.hostname,
    port: address.port,
    close: async () => {
      closing = true;
      await gate.close();
      // The server answers what is in progress and closes its side of every connection; the
      // relays deliver the last bytes and close the client sides.
      await server?.shutdown();
      await gate.drained(SHUTDOWN_GRACE_MILLIS);
      gate.closeAll();
    },
  };
};
