import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { persianFont } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parallax", template: "%s · Parallax" },
  description: "Compare how news outlets report the same events.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={persianFont.variable}>
      <body className="min-h-screen font-sans">
        <a
          href="#main"
          className={`sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded
            focus:bg-white focus:px-3 focus:py-2`}
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </body>
    </html>
  );
}
