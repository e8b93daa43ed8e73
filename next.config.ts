import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 for pages a role may not open.
  experimental: { authInterrupts: true },
  // For every answer, pages and API alike (proxy.ts adds the pages' Content-Security-Policy).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      // API answers are data, never a page to render or frame.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
  // Prisma's generated client and pg are server-side Node code: load them as is.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pdfkit", "fontkit", "linkedom", "@mozilla/readability"],
};

export default nextConfig;
