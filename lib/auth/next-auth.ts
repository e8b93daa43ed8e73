import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/auth/client-address";
import { checkCredentials, credentialsInput } from "@/lib/auth/credentials";
import { tooManyAttempts } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { endSessionsOf, userForSingleSignOn } from "@/lib/users";

/** The id of the single sign-on provider in next-auth's routes (/api/auth/callback/oidc). */
export const SINGLE_SIGN_ON = "oidc";

/** The name on the single sign-on button, or null when no provider is configured. */
export function singleSignOnName(): string | null {
  return env().AUTH_OIDC_ISSUER ? env().AUTH_OIDC_NAME : null;
}

const RATE_LIMITED_CODE = /^rate_limited:(\d+)$/;

/**
 * What authorize throws when the rate limit refuses an attempt. next-auth
 * turns other errors into a generic "Configuration" failure, but passes a
 * CredentialsSignin on with its `code`: to server actions as this error, to
 * its own HTTP endpoint as `?code=` of the redirect it answers.
 */
class SignInRateLimited extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}

/** The 429 that a refused sign-in's code (SignInRateLimited) stands for, or null for any other. */
export function rateLimitOfSignIn(code: unknown): AppError | null {
  const match = typeof code === "string" ? RATE_LIMITED_CODE.exec(code) : null;
  return match ? tooManyAttempts(Number(match[1])) : null;
}

/**
 * Sign-in with email and password (next-auth Credentials), and with the
 * newsroom's OpenID Connect provider when AUTH_OIDC_* configure one; JWT
 * sessions. The token carries our user id and the user's session version:
 * raising the version in the database ends every session issued before
 * (see session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const settings = env();
  return {
    secret: settings.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = credentialsInput.safeParse({ email: raw?.email, password: raw?.password });
          if (!parsed.success) return null;
          const user = await checkCredentials(
            parsed.data.email,
            parsed.data.password,
            clientAddress(request.headers),
          ).catch((error: unknown) => {
            const retryAfterSeconds =
              error instanceof AppError && error.code === "rate_limited"
                ? (error.details as { retryAfterSeconds: number }).retryAfterSeconds
                : null;
            throw retryAfterSeconds === null ? error : new SignInRateLimited(retryAfterSeconds);
          });
          return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
        },
      }),
      ...(settings.AUTH_OIDC_ISSUER
        ? [
            {
              id: SINGLE_SIGN_ON,
              name: settings.AUTH_OIDC_NAME,
              type: "oidc" as const,
              issuer: settings.AUTH_OIDC_ISSUER,
              clientId: settings.AUTH_OIDC_ID,
              clientSecret: settings.AUTH_OIDC_SECRET,
            },
          ]
        : []),
    ],
    events: {
      // next-auth's own POST /api/auth/signout ends every session of the user, as the app's Sign out does (a copied
      // cookie stops working too).
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (typeof token?.sub === "string")
          await endSessionsOf(token.sub, typeof token.sessionVersion === "number" ? token.sessionVersion : 0);
      },
    },
    callbacks: {
      // next-auth makes up a user id for a provider's sign-in: ours is the account with the provider's email.
      async signIn({ user, account, profile }) {
        if (account?.provider !== SINGLE_SIGN_ON) return true;
        const found = await userForSingleSignOn(profile);
        if (!found) return false; // to the sign-in page, which says why
        Object.assign(user, { id: found.id, sessionVersion: found.sessionVersion });
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sessionVersion: token.sessionVersion };
      },
    },
  };
});
