// Three real server processes (`pubnub-ts serve --redis`) on one real redis-server: clients
// spread over them, one process killed with SIGKILL mid-stream, nothing lost.
import { strict as assert } from "node:assert";
import { type CliChild, spawnCli } from "../../testing/cli_process.ts";
import { until } from "../../testing/local_clients.ts";
import { startRedis } from "./redis_test_server.ts";

interface Subscriber {
  received: string[];
  done: Promise<void>;
}

// A raw long-poll client that, when its server goes away, resumes on the next live one from
// the last timetoken it had.
function subscribe(
  urls: string[],
  start: number,
  uuid: string,
  alive: () => boolean[],
  signal: AbortSignal,
): Subscriber {
  const received: string[] = [];
  const done = (async () => {
    let server = start;
    let tt = "0";
    while (!signal.aborted) {
      const url = `${urls[server]}/v2/subscribe/demo/room/0?tt=${tt}&uuid=${uuid}&heartbeat=60`;
      try {
        const body = await (await fetch(url, { signal })).json();
        for (const m of body.m ?? []) received.push(m.d);
        tt = body.t.t;
      } catch {
        if (signal.aborted) return;
        const live = alive();
        do server = (server + 1) % urls.length; while (!live[server]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  })();
  return { received, done };
}

Deno.test("three processes on one Redis: messages, presence and history across; a kill -9 loses nothing", async () => {
  const redis = await startRedis();
  const servers: CliChild[] = [];
  const stop = new AbortController();
  let subscribers: Subscriber[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      servers.push(spawnCli(["serve", "--port", "0", "--quiet", "--redis", redis.url], 60_000));
    }
    const urls = await Promise.all(
      servers.map(async (s) =>
        (await s.waitFor(/^listening on /, "stdout", 20_000)).replace("listening on ", "")
      ),
    );
    const alive = [true, true, true];
    subscribers = [0, 1, 2].map((i) => subscribe(urls, i, `s${i}`, () => alive, stop.signal));
    const occupancy = async (url: string) =>
      (await (await fetch(`${url}/v2/presence/sub-key/demo/channel/room`)).json()).occupancy;
    let seen = 0;
    const deadline = Date.now() + 10_000;
    while ((seen = await occupancy(urls[0])) !== 3) {
      assert.ok(Date.now() < deadline, `occupancy ${seen}, not 3, seen from the first process`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const sent: string[] = [];
    for (let i = 0; i < 60; i++) {
      if (i === 30) {
        servers[2].kill("SIGKILL"); // mid-stream, while its subscriber waits on it
        alive[2] = false;
        await servers[2].finished;
      }
      const live = [0, 1, 2].filter((s) => alive[s]);
      const url = urls[live[i % live.length]];
      const message = `m${i}`;
      const answer = await fetch(
        `${url}/publish/demo/demo/0/room/0/${encodeURIComponent(`"${message}"`)}`,
      );
      assert.equal(answer.status, 200, await answer.text());
      sent.push(message);
    }
    for (const [i, s] of subscribers.entries()) {
      await until(
        () => s.received.length >= 60,
        `subscriber ${i}: all 60 (has ${s.received.length})`,
        10_000,
      );
      assert.deepEqual(s.received, sent, `subscriber ${i}: every message once, in order`);
    }
    const history = await (await fetch(`${urls[1]}/v2/history/sub-key/demo/channel/room?count=100`))
      .json();
    assert.deepEqual(history[0], sent);
  } finally {
    stop.abort();
    await Promise.all(subscribers.map((s) => s.done));
    for (const s of servers) s.kill("SIGTERM");
    await Promise.all(servers.map((s) => s.finished));
    await redis.stop();
  }
});
