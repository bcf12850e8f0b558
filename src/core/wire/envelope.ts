/**
 * A publish timetoken with its region, as the service sends it in an envelope (`p`, `o`).
 *
 * @example
 * ```ts
 * import type { EnvelopeTimetoken } from "./envelope.ts";
 * const p: EnvelopeTimetoken = { t: "17000000000000000", r: 12 };
 * ```
 */
export interface EnvelopeTimetoken {
  /** Timetoken, a string of digits (never a number: 17 digits do not fit one). */
  readonly t: string;
  /** Region. */
  readonly r: number;
}

/**
 * One entry of a subscribe response's `m` list (docs/protocol.md "Subscribe envelopes"),
 * shape-checked by the client's `parseSubscribeResponse`, built by the server's
 * `encodeEnvelope`. Field names are the wire's.
 *
 * @example
 * ```ts
 * import type { Envelope } from "./envelope.ts";
 * const envelope: Envelope = { c: "ch", d: "hi", p: { t: "17000000000000000", r: 1 }, i: "u1" };
 * ```
 */
export interface Envelope {
  /** Shard. */
  readonly a?: string;
  /** Flags. */
  readonly f?: number;
  /** Publisher's uuid. */
  readonly i?: string;
  /** Publisher's sequence number. */
  readonly s?: number;
  /** Publish timetoken. */
  readonly p: EnvelopeTimetoken;
  /** Originating timetoken. */
  readonly o?: EnvelopeTimetoken;
  /** Subscribe key. */
  readonly k?: string;
  /** The channel the message was published on. */
  readonly c: string;
  /** Payload. */
  readonly d?: unknown;
  /** The subscription that matched (a group or wildcard pattern); may equal `c`. */
  readonly b?: string;
  /** Publish meta. */
  readonly u?: unknown;
  /** Message type: absent or 0 message, 1 signal, 2 objects, 3 message action, 4 file. */
  readonly e?: number;
  /** Custom message type. */
  readonly cmt?: string;
}

/**
 * What a server needs to encode an envelope.
 *
 * @example
 * ```ts
 * import type { EnvelopeFields } from "./envelope.ts";
 * const f: EnvelopeFields = { subKey: "demo", channel: "ch", timetoken: "1", region: 1, kind: "message", payload: "hi" };
 * ```
 */
export interface EnvelopeFields {
  /** Subscribe key (`k`). */
  readonly subKey: string;
  /** Channel (`c`). */
  readonly channel: string;
  /** Publish timetoken (`p.t`). */
  readonly timetoken: string;
  /** Region (`p.r`). */
  readonly region: number;
  /** What it carries; decides `e` (a presence event is recognised by its channel). */
  readonly kind: "message" | "signal" | "presence" | "action";
  /** Payload (`d`). */
  readonly payload: unknown;
  /** Meta (`u`), when published with one. */
  readonly meta?: unknown;
  /** Publisher uuid (`i`). */
  readonly publisher?: string;
  /** Client sequence number (`s`); messages without one carry 1, as the service's do. */
  readonly sequence?: number;
  /** Custom message type (`cmt`). */
  readonly customMessageType?: string;
}

/**
 * Encodes an envelope as the service sends it, fields in the service's order, without `b`
 * (which depends on the subscriber). Message actions carry no shard (`a`); every other
 * envelope does.
 *
 * @example
 * ```ts
 * import { encodeEnvelope } from "./envelope.ts";
 * JSON.stringify(encodeEnvelope({ subKey: "k", channel: "ch", timetoken: "5", region: 1, kind: "signal", payload: 1 }));
 * // '{"a":"0","f":0,"p":{"t":"5","r":1},"k":"k","c":"ch","d":1,"e":1}'
 * ```
 */
export function encodeEnvelope(fields: EnvelopeFields): Envelope {
  const wire: Record<string, unknown> = fields.kind === "action"
    ? { f: 0, e: 3 }
    : { a: "0", f: 0 };
  if (fields.publisher !== undefined) wire.i = fields.publisher;
  if (fields.kind === "message") wire.s = fields.sequence ?? 1;
  wire.p = { t: fields.timetoken, r: fields.region };
  wire.k = fields.subKey;
  wire.c = fields.channel;
  wire.d = fields.payload;
  if (fields.meta !== undefined) wire.u = fields.meta;
  if (fields.kind === "signal") wire.e = 1;
  if (fields.customMessageType !== undefined) wire.cmt = fields.customMessageType;
  return wire as unknown as Envelope;
}
