import type { TagGroupChoice, TagGroupKind } from "@/lib/generated/prisma/enums";

export interface DefaultTag {
  name: string;
  description: string;
  color: string;
  shortcut?: string;
}

export interface DefaultGroup {
  name: string;
  kind: TagGroupKind;
  description: string;
  /** single: one tag of the group per annotation at most. */
  choice: TagGroupChoice;
  /** An annotation needs a tag of the group before it is submitted or approved. */
  required: boolean;
  tags: DefaultTag[];
}

/**
 * The codebook every new project starts with (DESIGN.md). The frames are the
 * 15 dimensions of the Policy Frames Codebook (Boydstun et al., 2014), as used
 * by the Media Frames Corpus; the rhetoric tags follow the propaganda-technique
 * labels common in fact-checking research. Every tag has a key: the claim
 * types one each, the other groups a first key for the group (m for frames,
 * h for rhetoric, v for verdicts) and a second for the tag. Editors change all of it.
 */
export const DEFAULT_CODEBOOK: DefaultGroup[] = [
  {
    name: "claim type",
    kind: "CLAIM_TYPE",
    choice: "single",
    required: true,
    description: "What kind of claim the passage makes.",
    tags: [
      {
        name: "factual claim",
        description: "States something as fact that can be checked.",
        color: "#2563eb",
        shortcut: "f",
      },
      { name: "statistic", description: "A number, figure or quantity.", color: "#0891b2", shortcut: "s" },
      {
        name: "quote/attribution",
        description: "Words or a claim attributed to a person or outlet.",
        color: "#7c3aed",
        shortcut: "q",
      },
      { name: "prediction", description: "A claim about what will happen.", color: "#c026d3", shortcut: "p" },
      { name: "opinion", description: "A judgement or view, not checkable as fact.", color: "#64748b", shortcut: "o" },
    ],
  },
  {
    name: "frame",
    kind: "FRAME",
    choice: "multiple",
    required: false,
    description: "The Policy Frames Codebook dimension the passage emphasises.",
    tags: [
      { name: "economic", description: "Costs, benefits, financial implications.", color: "#16a34a", shortcut: "me" },
      {
        name: "capacity and resources",
        description: "Availability of physical, human or financial resources.",
        color: "#65a30d",
        shortcut: "mc",
      },
      {
        name: "morality",
        description: "Religious or ethical implications, duty, honour.",
        color: "#9333ea",
        shortcut: "mm",
      },
      {
        name: "fairness and equality",
        description: "Equality or inequality in how rules, rewards or punishments are applied.",
        color: "#db2777",
        shortcut: "mf",
      },
      {
        name: "legality, constitutionality and jurisprudence",
        description: "Legal and constitutional rights, courts, the law.",
        color: "#4f46e5",
        shortcut: "ml",
      },
      {
        name: "policy prescription and evaluation",
        description: "Whether policies work, what should be done.",
        color: "#0d9488",
        shortcut: "mp",
      },
      {
        name: "crime and punishment",
        description: "Violations of law, enforcement, sentencing.",
        color: "#b91c1c",
        shortcut: "mr",
      },
      {
        name: "security and defense",
        description: "Threats to the welfare of a nation or group, military action.",
        color: "#1d4ed8",
        shortcut: "ms",
      },
      {
        name: "health and safety",
        description: "Health care, injury, sanitation, public safety.",
        color: "#059669",
        shortcut: "mh",
      },
      {
        name: "quality of life",
        description: "Effects on people's daily lives, wealth, mobility, happiness.",
        color: "#ca8a04",
        shortcut: "mq",
      },
      {
        name: "cultural identity",
        description: "Traditions, customs and values of a group.",
        color: "#c2410c",
        shortcut: "mi",
      },
      {
        name: "public opinion",
        description: "What the public thinks, polls, demonstrations.",
        color: "#0284c7",
        shortcut: "mu",
      },
      {
        name: "political",
        description: "Political actors, parties, partisan manoeuvring.",
        color: "#e11d48",
        shortcut: "mt",
      },
      {
        name: "external regulation and reputation",
        description: "Relations with other countries, international standing.",
        color: "#7e22ce",
        shortcut: "mx",
      },
      { name: "other", description: "A frame that fits none of the above.", color: "#78716c", shortcut: "mo" },
    ],
  },
  {
    name: "rhetoric",
    kind: "RHETORIC",
    choice: "multiple",
    required: false,
    description: "Persuasion techniques in the wording.",
    tags: [
      {
        name: "loaded language",
        description: "Words with strong emotional connotations.",
        color: "#dc2626",
        shortcut: "hl",
      },
      {
        name: "name calling",
        description: "Labelling the object of the claim as something feared or loved.",
        color: "#ea580c",
        shortcut: "hn",
      },
      {
        name: "flag-waving",
        description: "Appeals to patriotism or group identity.",
        color: "#d97706",
        shortcut: "hf",
      },
      {
        name: "appeal to fear",
        description: "Builds support by raising anxiety or panic.",
        color: "#9f1239",
        shortcut: "ha",
      },
      {
        name: "exaggeration/minimisation",
        description: "Makes something larger or smaller than it is.",
        color: "#a16207",
        shortcut: "he",
      },
      {
        name: "doubt",
        description: "Questions the credibility of someone or something.",
        color: "#475569",
        shortcut: "hd",
      },
      {
        name: "causal oversimplification",
        description: "One cause given for an issue with many.",
        color: "#be123c",
        shortcut: "hc",
      },
      {
        name: "whataboutism",
        description: "Deflects by pointing at an opponent's conduct.",
        color: "#92400e",
        shortcut: "hw",
      },
    ],
  },
  {
    name: "verdict",
    kind: "VERDICT",
    choice: "single",
    required: false,
    description: "The fact-check verdict on the claim.",
    tags: [
      {
        name: "unverified",
        description: "Not yet checked, or cannot be checked yet.",
        color: "#6b7280",
        shortcut: "vu",
      },
      { name: "accurate", description: "Checked and correct.", color: "#15803d", shortcut: "va" },
      {
        name: "misleading",
        description: "Partly true but gives a false impression.",
        color: "#d97706",
        shortcut: "vm",
      },
      { name: "false", description: "Checked and wrong.", color: "#b91c1c", shortcut: "vf" },
      { name: "unsupported", description: "No evidence offered or found for it.", color: "#7c2d12", shortcut: "vs" },
    ],
  },
];

/** The rules a group of `kind` starts with: the default codebook's for its kinds, else any number and optional. */
export function defaultRules(kind: TagGroupKind): { choice: TagGroupChoice; required: boolean } {
  const group = DEFAULT_CODEBOOK.find((candidate) => candidate.kind === kind);
  return group ? { choice: group.choice, required: group.required } : { choice: "multiple", required: false };
}
