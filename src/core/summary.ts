/**
 * The short text a card shows, in the channel's summary language: the TL;DR as written, the abstract's
 * first sentences (English), or both — and the offsets that let highlight spans land on the shown words.
 */
import type { SummaryLanguage } from "./channel.js";
import type { Paper } from "./paper.js";

// Abbreviations that end in a period without ending a sentence.
const NOT_SENTENCE_END = /(?:\be\.g|\bi\.e|\bet al|\bvs|\bcf|\bFig|\bEq|\bSec|\bNo|\bapprox|\bresp|\bw\.r\.t|\b[A-Z])\.$/;

/** Offsets where each of the first `count` sentences ends (exclusive), found without regex backtracking. */
export function firstSentencesEnd(text: string, count: number): number {
  let found = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char !== "." && char !== "!" && char !== "?") continue;
    const next = text[i + 1];
    if (next !== undefined && next !== " " && next !== "\n") continue;
    if (char === "." && NOT_SENTENCE_END.test(text.slice(Math.max(0, i - 8), i + 1))) continue;
    found += 1;
    if (found === count) return i + 1;
  }
  return text.length;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER = /\p{L}/u;

/**
 * Whether a text reads as English rather than Chinese/Japanese/Korean: fewer than a fifth of its letters
 * are CJK, kana or hangul. One CJK character carries a word, so even a TL;DR dense with English acronyms
 * ("基于MoE的LLM推理框架") stays well above that share, while an English TL;DR quoting one term ("KV缓存")
 * stays far below it.
 */
export function isEnglishText(text: string): boolean {
  let letters = 0;
  let cjk = 0;
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    letters += 1;
    if (CJK.test(char)) cjk += 1;
  }
  return letters === 0 || cjk / letters < 0.2;
}

/** A piece of one field shown on a card. */
export interface SummaryPart {
  field: "tldr" | "abstract";
  text: string;
  /** Where `text` starts in the field's original text (for highlight spans). */
  offset: number;
}

export interface Summary {
  field: "tldr" | "abstract" | null;
  text: string;
  offset: number;
  /** One English sentence from the abstract under a non-English TL;DR (language `both`); null otherwise. */
  english: SummaryPart | null;
}

/** The abstract's first `sentences` sentences, with " …" when more follows. */
function abstractStart(abstract: string, sentences: number, ellipsis: boolean): SummaryPart {
  const end = firstSentencesEnd(abstract, sentences);
  const text = abstract.slice(0, end).trimEnd();
  return { field: "abstract", text: ellipsis && end < abstract.length ? `${text} …` : text, offset: 0 };
}

/**
 * `original`: the TL;DR as written. `en`: the abstract's first sentences, unless the TL;DR is itself English.
 * `both`: the TL;DR, then one English sentence from the abstract — just the TL;DR when it is English.
 * Without a TL;DR every language shows the abstract's first sentences; without an abstract, the TL;DR.
 */
export function cardSummary(paper: Paper, language: SummaryLanguage = "both", sentences = 2): Summary {
  const { tldr, abstract } = paper;
  if (tldr && (language === "original" || !abstract || isEnglishText(tldr))) return { field: "tldr", text: tldr, offset: 0, english: null };
  if (tldr && abstract && language === "both") return { field: "tldr", text: tldr, offset: 0, english: abstractStart(abstract, 1, false) };
  if (abstract) return { ...abstractStart(abstract, sentences, true), english: null };
  return { field: null, text: "", offset: 0, english: null };
}

export function shortenAuthors(authors: string[], keep = 3): string {
  if (authors.length === 0) return "unknown authors";
  if (authors.length <= keep) return authors.join(", ");
  return `${authors.slice(0, keep).join(", ")} et al.`;
}
