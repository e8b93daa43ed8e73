// The entry of every worker thread of lib/workers/pool.ts: TypeScript is
// loaded through tsx (as `npm start` loads its scripts), then the tasks
// answer the pool's messages one at a time.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runTask } = await import(new URL("./tasks.ts", import.meta.url).href);

parentPort.on("message", async ({ name, input }) => {
  try {
    const { value, transfer } = await runTask(name, input);
    parentPort.postMessage({ ok: true, value }, transfer ?? []);
  } catch (error) {
    const { name: type, code, message, details } = error ?? {};
    parentPort.postMessage({
      ok: false,
      error: { type: String(type), code, message: String(message ?? error), details },
    });
  }
});
parentPort.postMessage({ ready: true });
