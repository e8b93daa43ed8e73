import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { checkCredentials, credentialsInput } from "@/lib/auth/credentials";
import { addressOf } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";

/**
 * Sign-in with email and password (next-auth Credentials) and JWT sessions.
 * The token carries the user id and the user's session version: raising the
 * version in the database ends every session issued before (see session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsInput.safeParse({ email: raw?.email, password: raw?.password });
        if (!parsed.success) return null;
        const user = await checkCredentials(parsed.data.email, parsed.data.password, addressOf(request.headers));
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
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
}));
