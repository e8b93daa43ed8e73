import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";

const seeds = path.resolve(import.meta.dirname, "../../prisma/seed/articles");

/** The demo's two reports, as the pages the import by URL tests fetch. */
export const SAVED_PAGES = {
  commando: {
    title: "Afghans mourn a commando as the Taliban step up attacks",
    outlet: "Kabul Desk",
    text: readFileSync(path.join(seeds, "000_b5622c5356c6c267.txt"), "utf8"),
  },
  resistance: {
    title: "Desperate Afghans Fight Back Against Taliban",
    outlet: "Western Desk",
    text: readFileSync(path.join(seeds, "001_2efd4ead4b9c702b.txt"), "utf8"),
  },
} as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[character]!);

/** A news page as a site serves it: a header and footer around the article's paragraphs. */
function articlePage({ title, outlet, text }: { title: string; outlet: string; text: string }): string {
  const paragraphs = text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("\n");
  // Its publisher in JSON-LD, as news sites write it: two outlets served from this one host stay two outlets.
  const publisher = {
    "@type": "Organization",
    name: outlet,
    url: `https://${outlet.replace(/\W/g, "").toLowerCase()}.example/`,
  };
  const jsonLd = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: title,
    publisher,
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta property="og:site_name" content="${escapeHtml(outlet)}">
<script type="application/ld+json">${jsonLd.replaceAll("<", "\\u003c")}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>${escapeHtml(title)}</h1>${paragraphs}</article>
<footer>© ${escapeHtml(outlet)}. Subscribe for more.</footer></body></html>`;
}

/** Writes `body` with `type` and `status`. */
function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type });
  response.end(body);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location });
  response.end();
}

/** 6 MB in chunks with no Content-Length: only counting while reading finds it too large. */
function sendHuge(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "text/html" });
  const chunk = `<p>${"word ".repeat(13_000)}</p>\n`;
  let sent = 0;
  const more = () => {
    while (sent < 6 * 1024 * 1024) {
      sent += chunk.length;
      if (!response.write(chunk)) {
        response.once("drain", more);
        return;
      }
    }
    response.end();
  };
  more();
}

type Route = (response: ServerResponse, url: URL, port: number) => void;

/**
 * The site's pages by path (query strings are ignored: `?n=…` gives one page another URL). /redirect?to=URL
 * redirects once to anywhere; /chain/N redirects N times, then to the commando page; /loop for ever; /never
 * answers nothing and keeps the connection open.
 */
const ROUTES: Record<string, Route> = {
  "/articles/commando": (response) =>
    send(response, 200, "text/html; charset=utf-8", articlePage(SAVED_PAGES.commando)),
  "/articles/resistance": (response) =>
    send(response, 200, "text/html; charset=utf-8", articlePage(SAVED_PAGES.resistance)),
  "/plain": (response) => send(response, 200, "text/plain", SAVED_PAGES.commando.text),
  "/latin1": (response) => {
    const page = articlePage({ title: "Café reopens", outlet: "Gazette", text: `${"Le café rouvre. ".repeat(20)}\n` });
    send(response, 200, "text/html; charset=ISO-8859-1", Buffer.from(page, "latin1"));
  },
  "/redirect": (response, url) => redirect(response, url.searchParams.get("to") ?? "/"),
  "/loop": (response) => redirect(response, "/loop"),
  "/never": () => undefined,
  "/huge": sendHuge,
  "/image": (response) => send(response, 200, "image/png", Buffer.from("89504e470d0a1a0a", "hex")),
  "/error": (response) => send(response, 500, "text/html", "<h1>Internal Server Error</h1>"),
};

function answer(url: URL, response: ServerResponse, port: number): void {
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (chain) {
    const left = Number(chain[1]);
    redirect(response, left <= 1 ? `http://127.0.0.1:${port}/articles/commando${url.search}` : `/chain/${left - 1}`);
    return;
  }
  const route = ROUTES[url.pathname];
  if (route) route(response, url, port);
  else send(response, 404, "text/html", "<h1>Not found</h1>");
}

export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, the entry of PARALLAX_FETCH_ALLOW that lets the app fetch from it. */
  host: string;
  stop: () => Promise<void>;
}

/**
 * A web site of the tests' own on loopback, for the import by URL: saved news
 * pages, a plain text, a Latin-1 page, redirects (anywhere, in a chain, in a
 * loop), a page that never answers, one too large, an image and a 500.
 */
export async function startPageServer(port: number): Promise<PageServer> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) =>
    answer(new URL(request.url ?? "/", `http://127.0.0.1:${port}`), response, port),
  );
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The page server `npm test` started (its origin in TEST_PAGE_SERVER), for tests. */
export function pageServerOrigin(): string {
  const origin = process.env.TEST_PAGE_SERVER;
  if (!origin) throw new Error("TEST_PAGE_SERVER is not set: run the tests through `npm test`.");
  return origin;
}
