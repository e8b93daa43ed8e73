import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 for pages a role may not open.
  experimental: { authInterrupts: true },
  // Prisma's generated client and pg are server-side Node code: load them as is.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@react-pdf/renderer", "linkedom", "@mozilla/readability"],
};

export default nextConfig;
