/**
 * What a fetch rejection means, in words for the status message: refused, reset, DNS or TLS,
 * with every URL cut down to its origin (paths hold channels and messages, queries the auth key).
 *
 * @module
 */
import { describeValue } from "../core/describe_value.ts";

/** Words in a fetch rejection that mean the TLS handshake failed (Deno/rustls, Node/OpenSSL, browsers). */
const TLS_TROUBLE =
  /certificate|\bcert\b|UnknownIssuer|\btls\b|\bssl\b|handshake|self[- ]signed|CERT_|ERR_SSL|InvalidContentType|corrupt message/i;

/**
 * Says what a fetch rejection means in words: refused, reset, DNS or TLS. A TLS failure (an
 * untrusted or mismatched certificate, or a server that does not speak TLS) says so first, with
 * what to do about it.
 *
 * @example
 * ```ts
 * import { describeNetworkError } from "./network_error.ts";
 * describeNetworkError(new TypeError("error sending request for url (http://127.0.0.1:9/x?auth=k)"));
 * // "network error: error sending request for url (http://127.0.0.1:9/…)"
 * ```
 */
export function describeNetworkError(error: unknown): string {
  // The messages of the error and its causes, and their codes (Node's say the TLS trouble there).
  const parts: string[] = [];
  let codes = "";
  let current: unknown = error;
  let printing = true;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes += ` ${code}`;
    // A value that is no Error of this realm (a string, an error from a vm context) ends the
    // text, printed whole; the codes of its causes still count.
    if (printing) parts.push(current instanceof Error ? current.message : printed(current));
    printing &&= current instanceof Error;
    current = (current as { cause?: unknown }).cause;
  }
  // Runtimes quote the request URL in their messages: its path holds channels and the message,
  // its query the auth key and signature. Only scheme, host and port are kept, and the TLS
  // words are looked for in what is left, not in a channel called "ssl".
  const text = parts.filter(Boolean).join(": ")
    .replace(/\b(https?:\/\/[^\s/?#"')]+)[^\s"')]*/g, (_, origin) => `${origin}/…`);
  if (/invalid HTTP version|wrong version number|packet length too long/i.test(text)) {
    return `network error: the server answered with something that is not HTTP; if it speaks ` +
      `TLS, use ssl: true: ${text}`;
  }
  if (TLS_TROUBLE.test(text + codes)) {
    return `TLS/certificate error: the server's certificate is not trusted or does not match ` +
      `the host, or the server does not speak TLS (trust its CA through a custom fetch, or use ` +
      `ssl: false for plain HTTP): ${text}`;
  }
  return text ? `network error: ${text}` : "network error";
}

/** `String(value)`, or a description when that throws (no `toString`, or one that throws). */
function printed(value: unknown): string {
  try {
    return String(value);
  } catch {
    return describeValue(value);
  }
}
