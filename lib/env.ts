import proxyaddr from "proxy-addr";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** Every setting the app reads at run time, with the defaults of the embedded set-up. */
const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .min(1, "DATABASE_URL must point at a PostgreSQL database (npm start sets it for the embedded one)"),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (npm start generates one)"),
    /**
     * A direct connection to PostgreSQL for what needs a session of its own
     * (the LISTEN connection of live updates), when DATABASE_URL goes through
     * a pooler in transaction mode such as PgBouncer. Unset: DATABASE_URL.
     */
    DATABASE_DIRECT_URL: z
      .string()
      .min(
        1,
        "DATABASE_DIRECT_URL, when set, must point at the same database as DATABASE_URL without a pooler in between",
      )
      .optional(),
    /**
     * Named prepared statements (each connection plans a statement once).
     * `false` behind a pooler in transaction mode that does not keep them
     * from one transaction to the next (PgBouncer before 1.21).
     */
    PARALLAX_DB_PREPARED_STATEMENTS: booleanFlag.default(true),
    PARALLAX_ALLOW_SIGNUP: booleanFlag.default(true),
    /** Load the demo project and accounts at start-up (and mention them on the sign-in page). */
    PARALLAX_SEED_DEMO: booleanFlag.default(true),
    /**
     * The reverse proxies in front of the app, as addresses or CIDR ranges
     * (comma-separated; also `loopback`, `linklocal`, `uniquelocal`): only a
     * request from one of them may name the client in X-Forwarded-For. Unset:
     * none, the socket's own address is the client's.
     */
    PARALLAX_TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine(
        (entries) => {
          try {
            proxyaddr.compile(entries);
            return true;
          } catch {
            return false;
          }
        },
        {
          message:
            "PARALLAX_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges (e.g. 10.0.0.0/8, ::1)",
        },
      ),
    /** Connections per app instance. */
    PARALLAX_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /**
     * How often an open live stream checks again that its reader still has
     * access (changes to memberships, tokens and sessions are checked at once;
     * this catches the rest, such as a token reaching its expiry).
     */
    PARALLAX_LIVE_RECHECK_SECONDS: z.coerce.number().int().min(1).max(30).default(30),
    /**
     * How often each instance sends the live notifications that no instance
     * sent right after its write (writes of scripts or plain SQL, an instance
     * that died in between): the longest such a change takes to reach readers.
     */
    PARALLAX_OUTBOX_SWEEP_MS: z.coerce.number().int().min(50).max(60_000).default(500),
    /**
     * Hosts the import by URL may fetch from although they resolve to a
     * loopback, private or otherwise internal address (an intranet's news
     * archive, the tests' own page server): comma-separated `host` (any port)
     * or `host:port` entries, as written in the URL. Unset: none.
     */
    PARALLAX_FETCH_ALLOW: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** How long one import by URL may take, redirects and reading the page included. */
    PARALLAX_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /**
     * Single sign-on through an OpenID Connect provider (Google Workspace,
     * Microsoft Entra ID, Okta, Keycloak…): its issuer URL and this app's
     * client id and secret there, all three or none; the sign-in button says
     * "Continue with AUTH_OIDC_NAME".
     */
    AUTH_OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: "AUTH_OIDC_ISSUER must be the provider's issuer URL" })
      .optional(),
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
  })
  .refine(
    ({ AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET }) =>
      [0, 3].includes([AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET].filter(Boolean).length),
    {
      message: "single sign-on needs AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET together",
      path: ["AUTH_OIDC_ISSUER"],
    },
  );

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The validated settings; throws with every problem named when one is missing or wrong. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Parallax is not configured:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
