/**
 * Runs every JSDoc example of the package's public files, and README's, with `deno test --doc`:
 * what a user copies must run as written (the package name resolves to the sources through
 * `deno.docs.json`). Examples that need a server start the local one on port 0 and close it, so
 * the run is offline and ends by itself. Exits with the test run's status.
 *
 * @module
 */
import { publicSourceFiles, ROOT } from "./public_docs.ts";

/** What the examples may do: loopback network, reading files and the environment. */
const PERMISSIONS = [
  "--allow-net=127.0.0.1,localhost",
  "--allow-read",
  "--allow-env",
  "--allow-sys",
  "--allow-write=/tmp",
];

if (import.meta.main) {
  const files = await publicSourceFiles();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["test", "--doc", "--config", "deno.docs.json", ...PERMISSIONS, "README.md", ...files],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  Deno.exit(code);
}
