/**
 * `serve --tls-self-signed`: a throwaway certificate for the address being served, made with
 * `openssl` in a temporary directory that is removed at shutdown.
 *
 * @module
 */
import type { CliRuntime } from "./cli_runtime.ts";

/**
 * A made certificate: where its files are and how to remove them.
 *
 * @example
 * ```ts
 * import type { ThrowawayCert } from "./self_signed.ts";
 * const describe = (c: ThrowawayCert) => c.certFile;
 * ```
 */
export interface ThrowawayCert {
  /** The certificate (PEM). */
  certFile: string;
  /** Its private key (PEM). */
  keyFile: string;
  /** Deletes both. */
  remove(): Promise<void>;
}

/**
 * Makes a P-256 certificate valid for a week for `host`, `127.0.0.1`, `::1` and `localhost`.
 *
 * @example
 * ```ts ignore
 * import { makeThrowawayCert } from "./self_signed.ts";
 * import { runtime } from "./runtime_deno.ts";
 * const cert = await makeThrowawayCert(runtime, "127.0.0.1");
 * await cert.remove();
 * ```
 */
export async function makeThrowawayCert(runtime: CliRuntime, host: string): Promise<ThrowawayCert> {
  const dir = await runtime.makeTempDir("pubnub-ts-cert-");
  const certFile = `${dir}/cert.pem`;
  const keyFile = `${dir}/key.pem`;
  const names = new Set(["IP:127.0.0.1", "IP:::1", "DNS:localhost"]);
  if (host !== "0.0.0.0" && host !== "::") {
    names.add(/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`);
  }
  let result;
  try {
    result = await runtime.exec("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "7",
      "-subj",
      "/CN=pubnub-ts local server",
      "-addext",
      `subjectAltName=${[...names].join(",")}`,
      "-addext",
      "basicConstraints=critical,CA:FALSE",
      "-addext",
      "extendedKeyUsage=serverAuth",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ]);
  } catch (error) {
    result = { code: -1, stderr: (error as Error).message };
  }
  if (result.code !== 0) {
    await runtime.removeDir(dir).catch(() => {});
    throw new Error(
      `--tls-self-signed needs openssl to make the certificate, and it failed: ${result.stderr.trim()}` +
        "\n  install openssl, or pass your own with --tls-cert FILE --tls-key FILE",
    );
  }
  return { certFile, keyFile, remove: () => runtime.removeDir(dir) };
}
