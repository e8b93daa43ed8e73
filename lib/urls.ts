/** A same-site path to return to after sign-in; anything else (other hosts, `//evil`) becomes /projects. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/projects";
  }
  return value;
}

/**
 * The host to show for an article's link, or null when the URL is not an
 * http(s) URL at all (the API refuses those, but older imports stored some):
 * then no link is made.
 */
export function webLinkHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.hostname : null;
  } catch {
    return null;
  }
}
