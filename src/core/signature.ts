import { encodeSortedQuery } from "./encoding.ts";
import type { RequestDescription } from "./request.ts";

/**
 * The text a `v2` request signature is computed over (docs/protocol.md "Request signatures"):
 * `METHOD\npublishKey\npath\nsortedQuery\n` followed by the body for POST. Publish is always
 * signed as GET without its body, as the service verifies it.
 *
 * `query` is the full query about to be sent, `timestamp` included and `signature` excluded.
 *
 * @example
 * ```ts
 * import { signatureInput } from "./signature.ts";
 * signatureInput({ operation: "PNTimeOperation", method: "GET", path: "/v2/presence/sub-key/s/uuid/u", query: {} }, "pub", { uuid: "u", timestamp: "1" });
 * // "GET\npub\n/v2/presence/sub-key/s/uuid/u\ntimestamp=1&uuid=u\n"
 * ```
 */
export function signatureInput(
  request: RequestDescription,
  publishKey: string,
  query: Readonly<Record<string, string>>,
): string {
  const isPublish = request.path.startsWith("/publish/");
  const method = isPublish ? "GET" : request.method;
  let input = `${method}\n${publishKey}\n${request.path}\n${encodeSortedQuery(query)}\n`;
  if (method === "POST" && request.body) input += request.body;
  return input;
}

/**
 * Turns a raw HMAC-SHA256 digest into the `signature` parameter: `v2.` + base64url without padding.
 *
 * @example
 * ```ts
 * import { formatSignature } from "./signature.ts";
 * formatSignature(new Uint8Array([251, 255])); // "v2.-_8"
 * ```
 */
export function formatSignature(digest: Uint8Array): string {
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `v2.${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}
