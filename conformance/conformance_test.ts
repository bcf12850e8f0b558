/**
 * Every fixture in `fixtures/` replayed through the real fetch shell against a loopback server;
 * one test per fixture. A failure lists every difference, each naming the exchange, step or
 * observation and the field.
 */
import { loadFixture } from "./fixture.ts";
import { replayFixture } from "./replay.ts";

const dir = new URL("../fixtures/", import.meta.url);
const names = [...Deno.readDirSync(dir)]
  .filter((entry) => entry.isFile && entry.name.endsWith(".json"))
  .map((entry) => entry.name)
  .sort();

for (const name of names) {
  Deno.test(`conformance: ${name.replace(/\.json$/, "")}`, async () => {
    const fixture = await loadFixture(new URL(name, dir));
    const report = await replayFixture(fixture);
    if (!report.ok) {
      throw new Error(
        `${fixture.name} (${fixture.source}) differs:\n  ${report.failures.join("\n  ")}`,
      );
    }
  });
}
