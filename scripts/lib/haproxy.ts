import path from "node:path";
import { waitForPort } from "./net.ts";
import { type ServiceUser, startService, writePrivateFile } from "./services.ts";

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

/** The header in which the balancer names the instance that answered. */
export const SERVED_BY = "x-served-by";

/**
 * HAProxy on 127.0.0.1:`port` in front of the app instances, as a
 * deployment sets it up: round robin; each instance checked on /api/health
 * every half second (out after two failures, back after two successes); a
 * request whose connection is refused goes to another instance (a request
 * already sent is never repeated: a write might be done twice); the client's
 * address appended to X-Forwarded-For; connections to the instances made
 * from `sourceAddress`, the one address the app trusts
 * (PARALLAX_TRUSTED_PROXIES).
 */
export async function startHaproxy(options: {
  program: string;
  folder: string;
  port: number;
  instances: { name: string; port: number }[];
  sourceAddress: string;
  user: ServiceUser;
}): Promise<Balancer> {
  const config = path.join(options.folder, "haproxy.cfg");
  writePrivateFile(
    options.user,
    config,
    `global
  maxconn 2000
  # Each request with its termination state, into haproxy.log.
  log stdout format raw local0


defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 60s
  # Live streams send a comment every 15 s: longer than that, a stream is idle.
  timeout server 60s
  retries 2
  option redispatch 1
  option forwardfor

frontend parallax
  bind 127.0.0.1:${options.port}
  default_backend instances

backend instances
  balance roundrobin
  option httpchk
  http-check send meth GET uri /api/health ver HTTP/1.1 hdr host localhost
  http-check expect status 200
  http-response set-header ${SERVED_BY} %[srv_name]
  default-server check inter 500ms fall 2 rise 2 source ${options.sourceAddress}
${options.instances.map((instance) => `  server ${instance.name} 127.0.0.1:${instance.port}`).join("\n")}
`,
  );
  const service = startService({
    program: options.program,
    args: ["-db", "-f", config],
    user: options.user,
    logFile: path.join(options.folder, "haproxy.log"),
    pidFile: path.join(options.folder, "haproxy.pid"),
  });
  await waitForPort(options.port, 10_000, service.exited);
  return { url: `http://127.0.0.1:${options.port}`, stop: () => service.stop() };
}
