import { PubNubError } from "../core/error.ts";
import { PNStatus } from "../core/status.ts";
import type { ConnectionStateChange } from "../core/subscribe/connection_state.ts";
import type { Listener } from "./listeners.ts";

/**
 * What waiting for the connection needs from the client: its listeners, and the connected
 * status to resolve with at once when the subscription is already receiving.
 *
 * @example
 * ```ts
 * import type { ConnectedWaitSource } from "./connected_wait.ts";
 * const source: ConnectedWaitSource = {
 *   addListener: () => {},
 *   removeListener: () => {},
 *   connectedNow: () => undefined,
 * };
 * ```
 */
export interface ConnectedWaitSource {
  /** Adds an internal listener. */
  addListener(listener: Listener): void;
  /** Removes it. */
  removeListener(listener: Listener): void;
  /** A `PNConnectedCategory` status when the loop is receiving now, else `undefined`. */
  connectedNow(): PNStatus | undefined;
}

/** Statuses that end a wait for the connection with a rejection. */
const REFUSED = new Set([
  "PNAccessDeniedCategory",
  "PNConnectionErrorCategory",
  "PNUnexpectedDisconnectCategory",
]);

/**
 * The promise `subscribe()…execute()` returns: resolves with the connected (or reconnected)
 * status; rejects with a `PubNubError` when access is denied, the loop gives up, or the
 * subscription is dropped before it connected. Its rejection is marked handled, so an app that
 * does not await it never sees an unhandled rejection (its listeners still hear every status).
 *
 * @example
 * ```ts
 * import { waitForConnected } from "./connected_wait.ts";
 * import { PNStatus } from "../core/status.ts";
 * const connected = new PNStatus({ category: "PNConnectedCategory", operation: "PNSubscribeOperation", error: false });
 * const status = await waitForConnected({ addListener() {}, removeListener() {}, connectedNow: () => connected });
 * status.category; // "PNConnectedCategory"
 * ```
 */
export function waitForConnected(source: ConnectedWaitSource): Promise<PNStatus> {
  const now = source.connectedNow();
  if (now) return Promise.resolve(now);
  const promise = new Promise<PNStatus>((resolve, reject) => {
    const listener: Listener = {
      status(_client, status) {
        if (
          status.category === "PNConnectedCategory" || status.category === "PNReconnectedCategory"
        ) {
          source.removeListener(listener);
          resolve(status);
        } else if (REFUSED.has(status.category)) {
          source.removeListener(listener);
          reject(new PubNubError(`Cannot subscribe: ${describe(status)}`, status));
        }
      },
      connectionState(_client, change: ConnectionStateChange) {
        if (change.state !== "disconnected") return;
        source.removeListener(listener);
        reject(
          new PubNubError(
            `Cannot subscribe: the subscription ended before it connected (${change.reason})`,
            new PNStatus({
              category: "PNCancelledCategory",
              operation: "PNSubscribeOperation",
              error: true,
              errorData: { message: change.reason },
            }),
          ),
        );
      },
    };
    source.addListener(listener);
  });
  promise.catch(() => {});
  return promise;
}

function describe(status: PNStatus): string {
  const data = status.errorData as { message?: unknown; reconnection?: unknown } | undefined;
  const parts: string[] = [status.category];
  if (status.statusCode !== undefined) parts.push(`HTTP ${status.statusCode}`);
  if (typeof data?.message === "string") parts.push(data.message);
  if (typeof data?.reconnection === "string") parts.push(data.reconnection);
  return parts.join(": ");
}
