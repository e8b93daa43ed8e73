import { env } from "@/lib/env";

/**
 * The demo a fresh install loads (prisma/seed). Fixed ids make the seed
 * idempotent: what exists is left alone, whatever users changed in it.
 */
export const DEMO_PROJECT = {
  id: "019ab000-0000-7000-8000-000000000001",
  name: "Afghan resistance, summer 2021",
  description:
    "Two outlets on Afghans taking up arms against the Taliban in August 2021: what each reports, what each leaves " +
    "out, " +
    "and how each frames it.",
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

const A = DEMO_ARTICLES[0].id;
const B = DEMO_ARTICLES[1].id;
const demoId = (n: number) => `019ab000-0000-7000-8000-${n.toString().padStart(12, "0")}`;

/** Events of the demo comparison: some both articles report, some only one. */
export const DEMO_EVENTS = [
  {
    id: demoId(200),
    title: "Taliban offensive across Afghanistan",
    date: "2021-08-06",
    dateEnd: "2021-08-15",
    place: "Afghanistan",
  },
  {
    id: demoId(201),
    title: "Armed citizens rise against the Taliban",
    date: "2021-08-10",
    dateEnd: "2021-08-20",
    place: "Takhar, Balkh, Badghis, Baghlan",
  },
  {
    id: demoId(202),
    title: "Resistance retakes three Baghlan districts",
    date: "2021-08-20",
    place: "Pol-e-Hesar, Deh Salah and Banu, Baghlan",
  },
  {
    id: demoId(203),
    title: "U.S. withdrawal from Afghanistan",
    date: "2021-08-15",
    dateEnd: "2021-08-31",
    place: "Kabul",
  },
  { id: demoId(204), title: "Commando Sohrab Azimi killed and honoured", date: "2021-08-01", place: "Afghanistan" },
] as const;

type DemoEventId = (typeof DEMO_EVENTS)[number]["id"];
type Stance = "ASSERTS" | "DISPUTES" | "QUALIFIES" | "MENTIONS";

/** A demo claim: a quote (offsets are computed from it), tags by name, and the events it is linked to. */
export interface DemoClaim {
  id: string;
  articleId: string;
  quote: string;
  tags: string[];
  note?: string;
  links: { eventId: DemoEventId; stance: Stance; attributedTo?: string }[];
}

/** The reviewer coded the first article, the editor the second. */
export const DEMO_CLAIMS: DemoClaim[] = [
  {
    id: demoId(300),
    articleId: A,
    quote: "the Taliban stepped up their attacks across the country",
    tags: ["factual claim", "security and defense"],
    links: [{ eventId: demoId(200), stance: "ASSERTS" }],
  },
  {
    id: demoId(301),
    articleId: A,
    quote: "a young Afghan Special Operations leader named Sohrab Azimi",
    tags: ["factual claim", "unverified"],
    links: [{ eventId: demoId(204), stance: "ASSERTS" }],
  },
  {
    id: demoId(302),
    articleId: A,
    quote: "the Pakistani-funded Taliban offensive",
    tags: ["factual claim", "loaded language", "external regulation and reputation", "unsupported"],
    note: "No source for the funding claim.",
    links: [{ eventId: demoId(200), stance: "MENTIONS" }],
  },
  {
    id: demoId(303),
    articleId: A,
    quote: "Armed Afghans, men and women, have taken to the streets in Takhar, Balkh, Badghis and Baghlan",
    tags: ["factual claim", "security and defense", "flag-waving"],
    links: [{ eventId: demoId(201), stance: "ASSERTS" }],
  },
  {
    id: demoId(304),
    articleId: A,
    quote: "losing fighters by the hundreds each day",
    tags: ["statistic", "exaggeration/minimisation", "unsupported"],
    note: "No figures or source given.",
    links: [{ eventId: demoId(200), stance: "QUALIFIES" }],
  },
  {
    id: demoId(305),
    articleId: A,
    quote: "the Taliban only have their cheap Pakistani watches to hold on to",
    tags: ["opinion", "name calling", "cultural identity"],
    links: [],
  },
  {
    id: demoId(306),
    articleId: A,
    quote: "as the NATO military force departs",
    tags: ["factual claim", "security and defense"],
    links: [{ eventId: demoId(203), stance: "MENTIONS" }],
  },
  {
    id: demoId(307),
    articleId: B,
    quote: "the disastrous fallout from the U.S. withdrawal from Afghanistan",
    tags: ["opinion", "loaded language", "political"],
    links: [{ eventId: demoId(203), stance: "ASSERTS" }],
  },
  {
    id: demoId(308),
    articleId: B,
    quote: "the terror group swept across the country",
    tags: ["factual claim", "loaded language", "security and defense"],
    links: [{ eventId: demoId(200), stance: "ASSERTS" }],
  },
  {
    id: demoId(309),
    articleId: B,
    quote: "the Afghan people appear to have begun the process of taking matters into their own hands",
    tags: ["factual claim", "security and defense"],
    links: [{ eventId: demoId(201), stance: "ASSERTS" }],
  },
  {
    id: demoId(310),
    articleId: B,
    quote:
      "the Afghan flag had been hoisted once again in the Pol-e-Hesar, Deh Salah and Banu districts of Baghlan " +
      "province",
    tags: ["factual claim", "unverified"],
    links: [{ eventId: demoId(202), stance: "ASSERTS", attributedTo: "reports circulating on Friday" }],
  },
  {
    id: demoId(311),
    articleId: B,
    quote: "about 60 Taliban fighters were injured",
    tags: ["statistic", "unverified"],
    note: "Find Newsweek's own source.",
    links: [{ eventId: demoId(202), stance: "ASSERTS", attributedTo: "Newsweek" }],
  },
  {
    id: demoId(312),
    articleId: B,
    quote: "the Afghan outlet Asvaka News Agency reported that “a number” of Taliban were killed",
    tags: ["quote/attribution"],
    links: [{ eventId: demoId(202), stance: "ASSERTS", attributedTo: "Asvaka News Agency" }],
  },
  {
    id: demoId(313),
    articleId: B,
    quote: "the Indian outlet Republic World reported that Pol-e-Hesar had been freed from Taliban control",
    tags: ["quote/attribution"],
    links: [{ eventId: demoId(202), stance: "ASSERTS", attributedTo: "Republic World" }],
  },
  {
    id: demoId(314),
    articleId: B,
    quote: "there had been some confusion over whether the districts had been recaptured",
    tags: ["quote/attribution", "doubt"],
    links: [{ eventId: demoId(202), stance: "QUALIFIES", attributedTo: "Newsweek" }],
  },
  {
    id: demoId(315),
    articleId: B,
    quote: "resistance commander Abdul Hamid said the militia was advancing toward the Khenhan district",
    tags: ["quote/attribution"],
    links: [{ eventId: demoId(202), stance: "MENTIONS", attributedTo: "Iran International" }],
  },
  {
    id: demoId(317),
    articleId: B,
    quote: "Aśvaka – آسواکا News Agency",
    tags: ["quote/attribution"],
    note: "The outlet's tweet, quoted with its Persian name.",
    links: [{ eventId: demoId(202), stance: "MENTIONS", attributedTo: "Asvaka News Agency" }],
  },
  {
    id: demoId(316),
    articleId: B,
    quote: "The Afghan people have been fighting among themselves for decades",
    tags: ["opinion", "causal oversimplification", "misleading"],
    note: "Frames the uprising as endless infighting.",
    links: [{ eventId: demoId(201), stance: "QUALIFIES" }],
  },
  // The first article says it too ("for almost two decades"): the editor gets it as a phrase suggestion there.
  {
    id: demoId(340),
    articleId: B,
    quote: "two decades",
    tags: ["factual claim"],
    links: [],
  },
];

/**
 * The editor coded part of the first article a second time, on their own, so
 * that the demo has agreement to measure and adjudication to show: passages
 * coded alike, with other tags or stances, and with other boundaries. Each
 * unit was settled in adjudication: the reviewer's claim it `settles` was
 * accepted and the editor's own version rejected, so the comparison counts
 * each passage once.
 */
export const DEMO_SECOND_CODINGS: (DemoClaim & { settles: string })[] = [
  secondCoding(400, 300, {}),
  secondCoding(401, 302, {
    tags: ["factual claim", "loaded language", "external regulation and reputation", "unverified"],
    note: "Pakistan's support is reported elsewhere; this article gives no source for it.",
    links: [{ eventId: demoId(200), stance: "ASSERTS" }],
  }),
  secondCoding(402, 303, {
    quote:
      "Armed Afghans, men and women, have taken to the streets in Takhar, Balkh, Badghis and Baghlan, " +
      "Mazar-e-Sharif, and beyond",
    tags: ["factual claim", "security and defense", "unverified"],
  }),
  secondCoding(403, 304, {
    quote: "the Taliban are losing fighters by the hundreds each day",
    links: [{ eventId: demoId(200), stance: "ASSERTS" }],
  }),
  secondCoding(404, 305, { tags: ["opinion", "name calling", "external regulation and reputation"] }),
];

/**
 * The editor's coding `n` of the reviewer's claim `settles`: the same
 * passage, tags and links (and no note), but for `changes`.
 */
function secondCoding(
  n: number,
  settles: number,
  changes: Partial<Pick<DemoClaim, "quote" | "tags" | "note" | "links">>,
): DemoClaim & { settles: string } {
  const { note: _note, ...settled } = DEMO_CLAIMS.find((claim) => claim.id === demoId(settles))!;
  return { ...settled, ...changes, id: demoId(n), settles: settled.id };
}

export function isDemoSeeded(): boolean {
  return env().PARALLAX_SEED_DEMO;
}
