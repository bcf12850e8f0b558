/**
 * The transport's signing part: the URL of a request with `timestamp` and a `v2` HMAC-SHA256
 * `signature`, made with the configuration's `secretKey`. A client passes it to the transport
 * only when a secret key is set.
 *
 * @module
 */
import type { PNConfiguration } from "../core/config.ts";
import { encodeQuery } from "../core/encoding.ts";
import type { RequestDescription } from "../core/request.ts";
import { formatSignature, signatureInput } from "../core/signature.ts";
import { carriesCredentials } from "../core/wire/credentials.ts";
import type { Clock } from "./clock.ts";
import { SDK_NAME, type TransportParts } from "./transport_core.ts";

/**
 * The query a request is sent with, unsigned: its own parameters followed by uuid, requestid,
 * pnsdk and auth (the JS SDK's order); auth only on a call that carries credentials.
 *
 * @example
 * ```ts
 * import { commonQuery } from "./request_signer.ts";
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * import { buildTimeRequest } from "../core/requests/time.ts";
 * const config = new PNConfiguration({ subscribeKey: "s", userId: "u" });
 * commonQuery(config, buildTimeRequest(), "id-1").uuid; // "u"
 * ```
 */
export function commonQuery(
  config: PNConfiguration,
  request: RequestDescription,
  requestId: string,
): Record<string, string> {
  const query: Record<string, string> = { ...request.query };
  query.uuid ??= config.userId;
  query.requestid = requestId;
  query.pnsdk = SDK_NAME;
  if (config.authKey && carriesCredentials(request.operation)) query.auth = config.authKey;
  return query;
}

/**
 * The `signedUrl` part for `config` (its `secretKey` and `publishKey`), with timestamps from
 * `clock`; `undefined` without a secret key.
 *
 * @example
 * ```ts
 * import { requestSigner } from "./request_signer.ts";
 * import { PNConfiguration } from "@pubnub-ts/pubsub";
 * import { systemClock } from "./clock.ts";
 * import { buildTimeRequest } from "../core/requests/time.ts";
 * const config = new PNConfiguration({ subscribeKey: "s", userId: "u", secretKey: "k" });
 * const url = await requestSigner(config, systemClock)!(buildTimeRequest(), "id-1");
 * ```
 */
export function requestSigner(
  config: PNConfiguration,
  clock: Clock,
): TransportParts["signedUrl"] {
  const secretKey = config.secretKey;
  if (secretKey === undefined) return undefined;
  let signingKey: Promise<CryptoKey> | undefined;
  return async (request: RequestDescription, requestId: string) => {
    signingKey ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secretKey),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const query = commonQuery(config, request, requestId);
    query.timestamp = String(Math.floor(clock.now() / 1000));
    const input = signatureInput(request, config.publishKey ?? "", query);
    const digest = await crypto.subtle.sign(
      "HMAC",
      await signingKey,
      new TextEncoder().encode(input),
    );
    query.signature = formatSignature(new Uint8Array(digest));
    return `${config.baseUrl}${request.path}?${encodeQuery(query)}`;
  };
}
