// The live console in a real browser: headless Chromium (Debian's `chromium`, installed by
// .ci/run) driven by playwright-core, against `pubnub-ts serve --tls-self-signed` (HTTPS, so
// Chromium negotiates HTTP/2), with the CLI as the other party. Run by console_browser_test.ts
// as `deno run -A` (playwright-core reads /proc, which only -A allows); prints `ok: <name>` per
// scenario and exits 1 on the first failure, saying why. `--screenshot docs/console.png` updates
// the README's picture.
import assert from "node:assert/strict";
import { type Browser, chromium, type Page } from "npm:playwright-core@1.65.1";
import { runCliProcess, spawnCli } from "../testing/cli_process.ts";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// `--screenshot FILE` saves it there (docs/console.png for the README); by default a temp file.
const screenshotFlag = Deno.args.indexOf("--screenshot");
const SCREENSHOT = screenshotFlag >= 0
  ? Deno.args[screenshotFlag + 1]
  : await Deno.makeTempFile({ prefix: "pubnub-console-", suffix: ".png" });

async function launch(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}, so the browser test cannot run: ` +
        "install it with `apt-get update && apt-get install -y chromium` (.ci/run does).",
    );
  }
  try {
    // launch() gives each run a fresh temporary profile (its own --user-data-dir).
    return await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 20_000 });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM} did not start: ${(error as Error).message}`);
  }
}

/** A served origin, the env that makes the CLI trust its throwaway certificate, a browser. */
interface Setup {
  url: string;
  env: Record<string, string>;
  browser: Browser;
}

async function withServeAndBrowser(body: (setup: Setup) => Promise<void>): Promise<void> {
  const serve = spawnCli(["serve", "--port", "0", "--tls-self-signed"], 60_000);
  let browser: Browser | undefined;
  try {
    const line = await serve.waitFor(/^listening on https:\/\//, "stdout");
    const certLine = await serve.waitFor(/TLS: +a throwaway certificate, /, "stdout");
    const cert = /certificate, (\S+)/.exec(certLine)![1];
    browser = await launch();
    await body({ url: line.slice("listening on ".length), env: { DENO_CERT: cert }, browser });
  } finally {
    await browser?.close();
    serve.kill("SIGTERM");
    assert.equal(await serve.finished, 0, serve.stderr.join("\n"));
  }
}

async function openConsole(browser: Browser, url: string, query: string): Promise<Page> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1100, height: 720 },
  });
  const page = await context.newPage();
  await page.goto(`${url}/console?${query}`);
  await page.locator("#tail", { hasText: "connected" }).waitFor({ timeout: 10_000 });
  return page;
}

const tailHas = (page: Page, text: string, timeout: number) =>
  page.waitForFunction(
    // Runs in the page, where `document` exists.
    (t) =>
      (globalThis as unknown as {
        document: { getElementById(id: string): { textContent: string } };
      })
        .document.getElementById("tail").textContent.includes(t),
    text,
    { timeout },
  );

const SCENARIOS: Array<{ name: string; fn: () => Promise<void> }> = [];

SCENARIOS.push({
  name:
    "console: a CLI publish shows within 1 s; its form publishes to a CLI subscriber; two present",
  fn: () =>
    withServeAndBrowser(async ({ url, env, browser }) => {
      const alice = await openConsole(browser, url, "tail=room&user=console-alice");
      const bob = await openConsole(browser, url, "tail=room&user=console-bob");

      const cli = await runCliProcess(
        ["publish", "room", '{"text":"hello from the CLI"}', "--origin", url],
        { env },
      );
      assert.equal(cli.code, 0, cli.stderr);
      await tailHas(alice, '"hello from the CLI"', 1000);

      const subscriber = spawnCli(["subscribe", "room", "--origin", url], 30_000, env);
      try {
        await subscriber.waitFor(/^subscribed to room/, "stderr");
        await alice.fill("#publishChannel", "room");
        await alice.fill("#publishMessage", '{"text":"hello from the console"}');
        await alice.click("#publish");
        const line = await subscriber.waitFor(/hello from the console/, "stdout", 2000);
        assert.equal(line, '[room] console-alice: {"text":"hello from the console"}');
      } finally {
        subscriber.kill("SIGTERM");
        assert.equal(await subscriber.finished, 0);
      }

      // Presence of two clients: both consoles listed on the channel, with the occupancy.
      const room = alice.locator('#channelList li[data-channel="room"]');
      await room.locator(".who", { hasText: "console-alice" }).waitFor({ timeout: 5000 });
      await room.locator(".who", { hasText: "console-bob" }).waitFor({ timeout: 5000 });
      assert.match(await room.locator(".occupancy").innerText(), /^[23]$/);
      await tailHas(alice, "presence: join console-bob", 1000);
      assert.match(await alice.locator("#status").innerText(), / h2 /);
      await alice.screenshot({ path: SCREENSHOT, fullPage: true });
      const png = await Deno.readFile(SCREENSHOT);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "the screenshot is not a PNG");
      assert.ok(png.length > 10_000, `the screenshot is only ${png.length} bytes`);
      console.log(`screenshot: ${SCREENSHOT}`);
      await bob.context().close();
      await alice.context().close();
    }),
});

SCENARIOS.push({
  name: "HTTP/2: 10 tabs subscribed over one origin, an 11th publishes, all 10 receive within 1 s",
  fn: () =>
    withServeAndBrowser(async ({ url, browser }) => {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const tabs: Page[] = [];
      for (let i = 0; i < 10; i++) {
        const tab = await context.newPage();
        await tab.goto(`${url}/console?tail=tabs&user=tab-${i}`);
        tabs.push(tab);
      }
      // Every tab holds a subscribe long-poll (and polls here-now): over HTTP/1.1 the 7th would
      // wait for a free connection; over HTTP/2 they share one.
      await Promise.all(
        tabs.map((tab) =>
          tab.locator("#tail", { hasText: "connected" }).waitFor({ timeout: 10_000 })
        ),
      );
      const publisher = await context.newPage();
      await publisher.goto(`${url}/console?user=tab-publisher`);
      await publisher.locator("#status", { hasText: "h2" }).waitFor({ timeout: 5000 });
      await publisher.fill("#publishChannel", "tabs");
      await publisher.fill("#publishMessage", '{"n":11}');
      const started = performance.now();
      await publisher.click("#publish");
      await Promise.all(tabs.map((tab) => tailHas(tab, '{"n":11}', 1000)));
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms`);
      for (const tab of tabs) assert.match(await tab.locator("#status").innerText(), / h2 /);
      await context.close();
    }),
});

if (import.meta.main) {
  for (const scenario of SCENARIOS) {
    const started = performance.now();
    try {
      await scenario.fn();
    } catch (error) {
      console.error(`FAILED: ${scenario.name}\n${(error as Error).stack ?? error}`);
      Deno.exit(1);
    }
    console.log(`ok: ${scenario.name} (${Math.round(performance.now() - started)} ms)`);
  }
  Deno.exit(0);
}
