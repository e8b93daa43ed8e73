/** Signs in through next-auth's credentials endpoint, as the sign-in form does; `cookie` is what a browser then sends. */
export async function signInAt(appUrl: string, email: string, password: string): Promise<{ cookie: string; setCookies: string[] }> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const setCookies = response.headers.getSetCookie();
  return { cookie: [csrfCookie, ...setCookies.map((cookie) => cookie.split(";")[0])].join("; "), setCookies };
}
