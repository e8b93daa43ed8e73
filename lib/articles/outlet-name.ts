/**
 * Outlet names as pages state them ("The Jerusalem Post | JPost.com", "Home - BBC News") made into the
 * outlet's own name, and the site a URL belongs to. Pure: runs on worker threads (html-extraction) and in
 * the app alike.
 */

/** What sites put between their name and a tagline or their domain: a bar, dash or dot with spaces around. */
const SEPARATOR = / (?:\||-|–|—|·) /;

/** Parts that name no outlet: a page's role or a tagline. */
const GENERIC_PART = new RegExp(
  "^(?:home(?: ?page)?|front ?page|news|online|video|live|top stories|official (?:web)?site|" +
    "(?:latest|breaking|top|world) news\\b.*)$",
  "i",
);

/** "JPost.com", "www.bbc.co.uk": a dot and no space. */
const looksLikeDomain = (part: string) => part.includes(".") && !/\s/.test(part);

const isMeaningful = (part: string) => part !== "" && !looksLikeDomain(part) && !GENERIC_PART.test(part);

const parts = (name: string) =>
  name
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The outlet's name without its site's suffixes: the first part (between ` | `, ` - `, ` – `, ` — `, ` · `)
 * that is neither a domain nor generic ("Home", "Breaking News…"). A name made only of such parts is kept
 * whole. Whitespace runs become one space; blank stays blank.
 */
export function cleanOutletName(name: string): string {
  const collapsed = name.replace(/\s+/g, " ").trim();
  return parts(collapsed).find(isMeaningful) ?? collapsed;
}

/**
 * A page title without the site's name it ends with ("Resistance retakes Deh Salah | The Jerusalem Post"):
 * trailing parts equal to one of `siteNames` (in any case), a domain or generic go; the first part stays.
 */
export function titleWithoutSiteName(title: string, siteNames: (string | null)[]): string {
  const collapsed = title.replace(/\s+/g, " ").trim();
  const names = new Set(siteNames.filter((name) => name !== null).map((name) => name.toLocaleLowerCase("en")));
  const matches = [...collapsed.matchAll(new RegExp(SEPARATOR, "g"))];
  let end = collapsed.length;
  for (const separator of matches.reverse()) {
    const tail = collapsed.slice(separator.index + separator[0].length, end).trim();
    if (!names.has(tail.toLocaleLowerCase("en")) && isMeaningful(tail)) break;
    end = separator.index;
  }
  return collapsed.slice(0, end).trim() || collapsed;
}

/** The host a URL is on, in lower case and without `www.`; null for no URL or not an http(s) one. */
export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.hostname.toLowerCase().replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
