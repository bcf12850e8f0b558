import { encodeEnvelope } from "../../core/wire/envelope.ts";

/**
 * What an envelope carries: a published message, a signal (`e: 1`), a presence event or a
 * message action added or removed (`e: 3`).
 *
 * @example
 * ```ts
 * import type { EnvelopeKind } from "./envelope.ts";
 * const kind: EnvelopeKind = "signal";
 * ```
 */
export type EnvelopeKind = "message" | "signal" | "presence" | "action";

/**
 * One entry of a channel's buffer, as delivered by subscribe
 * (docs/protocol.md "Subscribe envelopes"). The wire form without `b` is serialised once at
 * creation, because one envelope may be sent to thousands of subscribers that differ only in `b`.
 *
 * @example
 * ```ts
 * import type { Envelope } from "./envelope.ts";
 * const seen = (e: Envelope) => `${e.channel}@${e.tt}`;
 * ```
 */
export interface Envelope {
  /** Subscribe key of the keyset it belongs to. */
  readonly subKey: string;
  /** Actual channel (`c`), `x-pnpres` for presence. */
  readonly channel: string;
  /** Publish timetoken as a BigInt, for ordering. */
  readonly timetoken: bigint;
  /** Publish timetoken as sent on the wire. */
  readonly tt: string;
  /** Message, signal or presence event. */
  readonly kind: EnvelopeKind;
  /** Payload (`d`), for filter expressions. */
  readonly payload: unknown;
  /** Publish meta (`u`), for filter expressions. */
  readonly meta: unknown;
  /** The wire JSON object without `b`, e.g. `{"a":"0","f":0,...}`. */
  readonly json: string;
}

/**
 * What is needed to build an envelope.
 *
 * @example
 * ```ts
 * import type { EnvelopeInit } from "./envelope.ts";
 * const init: EnvelopeInit = { subKey: "demo", channel: "ch", timetoken: 1n, region: 1, kind: "message", payload: "hi" };
 * ```
 */
export interface EnvelopeInit {
  /** Subscribe key (`k`). */
  subKey: string;
  /** Channel (`c`). */
  channel: string;
  /** Publish timetoken (`p.t`). */
  timetoken: bigint;
  /** Region (`p.r`). */
  region: number;
  /** Kind; decides `e`. */
  kind: EnvelopeKind;
  /** Payload (`d`). */
  payload: unknown;
  /** Meta (`u`), when published with one. */
  meta?: unknown;
  /** Publisher uuid (`i`). */
  publisher?: string;
  /** Client sequence number (`s`); messages without one carry 1, as the service's do. */
  sequence?: number;
  /** Custom message type (`cmt`). */
  customMessageType?: string;
}

/**
 * Builds an envelope and serialises its wire form once.
 *
 * @example
 * ```ts
 * import { makeEnvelope, envelopeWire } from "./envelope.ts";
 * const e = makeEnvelope({ subKey: "k", channel: "ch", timetoken: 5n, region: 1, kind: "signal", payload: 1 });
 * envelopeWire(e, "ch"); // '{"a":"0","f":0,"p":{"t":"5","r":1},"k":"k","c":"ch","d":1,"e":1}'
 * ```
 */
export function makeEnvelope(init: EnvelopeInit): Envelope {
  const tt = init.timetoken.toString();
  const wire = encodeEnvelope({ ...init, timetoken: tt });
  return {
    subKey: init.subKey,
    channel: init.channel,
    timetoken: init.timetoken,
    tt,
    kind: init.kind,
    payload: init.payload,
    meta: init.meta,
    json: JSON.stringify(wire),
  };
}

/**
 * The wire JSON of an envelope for one subscriber: with `b` set to the group or wildcard pattern
 * that matched it, and without `b` when the subscriber named the channel itself, as the
 * service sends it.
 *
 * @example
 * ```ts
 * import { makeEnvelope, envelopeWire } from "./envelope.ts";
 * const e = makeEnvelope({ subKey: "k", channel: "a.b", timetoken: 5n, region: 1, kind: "message", payload: 1 });
 * JSON.parse(envelopeWire(e, "a.*")).b; // "a.*"
 * "b" in JSON.parse(envelopeWire(e, "a.b")); // false
 * ```
 */
export function envelopeWire(envelope: Envelope, match: string): string {
  if (match === envelope.channel) return envelope.json;
  // One string per envelope and match, however many subscribers receive it.
  let byMatch = wireCache.get(envelope);
  if (!byMatch) wireCache.set(envelope, byMatch = new Map());
  let wire = byMatch.get(match);
  if (wire === undefined) {
    wire = `{"b":${JSON.stringify(match)},${envelope.json.slice(1)}`;
    byMatch.set(match, wire);
  }
  return wire;
}

const wireCache = new WeakMap<Envelope, Map<string, string>>();
