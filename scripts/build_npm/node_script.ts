/**
 * Runs a Node script under a time limit and checks that it exits by itself.
 *
 * @module
 */
import { EXIT_GRACE_MS } from "./config.ts";
import { fail, info } from "./util.ts";

/**
 * Runs a Node script, echoing its output lines; fails if it exits non-zero, if it runs longer
 * than `timeoutMs`, or if it is still alive EXIT_GRACE_MS after it printed a line starting with
 * `doneMarker` (something holds the event loop). Returns its output lines.
 */
export async function runNodeScript(
  cwd: string,
  args: string[],
  options: { doneMarker: string; timeoutMs: number; what: string },
): Promise<string[]> {
  const { doneMarker, timeoutMs, what } = options;
  const child = new Deno.Command("node", {
    args,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let doneAt: number | undefined;
  const stdoutLines: string[] = [];
  const readStdout = (async () => {
    let buffered = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        stdoutLines.push(line);
        info(`| ${line}`);
        if (line.startsWith(doneMarker)) doneAt = performance.now();
      }
    }
    if (buffered) {
      stdoutLines.push(buffered);
      info(`| ${buffered}`);
    }
  })();
  const stderrText = new Response(child.stderr).text();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    child.status.then((status) => ({ status })),
    new Promise<{ status?: undefined; reason: string }>((resolveTimer) => {
      const poll = () => {
        const now = performance.now();
        if (doneAt !== undefined && now - doneAt > EXIT_GRACE_MS) {
          resolveTimer({
            reason: `the Node process did not exit by itself within ${EXIT_GRACE_MS} ms after ` +
              `"${doneMarker}": something still holds the event loop`,
          });
        } else if (now - started > timeoutMs) {
          resolveTimer({ reason: `${what} did not finish within ${timeoutMs} ms` });
        } else {
          timer = setTimeout(poll, 50);
        }
      };
      poll();
    }),
  ]);
  clearTimeout(timer);
  if (outcome.status === undefined) {
    child.kill("SIGKILL");
    await child.status;
    await readStdout;
    fail(`${"reason" in outcome ? outcome.reason : ""}\n${await stderrText}`);
  }
  await readStdout;
  const stderr = await stderrText;
  if (!outcome.status.success) {
    const last = stdoutLines.at(-1);
    fail(`${what} exited with ${outcome.status.code}${last ? `: ${last}` : ""}\n${stderr}`);
  }
  if (doneAt === undefined) fail(`${what} exited without printing "${doneMarker}"\n${stderr}`);
  if (stderr.trim()) info(`stderr: ${stderr.trim()}`);
  info(`process exited by itself ${Math.round(performance.now() - doneAt)} ms after ${doneMarker}`);
  return stdoutLines;
}
