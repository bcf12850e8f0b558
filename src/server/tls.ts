/**
 * A certificate and its private key for HTTPS: each either PEM text (it contains
 * `-----BEGIN`) or the path of a PEM file.
 *
 * @example
 * ```ts
 * import type { TlsOptions } from "@pubnub-ts/pubsub/server";
 * const tls: TlsOptions = { cert: "/tmp/cert.pem", key: "/tmp/key.pem" };
 * ```
 */
export interface TlsOptions {
  /** Certificate chain: PEM text or a file path. */
  cert: string;
  /** Private key: PEM text or a file path. */
  key: string;
}

/**
 * Whether a value is PEM text rather than a path.
 *
 * @example
 * ```ts
 * import { isPem } from "./tls.ts";
 * isPem("-----BEGIN CERTIFICATE-----\n..."); // true
 * isPem("/tmp/cert.pem"); // false
 * ```
 */
export function isPem(value: string): boolean {
  return value.includes("-----BEGIN");
}

/**
 * Turns paths into PEM text with `readFile` (the runtime's own), and checks that both are PEM,
 * with an error that names what is wrong.
 *
 * @example
 * ```ts
 * import { resolveTls } from "./tls.ts";
 * const pem = "-----BEGIN X-----\n-----END X-----\n";
 * const tls = await resolveTls({ cert: pem, key: pem }, (path) => Deno.readTextFile(path));
 * tls.cert === pem; // true
 * ```
 */
export async function resolveTls(
  tls: TlsOptions,
  readFile: (path: string) => Promise<string>,
): Promise<TlsOptions> {
  const read = async (what: "cert" | "key", value: string): Promise<string> => {
    if (typeof value !== "string" || value === "") {
      throw new TypeError(`tls.${what} is empty: give PEM text or the path of a PEM file`);
    }
    if (isPem(value)) return value;
    let text: string;
    try {
      text = await readFile(value);
    } catch (error) {
      throw new Error(`cannot read tls.${what} file "${value}": ${(error as Error).message}`);
    }
    if (!isPem(text)) throw new Error(`tls.${what} file "${value}" is not PEM`);
    return text;
  };
  return { cert: await read("cert", tls.cert), key: await read("key", tls.key) };
}
