/**
 * A news page's metadata, in this order of trust: schema.org JSON-LD (lib/articles/json-ld), then Open Graph
 * and `<meta>`, then `<link rel="canonical">`, then `<time datetime>`; Readability's findings come last
 * (html-extraction). Read from the page before Readability, which removes scripts and rewrites the DOM.
 * Pure: runs on worker threads.
 */
import { readJsonLdArticle } from "./json-ld";
import { cleanOutletName, titleWithoutSiteName } from "./outlet-name";

export interface PageMetadata {
  title: string | null;
  authors: string[];
  sourceName: string | null;
  /** The outlet's homepage as the page states it. */
  publisherUrl: string | null;
  /** The canonical URL, else og:url, else the page's own. */
  url: string | null;
  /** Calendar dates (YYYY-MM-DD), as the page wrote them. */
  publishedAt: string | null;
  modifiedAt: string | null;
}

/** What Readability found, for what the page's metadata leaves open. */
export interface ReadabilityFindings {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
}

/** The API's own limits on these fields (lib/articles): a longer value is cut, not refused. */
const MAX_TITLE = 500;
const MAX_AUTHOR = 300;
const MAX_SOURCE_NAME = 200;
const MAX_URL = 2048;

/**
 * The calendar date a page states: the date part of an ISO date as written (a report dated in Kabul stays
 * on Kabul's date), else whatever `Date` reads ("Fri, 20 Aug 2021 10:00:00 GMT") in UTC; null for no date.
 */
export function calendarDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const written = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  const day = written ?? (Number.isNaN(Date.parse(value)) ? null : new Date(value).toISOString().slice(0, 10));
  if (!day || !/^\d{4}-/.test(day)) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : null;
}

/** An absolute http(s) URL, resolved against `base`, without its fragment; null for anything else. */
export function absoluteWebUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base ?? undefined);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href.length <= MAX_URL ? url.href : null;
  } catch {
    return null;
  }
}

const oneLine = (value: string | null | undefined) => value?.replace(/\s+/g, " ").trim() || null;
const cut = (value: string | null, max: number) => (value && value.length > max ? value.slice(0, max).trim() : value);

/** "By Ana Lopez" → "Ana Lopez"; a profile URL or an empty value is no name. */
function personName(value: string | null | undefined): string | null {
  const name = oneLine(value)?.replace(/^by\s+/i, "") ?? null;
  return name && !/^https?:\/\//i.test(name) && !/^@/.test(name) ? name : null;
}

/** Every `<meta>` content by its lower-cased property, name or itemprop, in page order. */
function metaValues(document: Document): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const meta of document.querySelectorAll("meta[content]")) {
    const key = (meta.getAttribute("property") ?? meta.getAttribute("name") ?? meta.getAttribute("itemprop"))
      ?.trim()
      .toLowerCase();
    const content = meta.getAttribute("content");
    if (key && content?.trim()) values.set(key, [...(values.get(key) ?? []), content]);
  }
  return values;
}

function canonicalHref(document: Document): string | null {
  for (const link of document.querySelectorAll("link[rel][href]")) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("canonical")) return link.getAttribute("href");
  }
  return null;
}

/** The publication time in the markup: marked as such first, then the article's, then any. */
function timeElementDate(document: Document): string | null {
  const selectors = [
    'time[itemprop="datePublished"][datetime]',
    "time[pubdate][datetime]",
    "article time[datetime]",
    "time[datetime]",
  ];
  for (const selector of selectors) {
    for (const time of document.querySelectorAll(selector)) {
      const day = calendarDay(time.getAttribute("datetime"));
      if (day) return day;
    }
  }
  return null;
}

/** The page's own metadata, before Readability runs; `pageUrl` is where the page was found, if known. */
export function readPageMetadata(document: Document, pageUrl: string | null): PageMetadata {
  const scripts = [...document.querySelectorAll('script[type="application/ld+json" i]')];
  const jsonLd = readJsonLdArticle(scripts.map((script) => script.textContent ?? ""));
  const meta = metaValues(document);
  const first = (...keys: string[]) => keys.flatMap((key) => meta.get(key) ?? [])[0] ?? null;
  const metaAuthors = ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"]
    .flatMap((key) => meta.get(key) ?? [])
    .map(personName)
    .filter((name): name is string => name !== null);
  const rawSiteName = oneLine(jsonLd?.publisherName) ?? oneLine(first("og:site_name", "application-name"));
  const siteName = rawSiteName ? cleanOutletName(rawSiteName) : null;
  const pageTitle = oneLine(first("og:title", "twitter:title"));
  return {
    title: oneLine(jsonLd?.headline) ?? (pageTitle ? titleWithoutSiteName(pageTitle, [rawSiteName, siteName]) : null),
    authors: jsonLd?.authors.length ? jsonLd.authors : [...new Set(metaAuthors)],
    sourceName: siteName,
    publisherUrl: absoluteWebUrl(jsonLd?.publisherUrl, pageUrl),
    url:
      absoluteWebUrl(canonicalHref(document), pageUrl) ??
      absoluteWebUrl(first("og:url"), pageUrl) ??
      absoluteWebUrl(jsonLd?.url, pageUrl) ??
      absoluteWebUrl(pageUrl, null),
    publishedAt:
      calendarDay(jsonLd?.datePublished) ??
      calendarDay(first("article:published_time", "og:article:published_time", "datepublished", "pubdate", "date")) ??
      timeElementDate(document),
    modifiedAt:
      calendarDay(jsonLd?.dateModified) ??
      calendarDay(first("article:modified_time", "og:updated_time", "datemodified", "last-modified")),
  };
}

/** The page's metadata with Readability's findings where the page has none, each cut to the API's limits. */
export function withReadabilityFindings(metadata: PageMetadata, found: ReadabilityFindings): PageMetadata {
  const siteName = metadata.sourceName ?? (oneLine(found.siteName) ? cleanOutletName(oneLine(found.siteName)!) : null);
  const foundTitle = oneLine(found.title);
  const byline = personName(found.byline);
  return {
    ...metadata,
    title: cut(metadata.title ?? (foundTitle ? titleWithoutSiteName(foundTitle, [siteName]) : null), MAX_TITLE),
    authors: metadata.authors.length ? metadata.authors : byline ? [byline] : [],
    sourceName: cut(siteName, MAX_SOURCE_NAME),
    publishedAt: metadata.publishedAt ?? calendarDay(found.publishedTime),
  };
}

/** The authors as one field: "Ana Lopez, Sam Reed", as many whole names as fit. */
export function authorLine(authors: string[]): string | null {
  let line = "";
  for (const author of authors) {
    const next = line ? `${line}, ${author}` : author;
    if (next.length > MAX_AUTHOR) break;
    line = next;
  }
  return line || cut(authors[0] ?? null, MAX_AUTHOR);
}
