/** Papers made up by tests: every field present, AI fields absent unless a test gives them. */
import type { ArchivedPaper, Paper } from "../../src/core/paper.js";

export function makePaper(id: string, fields: Partial<Paper> = {}): Paper {
  return {
    id,
    title: "",
    authors: [],
    categories: ["cs.LG"],
    url: `https://arxiv.org/abs/${id}`,
    tldr: null,
    motivation: null,
    method: null,
    result: null,
    conclusion: null,
    abstract: null,
    ...fields,
  };
}

/** The same, as the archive returns it: seen on one date. */
export function makeArchivedPaper(id: string, seen: string, fields: Partial<ArchivedPaper> = {}): ArchivedPaper {
  return { ...makePaper(id, fields), firstSeen: seen, lastSeen: seen, ...fields };
}
