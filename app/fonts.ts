import localFont from "next/font/local";

/**
 * Vazirmatn's "Non-Latin" cut holds only Arabic-script glyphs: placed in the
 * font stacks after the Latin fonts, it draws Persian and Arabic words
 * correctly on machines that have no font for them.
 */
export const persianFont = localFont({
  src: [
    { path: "../node_modules/vazirmatn/misc/Non-Latin/fonts/webfonts/Vazirmatn-NL-Regular.woff2", weight: "400" },
    { path: "../node_modules/vazirmatn/misc/Non-Latin/fonts/webfonts/Vazirmatn-NL-Bold.woff2", weight: "700" },
  ],
  variable: "--font-persian",
  display: "swap",
});
