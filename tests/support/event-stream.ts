import { expect } from "vitest";
import { baseUrl } from "./api";

export type LiveEvent = { type: string; id?: string; annotationId?: string };

/**
 * Opens one of the API's event streams (`path`, with a token or a session
 * cookie) and collects its events; `ended` resolves when the server closes the
 * stream.
 */
export async function openEventStream(
  path: string,
  credentials: { token: string } | { cookie: string },
  url = baseUrl(),
) {
  const controller = new AbortController();
  const headers: Record<string, string> =
    "token" in credentials ? { authorization: `Bearer ${credentials.token}` } : { cookie: credentials.cookie };
  const response = await fetch(`${url}${path}`, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const events: LiveEvent[] = [];
  let endedByServer = false;
  const reading = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) {
          endedByServer = true;
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((line) => line.startsWith("data: "));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    events,
    /**
     * Resolves with the milliseconds it took the server to close the stream, or null if it stayed open for `withinMs`.
     */
    ended: async (withinMs: number) => {
      const started = Date.now();
      await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, withinMs))]);
      return endedByServer ? Date.now() - started : null;
    },
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

/** Waits until `check` holds, or `timeoutMs` has passed (the test's expectation then says what is missing). */
export const waitFor = async (check: () => boolean, timeoutMs = 5_000) => {
  for (const started = Date.now(); !check() && Date.now() - started < timeoutMs; )
    await new Promise((resolve) => setTimeout(resolve, 100));
};
