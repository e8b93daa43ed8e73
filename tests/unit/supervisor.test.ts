import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeExit, type Supervised, supervise } from "../../scripts/lib/supervisor";

/** A real child process that exits by itself after `lifetimeMs` (or runs until stopped). */
function childProcess(lifetimeMs: number | null): Promise<Supervised> {
  const child = spawn(process.execPath, [
    "-e",
    lifetimeMs === null ? "setInterval(() => {}, 1000)" : `setTimeout(() => process.exit(3), ${lifetimeMs})`,
  ]);
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(describeExit(code, signal))),
  );
  return Promise.resolve({
    exited,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  });
}

describe("the process supervisor of npm start", () => {
  it("restarts a process that exits by itself, and gives up past the limit of restarts within the window", async () => {
    let starts = 0;
    const restart = () => {
      starts++;
      return childProcess(50);
    };
    const gaveUp = new Promise<string>((resolve) => {
      void childProcess(50).then((first) =>
        supervise({
          name: "the crasher",
          first,
          restart,
          giveUp: resolve,
          shutdown: new AbortController().signal,
          limit: { restarts: 3, windowMs: 60_000 },
        }),
      );
    });
    expect(await gaveUp).toBe("the crasher needed more than 3 restarts within 1 minute; stopping");
    expect(starts).toBe(3);
  });

  it("counts only the restarts within the window: a process that dies now and then runs on", async () => {
    let starts = 0;
    const restart = () => {
      starts++;
      return childProcess(starts < 4 ? 150 : null);
    };
    let reason: string | null = null;
    const supervisor = supervise({
      name: "the sometimes crasher",
      first: await childProcess(150),
      restart,
      giveUp: (why) => (reason = why),
      shutdown: new AbortController().signal,
      limit: { restarts: 2, windowMs: 200 },
    });
    for (const started = Date.now(); starts < 4 && Date.now() - started < 10_000; )
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts).toBe(4);
    expect(reason).toBeNull();
    await supervisor.stop();
  });

  it("restarts nothing once shutting down, and stop() stops the running process", async () => {
    const shutdown = new AbortController();
    let starts = 0;
    const first = await childProcess(null);
    const supervisor = supervise({
      name: "the server",
      first,
      restart: () => {
        starts++;
        return childProcess(null);
      },
      giveUp: () => {},
      shutdown: shutdown.signal,
    });
    shutdown.abort();
    await supervisor.stop();
    expect(await first.exited).toBe("killed by SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(starts).toBe(0);
  });
});
