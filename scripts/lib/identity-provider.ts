import { createServer } from "node:http";
import Provider from "oidc-provider";

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop: () => Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on loopback, for
 * the tests of single sign-on: its own sign-in page takes any login, and the
 * login is the account's email address ("unverified…" ones are reported as
 * not verified). `redirectUri` is the app's /api/auth/callback/oidc.
 */
export async function startIdentityProvider({
  port,
  redirectUri,
}: {
  port: number;
  redirectUri: string;
}): Promise<IdentityProvider> {
  // Another host name than the app's (localhost), as a real provider has: the two keep their cookies apart.
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "parallax";
  const clientSecret = "parallax-test-client-secret";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The app reads the ID token's claims, as next-auth does for OpenID Connect providers.
    conformIdTokenClaims: false,
    async findAccount(_context, login) {
      return {
        accountId: login,
        claims: () => ({
          sub: login,
          email: login,
          email_verified: !login.startsWith("unverified"),
          name: `SSO ${login.split("@")[0]}`,
        }),
      };
    },
    features: { devInteractions: { enabled: true } },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
