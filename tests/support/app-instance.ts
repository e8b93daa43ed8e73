import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../../scripts/lib/net";

const root = path.resolve(import.meta.dirname, "../..");

/** A port on which nothing listens. */
export const unusedPort = freePort;

/**
 * Another instance of the built app with some settings changed, for behaviour
 * that depends on configuration. Resolves once it answers HTTP at all.
 */
export async function startAppInstance(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      cwd: root,
      stdio: "ignore",
      env: { ...process.env, ...env },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => void child.kill("SIGTERM");
  for (let attempt = 0; attempt < 240; attempt++) {
    if (
      await fetch(`${url}/api/health`).then(
        () => true,
        () => false,
      )
    )
      return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error("the second app instance did not start");
}
