import type { Paper } from "../paper.js";
import { arxivAbsUrl } from "./arxiv-id.js";
import type { EntryHeading } from "./heading.js";
import { fieldOrNull } from "./placeholders.js";
import { joinFieldLines, unwrapParagraphs } from "./unwrap.js";

export type TextFieldName = "tldr" | "motivation" | "method" | "result" | "conclusion" | "abstract";

/** An entry while its lines are being read. */
export interface EntryDraft {
  heading: EntryHeading;
  /** 1-based line of the heading. */
  line: number;
  section: string | null;
  authors: string[] | null;
  mainCategory: string | null;
  fields: Partial<Record<TextFieldName, string[]>>;
}

export function newDraft(heading: EntryHeading, line: number, section: string | null): EntryDraft {
  return { heading, line, section, authors: null, mainCategory: null, fields: {} };
}

export function draftToPaper(d: EntryDraft): Paper {
  const category = d.mainCategory ?? d.section;
  const ai = (name: TextFieldName): string | null => {
    const lines = d.fields[name];
    return lines === undefined ? null : fieldOrNull(joinFieldLines(lines));
  };
  const abstractLines = d.fields.abstract;
  return {
    id: d.heading.id,
    title: d.heading.title,
    authors: d.authors ?? [],
    categories: category === null || category === "" ? [] : [category],
    url: arxivAbsUrl(d.heading.id),
    tldr: ai("tldr"),
    motivation: ai("motivation"),
    method: ai("method"),
    result: ai("result"),
    conclusion: ai("conclusion"),
    abstract: abstractLines === undefined ? null : fieldOrNull(unwrapParagraphs(abstractLines)),
  };
}
