/**
 * The transport's signing part: `timestamp` and a `v2` HMAC-SHA256 `signature` over each
 * request, with the configuration's `secretKey`. A client passes it to the transport only when
 * a secret key is set.
 *
 * @module
 */
import type { PNConfiguration } from "../core/config.ts";
import type { RequestDescription } from "../core/request.ts";
import { formatSignature, signatureInput } from "../core/signature.ts";
import type { Clock } from "./clock.ts";
import type { TransportParts } from "./transport_core.ts";

/**
 * The `sign` part for `config` (its `secretKey` and `publishKey`), with timestamps from `clock`;
 * `undefined` without a secret key.
 *
 * @example
 * ```ts
 * import { requestSigner } from "./request_signer.ts";
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * import { systemClock } from "./clock.ts";
 * const config = new PNConfiguration({ subscribeKey: "s", userId: "u", secretKey: "k" });
 * const sign = requestSigner(config, systemClock);
 * ```
 */
export function requestSigner(config: PNConfiguration, clock: Clock): TransportParts["sign"] {
  const secretKey = config.secretKey;
  if (secretKey === undefined) return undefined;
  let signingKey: Promise<CryptoKey> | undefined;
  return async (request: RequestDescription, query: Record<string, string>) => {
    signingKey ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secretKey),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    query.timestamp = String(Math.floor(clock.now() / 1000));
    const input = signatureInput(request, config.publishKey ?? "", query);
    const digest = await crypto.subtle.sign(
      "HMAC",
      await signingKey,
      new TextEncoder().encode(input),
    );
    query.signature = formatSignature(new Uint8Array(digest));
  };
}
