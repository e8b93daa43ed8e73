import { env } from "@/lib/env";

/**
 * The demo a fresh install loads (prisma/seed). Fixed ids make the seed
 * idempotent: what exists is left alone, whatever users changed in it.
 */
export const DEMO_PROJECT = {
  id: "019ab000-0000-7000-8000-000000000001",
  name: "Afghan resistance, summer 2021",
  description:
    "Two outlets on Afghans taking up arms against the Taliban in August 2021: what each reports, what each leaves out, and how each frames it.",
};

export const DEMO_PASSWORD = "parallax-demo";

export const DEMO_ACCOUNTS = [
  { email: "editor@example.org", name: "Demo Editor", role: "EDITOR", password: DEMO_PASSWORD },
  { email: "reviewer@example.org", name: "Demo Reviewer", role: "REVIEWER", password: DEMO_PASSWORD },
] as const;

export const DEMO_ARTICLES = [
  {
    id: "019ab000-0000-7000-8000-000000000100",
    file: "000_b5622c5356c6c267.txt",
    // The text names neither headline nor outlet: both are editable.
    title: "Afghans rally behind their forces as the Taliban step up attacks",
    sourceName: "Unknown outlet",
  },
  {
    id: "019ab000-0000-7000-8000-000000000101",
    file: "001_2efd4ead4b9c702b.txt",
    title: null, // its first line is the headline
    sourceName: "The Western Journal",
  },
] as const;

export function isDemoSeeded(): boolean {
  return env().PARALLAX_SEED_DEMO;
}
