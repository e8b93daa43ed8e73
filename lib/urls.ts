/** A same-site path to return to after sign-in; anything else (other hosts, `//evil`) becomes /projects. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/projects";
  }
  return value;
}
