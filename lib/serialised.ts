/**
 * Runs `task` one at a time: a call while it runs makes it run once more
 * afterwards (a burst of calls costs at most two runs). Returns
 * when the runs are done.
 */
export function serialised(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let isWanted = false;
  return () => {
    if (running) {
      isWanted = true;
      return running;
    }
    running = (async () => {
      do {
        isWanted = false;
        await task();
      } while (isWanted);
    })().finally(() => (running = null));
    return running;
  };
}
