// The Redis store under Node, from the installed package: `node redis_smoke.mjs SERVER MODE`.
// MODE "missing": ioredis is not installed, and asking for Redis fails with a message saying
// to install it. MODE "shared": a throwaway redis-server (free port, temporary directory), two
// servers on it; a message published through one reaches a long-poll on the other and is in the
// other's history. Prints "redis smoke: done" and must then exit by itself.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [serverModule, mode] = process.argv.slice(2);
const { startServer } = await import(serverModule);
const fail = (message) => {
  console.error(`redis smoke: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
};

if (mode === "missing") {
  const refused = await startServer({ port: 0, store: { redis: "redis://127.0.0.1:1" } }).then(
    () => fail("startServer with a Redis store succeeded without ioredis installed"),
    (error) => error,
  );
  if (!/npm install ioredis/.test(refused.message)) {
    fail(`the error does not say to install ioredis: ${refused.message}`);
  }
  console.log(`redis smoke: without ioredis: ${refused.message}`);
  console.log("redis smoke: done");
} else {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), "pubnub-ts-redis-"));
  const redis = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "no",
  ], { stdio: "ignore" });
  const started = new Promise((resolve, reject) => {
    redis.once(
      "error",
      (error) =>
        reject(
          new Error(
            `cannot start redis-server (${error.message}); apt-get install -y redis-server`,
          ),
        ),
    );
    redis.once("spawn", resolve);
  });
  const pong = () =>
    new Promise((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("PING\r\n"));
      socket.once(
        "data",
        (data) => (socket.destroy(), resolve(data.toString().startsWith("+PONG"))),
      );
      socket.once("error", () => resolve(false));
    });
  const servers = [];
  try {
    await started;
    const deadline = Date.now() + 5000;
    while (!(await pong())) {
      if (Date.now() > deadline) fail(`redis-server did not answer on port ${port} within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const store = { redis: `redis://127.0.0.1:${port}`, prefix: "smoke:" };
    for (let i = 0; i < 2; i++) servers.push(await startServer({ port: 0, store }));
    const [a, b] = servers.map((s) => s.url);
    const get = async (url) => (await fetch(url)).json();
    const tt = (await get(`${b}/v2/subscribe/demo/ch/0?uuid=sub`)).t.t;
    const waiting = get(`${b}/v2/subscribe/demo/ch/0?uuid=sub&tt=${tt}`);
    const sent = await get(`${a}/publish/demo/demo/0/ch/0/%22across%22?uuid=pub`);
    if (sent[0] !== 1) fail(`publish through A failed: ${JSON.stringify(sent)}`);
    const got = await waiting;
    if (got.m?.[0]?.d !== "across") fail(`B's long-poll got ${JSON.stringify(got)}`);
    const history = await get(`${b}/v3/history/sub-key/demo/channel/ch`);
    if (history.channels?.ch?.[0]?.timetoken !== sent[2]) {
      fail(`B's history: ${JSON.stringify(history)}`);
    }
    console.log(
      `redis smoke: published through A, B's long-poll and history have it (tt ${sent[2]})`,
    );
  } finally {
    for (const server of servers) await server.close();
    redis.kill("SIGKILL");
    await new Promise((resolve) =>
      redis.exitCode !== null || redis.signalCode ? resolve() : redis.once("exit", resolve)
    );
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("redis smoke: done");
}
