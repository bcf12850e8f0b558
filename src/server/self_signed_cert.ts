// A throwaway self-signed certificate for HTTPS tests, made at run time with openssl in a temp
// directory under /tmp (tests run with --allow-run and --allow-write=/tmp). Test code only.

/**
 * A generated certificate: PEM texts, the files they were written to, and `remove()`.
 *
 * @example
 * ```ts
 * import type { SelfSignedCert } from "./self_signed_cert.ts";
 * const caOf = (c: SelfSignedCert) => c.cert;
 * ```
 */
export interface SelfSignedCert {
  /** Certificate, PEM. */
  cert: string;
  /** Private key, PEM. */
  key: string;
  /** Path of the certificate file. */
  certFile: string;
  /** Path of the key file. */
  keyFile: string;
  /** Deletes the temp directory. */
  remove(): Promise<void>;
}

/**
 * Makes a P-256 certificate for `127.0.0.1` (IP SAN, not a CA: rustls refuses a CA certificate
 * used as a server's own), valid one day.
 *
 * @example
 * ```ts
 * import { makeSelfSignedCert } from "./self_signed_cert.ts";
 * const cert = await makeSelfSignedCert();
 * const client = Deno.createHttpClient({ caCerts: [cert.cert] });
 * client.close();
 * await cert.remove();
 * ```
 */
export async function makeSelfSignedCert(): Promise<SelfSignedCert> {
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "pubnub-tls-" });
  const certFile = `${dir}/cert.pem`;
  const keyFile = `${dir}/key.pem`;
  const { code, stderr } = await new Deno.Command("openssl", {
    args: [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-addext",
      "basicConstraints=critical,CA:FALSE",
      "-addext",
      "extendedKeyUsage=serverAuth",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    await Deno.remove(dir, { recursive: true });
    throw new Error(`openssl failed: ${new TextDecoder().decode(stderr)}`);
  }
  return {
    cert: await Deno.readTextFile(certFile),
    key: await Deno.readTextFile(keyFile),
    certFile,
    keyFile,
    remove: () => Deno.remove(dir, { recursive: true }),
  };
}

/**
 * A fetch that trusts exactly `caPem` (besides the system roots), for a client's `fetch`
 * option, and `close()` to release its connection pool.
 *
 * @example
 * ```ts
 * import { fetchTrusting } from "./self_signed_cert.ts";
 * const trusted = fetchTrusting("-----BEGIN CERTIFICATE-----\n...");
 * trusted.close();
 * ```
 */
export function fetchTrusting(caPem: string): { fetch: typeof fetch; close(): void } {
  const client = Deno.createHttpClient({ caCerts: [caPem] });
  return {
    fetch: (input, init) => {
      const withClient: RequestInit & { client: Deno.HttpClient } = { ...init, client };
      return fetch(input, withClient);
    },
    close: () => client.close(),
  };
}
