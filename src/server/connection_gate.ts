import type { SampledLog } from "./sampled_log.ts";

/**
 * Timeouts of a {@link ConnectionGate}, in milliseconds.
 *
 * @example
 * ```ts
 * import type { GateTimeouts } from "./connection_gate.ts";
 * const timeouts: GateTimeouts = { headerMillis: 10_000, idleMillis: 60_000 };
 * ```
 */
export interface GateTimeouts {
  /** A connection must complete a request head within this, from its first byte (or opening). */
  headerMillis: number;
  /** A connection with no request in progress and no traffic for this long is closed. */
  idleMillis: number;
}

/**
 * One client connection as the gate sees it.
 *
 * @example
 * ```ts
 * import type { GatedConnection } from "./connection_gate.ts";
 * const busy = (c: GatedConnection) => c.inFlight > 0;
 * ```
 */
export interface GatedConnection {
  /** Requests of this connection the handler is working on (long-polls included). */
  readonly inFlight: number;
  /** Marks a request as started; its signal aborts when the client goes away. */
  begin(): AbortController;
  /** Marks that request as answered (the response was written or failed). */
  end(controller: AbortController): void;
}

interface Tracked extends GatedConnection {
  client: Deno.Conn;
  upstream: Deno.Conn;
  lastActivity: number;
  /** Since when a request head is awaited with bytes arriving (or since opening); unset: idle. */
  headSince: number | undefined;
  controllers: Set<AbortController>;
  closed: boolean;
  /** Settles when the connection is closed. */
  ended: Promise<void>;
  close(): void;
}

/**
 * The accept loop in front of `Deno.serve` (which has no timeouts, no hook for accept errors
 * and ends for good on the first one, e.g. "Too many open files"). The gate accepts TCP
 * connections itself and relays each, byte for byte, to a `Deno.serve` on a private loopback
 * port, so it can:
 *
 * - survive accept errors: count them, close idle connections to free descriptors (shed
 *   load), back off, and go on accepting;
 * - close connections that have not completed a request head within the header timeout
 *   (slowloris) and idle keep-alive connections after the idle timeout; a connection with a
 *   request in progress (a long-poll waiting for messages) is exempt from both;
 * - tell the handler when a client went away (through the request's signal) without touching
 *   `Deno.serve`'s own `request.signal`, whose legacy behaviour prints a warning in every
 *   project that does not opt in with a flag;
 * - on `close()`, close at once the connections waiting for a request head, and let the others
 *   end once the server behind has written their last answer ({@link ConnectionGate.drained}).
 *
 * The relay never parses bytes (TLS passes through): requests are matched to connections by
 * the relay's source port, which `Deno.serve` reports as the request's remote port.
 *
 * @example
 * ```ts
 * import { ConnectionGate } from "./connection_gate.ts";
 * import { SampledLog } from "./sampled_log.ts";
 * const gate = new ConnectionGate(
 *   Deno.listen({ hostname: "127.0.0.1", port: 0 }),
 *   { headerMillis: 10_000, idleMillis: 60_000 },
 *   new SampledLog({}),
 * );
 * gate.connectionOf(1234); // undefined: no such relay
 * await gate.close();
 * ```
 */
export class ConnectionGate {
  readonly #listener: Deno.Listener;
  readonly #timeouts: GateTimeouts;
  readonly #log: SampledLog;
  readonly #byRelayPort = new Map<number, Tracked>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #accepting: Promise<void>;
  #upstreamPort = 0;
  #closed = false;
  readonly #relaying = new Set<Promise<void>>();
  #plainText: boolean;
  /** Accept errors survived so far (for tests and the attack report). */
  acceptErrors = 0;

  /**
   * @example
   * ```ts
   * import { ConnectionGate } from "./connection_gate.ts";
   * import { SampledLog } from "./sampled_log.ts";
   * const gate = new ConnectionGate(Deno.listen({ hostname: "127.0.0.1", port: 0 }), { headerMillis: 1000, idleMillis: 1000 }, new SampledLog({}));
   * await gate.close();
   * ```
   */
  constructor(
    listener: Deno.Listener,
    timeouts: GateTimeouts,
    log: SampledLog,
    options: { plainText?: boolean } = {},
  ) {
    this.#listener = listener;
    this.#timeouts = timeouts;
    this.#log = log;
    this.#plainText = options.plainText ?? true;
    const step = Math.max(
      25,
      Math.min(1000, Math.min(timeouts.headerMillis, timeouts.idleMillis) / 4),
    );
    this.#timer = setInterval(() => this.#enforce(), step);
    this.#accepting = this.#acceptLoop();
  }

  /** Where relayed connections go (the private `Deno.serve`); set before and after restarts. */
  set upstreamPort(port: number) {
    this.#upstreamPort = port;
  }

  /** Open client connections. */
  get size(): number {
    return this.#byRelayPort.size;
  }

  /**
   * The client connection a request came through, by the remote port `Deno.serve` saw.
   *
   * @example
   * ```ts
   * import { ConnectionGate } from "./connection_gate.ts";
   * import { SampledLog } from "./sampled_log.ts";
   * const gate = new ConnectionGate(Deno.listen({ hostname: "127.0.0.1", port: 0 }), { headerMillis: 1000, idleMillis: 1000 }, new SampledLog({}));
   * gate.connectionOf(1); // undefined
   * await gate.close();
   * ```
   */
  connectionOf(relayPort: number): GatedConnection | undefined {
    return this.#byRelayPort.get(relayPort);
  }

  /**
   * Stops accepting and closes every connection that waits for a request head (including ones
   * that never sent a request). A connection idle after an answer is left to the server behind:
   * that answer's bytes may still be on their way through the relay, and the server closes its
   * side once it has written everything (see {@link ConnectionGate.drained}).
   *
   * @example
   * ```ts
   * import { ConnectionGate } from "./connection_gate.ts";
   * import { SampledLog } from "./sampled_log.ts";
   * const gate = new ConnectionGate(Deno.listen({ hostname: "127.0.0.1", port: 0 }), { headerMillis: 1000, idleMillis: 1000 }, new SampledLog({}));
   * await gate.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    try {
      this.#listener.close();
    } catch {
      // already closed
    }
    await this.#accepting;
    await Promise.all(this.#relaying);
    for (const tracked of [...this.#byRelayPort.values()]) {
      if (tracked.inFlight === 0 && tracked.headSince !== undefined) tracked.close();
    }
  }

  /**
   * Resolves once every connection has ended by itself (the server behind closed its side and
   * the relay delivered the last bytes), or after `graceMillis`.
   *
   * @example
   * ```ts
   * import { ConnectionGate } from "./connection_gate.ts";
   * import { SampledLog } from "./sampled_log.ts";
   * const gate = new ConnectionGate(Deno.listen({ hostname: "127.0.0.1", port: 0 }), { headerMillis: 1000, idleMillis: 1000 }, new SampledLog({}));
   * await gate.close();
   * await gate.drained(1000);
   * ```
   */
  async drained(graceMillis: number): Promise<void> {
    const open = [...this.#byRelayPort.values()].map((tracked) => tracked.ended);
    if (open.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(open),
      new Promise((resolve) => timer = setTimeout(resolve, graceMillis)),
    ]);
    clearTimeout(timer);
  }

  /** Closes whatever is still open (after the server behind has answered everything). */
  closeAll(): void {
    for (const tracked of [...this.#byRelayPort.values()]) tracked.close();
  }

  async #acceptLoop(): Promise<void> {
    let backoff = 0;
    while (!this.#closed) {
      let client: Deno.Conn;
      try {
        client = await this.#listener.accept();
        backoff = 0;
      } catch (error) {
        if (this.#closed) return;
        // Out of descriptors (or another transient failure): free some by closing idle
        // connections, wait a little, and go on; never let the error end the process.
        this.acceptErrors++;
        this.#log.report("accepting a connection failed, shedding idle connections", String(error));
        this.#shed();
        backoff = Math.min(1000, backoff === 0 ? 10 : backoff * 2);
        await new Promise((resolve) => setTimeout(resolve, backoff));
        continue;
      }
      const relay = this.#relay(client);
      this.#relaying.add(relay);
      relay.finally(() => this.#relaying.delete(relay));
    }
  }

  async #relay(client: Deno.Conn): Promise<void> {
    let upstream: Deno.Conn;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: this.#upstreamPort });
    } catch (error) {
      this.acceptErrors++;
      this.#log.report("relaying a connection failed, shedding idle connections", String(error));
      closeQuietly(client);
      this.#shed();
      return;
    }
    const relayPort = (upstream.localAddr as Deno.NetAddr).port;
    const now = performance.now();
    const controllers = new Set<AbortController>();
    let ended = () => {};
    const tracked: Tracked = {
      client,
      upstream,
      lastActivity: now,
      headSince: now,
      controllers,
      closed: false,
      ended: new Promise<void>((resolve) => ended = resolve),
      get inFlight() {
        return controllers.size;
      },
      begin: () => {
        const controller = new AbortController();
        controllers.add(controller);
        tracked.headSince = undefined;
        return controller;
      },
      end: (controller) => {
        controllers.delete(controller);
        tracked.lastActivity = performance.now();
      },
      close: () => {
        if (tracked.closed) return;
        tracked.closed = true;
        this.#byRelayPort.delete(relayPort);
        for (const controller of controllers) controller.abort();
        closeQuietly(client);
        closeQuietly(upstream);
        ended();
      },
    };
    this.#byRelayPort.set(relayPort, tracked);
    const fromClient = () => {
      tracked.lastActivity = performance.now();
      if (tracked.inFlight === 0 && tracked.headSince === undefined) {
        tracked.headSince = tracked.lastActivity;
      }
    };
    const fromServer = () => {
      tracked.lastActivity = performance.now();
    };
    // Either side ending ends the connection: a client that goes away aborts its requests.
    pump(client, upstream, fromClient).finally(tracked.close);
    pump(upstream, client, fromServer).finally(tracked.close);
  }

  #enforce(): void {
    const now = performance.now();
    for (const tracked of [...this.#byRelayPort.values()]) {
      if (tracked.inFlight > 0) continue;
      if (
        tracked.headSince !== undefined && now - tracked.headSince > this.#timeouts.headerMillis
      ) {
        if (this.#plainText) {
          tracked.client.write(REQUEST_TIMEOUT).catch(() => {}).finally(tracked.close);
        } else tracked.close();
      } else if (now - tracked.lastActivity > this.#timeouts.idleMillis) {
        tracked.close();
      }
    }
  }

  // Closes the least recently active tenth of the connections without a request in progress.
  #shed(): void {
    const idle = [...this.#byRelayPort.values()].filter((t) => t.inFlight === 0)
      .sort((a, b) => a.lastActivity - b.lastActivity);
    const count = Math.max(1, Math.ceil(idle.length / 10));
    for (const tracked of idle.slice(0, count)) tracked.close();
  }
}

const REQUEST_TIMEOUT = (() => {
  const body = '{"status":408,"error":true,"service":"Local","message":"Request Timeout"}';
  return new TextEncoder().encode(
    `HTTP/1.1 408 Request Timeout\r\ncontent-type: text/javascript; charset="UTF-8"\r\n` +
      `content-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
  );
})();

// Copies bytes until either side ends. The buffer grows while reads fill it and shrinks back
// when traffic is small, so thousands of idle connections hold little memory.
async function pump(from: Deno.Conn, to: Deno.Conn, onData: () => void): Promise<void> {
  let buffer = new Uint8Array(2048);
  try {
    while (true) {
      const n = await from.read(buffer);
      if (n === null) return;
      onData();
      let written = 0;
      while (written < n) written += await to.write(buffer.subarray(written, n));
      if (n === buffer.length && buffer.length < 65_536) buffer = new Uint8Array(buffer.length * 2);
      else if (n < buffer.length / 4 && buffer.length > 2048) {
        buffer = new Uint8Array(buffer.length / 2);
      }
    }
  } catch {
    // reset or closed: the caller closes both sides
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}
