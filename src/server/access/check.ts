import type { Answer, ServerRequest } from "../http/exchange.ts";
import { decodeComponent } from "../../core/encoding.ts";
import { formatSignature, signatureInput } from "../../core/signature.ts";
import { readBody } from "../http/body.ts";
import { json } from "../http/responses.ts";
import { decodeList, rawPath, splitList, type Target } from "../http/target.ts";
import { type AccessNeeds, type AccessPolicy, decideAccess } from "./policy.ts";

/**
 * Checks one routed request against the policy: resolves to the 403 answer, or `undefined` when
 * the request may go on.
 *
 * @example
 * ```ts
 * import type { AccessCheck } from "./check.ts";
 * const allowAll: AccessCheck = () => Promise.resolve(undefined);
 * ```
 */
export type AccessCheck = (request: ServerRequest, target: Target) => Promise<Answer | undefined>;

/**
 * Builds the access check of a policy. `startedAt` anchors grant `ttl`s; `now` is the server
 * clock (ms), also used for signature timestamps. Throws when signatures are to be verified
 * but no publish key is known to compute them with.
 *
 * @example
 * ```ts
 * import { createAccessCheck } from "./check.ts";
 * const check = createAccessCheck({ grants: [{ authKey: "k", read: ["*"] }] }, { now: Date.now });
 * const denied = await check(new Request("http://h/v3/history/sub-key/s/channel/a"), { segments: ["v3", "history", "sub-key", "s", "channel", "a"], query: new Map(), length: 30 });
 * denied?.status; // 403
 * ```
 */
export function createAccessCheck(
  policy: AccessPolicy,
  options: { now: () => number; publishKey?: string },
): AccessCheck {
  const startedAt = options.now();
  const publishKey = policy.publishKey ?? options.publishKey;
  if (policy.requireSignature && !policy.secretKey) {
    throw new TypeError("access.requireSignature needs access.secretKey");
  }
  if (policy.secretKey && publishKey === undefined) {
    throw new TypeError(
      "access.secretKey needs a publish key to verify signatures: set access.publishKey or keys",
    );
  }
  const windowSeconds = policy.signatureWindowSeconds ?? 60;
  let hmacKey: Promise<CryptoKey> | undefined;

  return async (request, target) => {
    if (target.segments[0] === "time") return undefined; // never signed, never authorised
    if (policy.secretKey) {
      const signature = target.query.get("signature");
      if (signature !== undefined) {
        hmacKey ??= crypto.subtle.importKey(
          "raw",
          new TextEncoder().encode(policy.secretKey),
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        const problem = await verifySignature(request, target, {
          key: await hmacKey,
          publishKey: publishKey ?? "",
          nowSeconds: options.now() / 1000,
          windowSeconds,
        });
        if (problem) return forbidden(problem, {});
        return undefined; // a valid signature is the secret key holder's: root access
      }
      if (policy.requireSignature) {
        return forbidden(
          "Missing Signature: this keyset requires requests signed with the secret key " +
            "(signature and timestamp parameters)",
          {},
        );
      }
    }
    if (!policy.grants) return undefined;
    const needs = needsOf(target, request.method);
    if (needs === undefined) return undefined;
    const decision = decideAccess(policy.grants, {
      authKey: target.query.get("auth"),
      startedAt,
      now: options.now(),
    }, needs);
    if (decision.allowed) return undefined;
    const payload: Record<string, string[]> = {};
    if (decision.channels.length > 0) payload.channels = decision.channels;
    if (decision.groups.length > 0) payload["channel-groups"] = decision.groups;
    return forbidden("Forbidden", payload);
  };
}

/** The service's 403 body: `{"message":…,"payload":{…},"error":true,"service":"Access Manager","status":403}`. */
function forbidden(message: string, payload: Record<string, string[]>): Answer {
  return json(403, { message, payload, error: true, service: "Access Manager", status: 403 });
}

/**
 * What a request reads, writes, deletes or manages, from its method and path
 * (docs/protocol.md "Endpoints"); `undefined` for paths the policy does not govern. Calls that name nothing (where-now, global
 * here-now, list groups) need only a live auth key: their needs are empty. Storage follows the
 * service: fetching and counting messages and listing actions read the channel, adding an
 * action writes it, deleting messages and removing an action need `delete`.
 *
 * @example
 * ```ts
 * import { needsOf } from "./check.ts";
 * needsOf({ segments: ["publish", "p", "s", "0", "ch", "0", "1"], query: new Map(), length: 0 });
 * // { write: ["ch"] }
 * ```
 */
export function needsOf(target: Target, method = "GET"): AccessNeeds | undefined {
  const s = target.segments;
  const groups = splitList(target.query.get("channel-group"));
  const list = (segment: string | undefined) => decodeList(segment ?? "") ?? [];
  switch (s[0]) {
    case "publish":
    case "signal":
      return { write: [decodeComponent(s[4] ?? "") ?? ""] };
    case "v2":
      if (s[1] === "subscribe") return { read: list(s[3]), readGroups: groups };
      if (s[1] === "history") return { read: list(s[5]) };
      if (s[1] === "presence") {
        if (s[4] === "channel") return { read: list(s[5]), readGroups: groups };
        // Global here-now and where-now answer about every channel: only a key that may read
        // everything ("*") may ask, or they would show occupants of denied channels.
        return { read: ["*"] };
      }
      return undefined;
    case "v3":
      if (s[1] === "history" && method === "DELETE") return { delete: list(s[5]) };
      return s[1] === "history" || s[1] === "history-with-actions"
        ? { read: list(s[5]) }
        : undefined;
    case "v1":
      if (s[1] === "message-actions") {
        const channel = [decodeComponent(s[4] ?? "") ?? ""];
        if (method === "POST") return { write: channel };
        if (method === "DELETE") return { delete: channel };
        return { read: channel };
      }
      if (s[1] !== "channel-registration") return undefined;
      // Listing every group names groups the key has no grant on: it needs to manage them all.
      if (s[5] === undefined) return { manageGroups: ["*"] };
      // Adding a channel to a group one manages would otherwise grant read on it through the
      // group: the key must be able to read what it adds.
      return {
        manageGroups: [decodeComponent(s[5]) ?? s[5]],
        read: splitList(target.query.get("add")),
      };
    default:
      return undefined;
  }
}

/** Why a signed request is refused, or `undefined` when its signature is valid. */
async function verifySignature(
  request: ServerRequest,
  target: Target,
  check: { key: CryptoKey; publishKey: string; nowSeconds: number; windowSeconds: number },
): Promise<string | undefined> {
  const timestamp = target.query.get("timestamp");
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    return "Invalid Signature: a signed request needs a timestamp parameter (Unix seconds)";
  }
  const skew = Math.round(Number(timestamp) - check.nowSeconds);
  if (Math.abs(skew) > check.windowSeconds) {
    return `Request Expired: the signature timestamp is ${Math.abs(skew)} s ${
      skew < 0 ? "behind" : "ahead of"
    } the server clock (at most ${check.windowSeconds} s accepted)`;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of target.query) if (name !== "signature") query[name] = value;
  const path = rawPath(request.url);
  // Signed with the request's method (DELETE for deletes), as the SDKs sign.
  const method = request.method === "POST" || request.method === "DELETE" ? request.method : "GET";
  let body: string | undefined;
  if (method === "POST" && !path.startsWith("/publish/")) {
    // readBody keeps the bytes it read: the route reads the same body after this.
    const read = await readBody(request, 1_048_576);
    body = read.ok ? read.text : "";
  }
  const input = signatureInput(
    // The description's method type may not list DELETE; signing only prints the method.
    { operation: "PNTimeOperation", method: method as "GET", path, query: {}, body },
    check.publishKey,
    query,
  );
  const digest = await crypto.subtle.sign("HMAC", check.key, new TextEncoder().encode(input));
  const expected = formatSignature(new Uint8Array(digest));
  if (!timingSafeEqual(expected, target.query.get("signature") ?? "")) {
    return "Invalid Signature: the signature does not match the request " +
      "(signed with another secret key, or the request was altered)";
  }
  return undefined;
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
