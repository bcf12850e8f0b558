// Replays every conformance fixture under Node against the built npm package, run by
// scripts/build_npm.ts after it installed the tarball into a throwaway project and compiled the
// harness there (conformance/replay.ts with the Node loopback and the package swapped in):
//
//   node conformance.mjs <compiled replay.js> <fixtures dir>
//
// Prints one line per fixture, `ok   <name>` or `FAIL <name>` with its differences indented, then
// `conformance under node: N passed, M failed`. Sets a non-zero exit code on any failure but never
// calls process.exit once the fixtures ran: the process must end by itself (the build script
// kills it and fails if it does not). A fixture that takes longer than FIXTURE_TIMEOUT_MS, or a
// whole run longer than RUN_TIMEOUT_MS, fails the run at once.
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

const FIXTURE_TIMEOUT_MS = 20_000;
const RUN_TIMEOUT_MS = 120_000;

const [replayModule, fixturesDir] = process.argv.slice(2);
if (!replayModule || !fixturesDir) {
  console.error("usage: node conformance.mjs <compiled replay.js> <fixtures dir>");
  process.exit(2);
}
if (typeof globalThis.Deno !== "undefined") {
  console.error(
    "conformance.mjs: this runs the fixtures under Node; Deno has deno task conformance",
  );
  process.exit(2);
}

let current = "(loading)";
const timedOut = (what) => {
  console.log(`FAIL ${current}\n  ${what}`);
  console.log("conformance under node: stopped (timeout)");
  process.exit(1);
};
// unref(): the watchdogs never hold the process open themselves.
const runWatchdog = setTimeout(
  () => timedOut(`the run took longer than ${RUN_TIMEOUT_MS} ms`),
  RUN_TIMEOUT_MS,
);
runWatchdog.unref();

const { replayFiles } = await import(pathToFileURL(resolve(replayModule)).href);
const names = (await readdir(fixturesDir)).filter((n) => n.endsWith(".json")).sort();
if (names.length === 0) {
  console.error(`conformance.mjs: no fixtures in ${fixturesDir}`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (const name of names) {
  current = name.replace(/\.json$/, "");
  const watchdog = setTimeout(
    () => timedOut(`did not finish within ${FIXTURE_TIMEOUT_MS} ms`),
    FIXTURE_TIMEOUT_MS,
  );
  watchdog.unref();
  const summary = await replayFiles([join(fixturesDir, name)]);
  clearTimeout(watchdog);
  passed += summary.passed;
  failed += summary.failed;
}
clearTimeout(runWatchdog);
console.log(`conformance under node: ${passed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
