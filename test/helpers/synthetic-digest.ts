/** Digests for papers made up by a test, in the generator's Markdown format (see seeds/). */

export interface SyntheticPaper {
  id: string;
  title: string;
  tldr: string;
  authors?: string[];
}

/** A digest in the generator's Markdown format (see seeds/), for papers made up by a test. */
export function digestMarkdown(papers: SyntheticPaper[], category = "cs.LG"): string {
  const entries = papers.map(
    (paper, index) => `### [${index + 1}] [${paper.title}](https://arxiv.org/abs/${paper.id})
*${(paper.authors ?? ["Ada Lovelace", "Alan Turing"]).join(",")}*

Main category: ${category}

TL;DR: ${paper.tldr}


<details>
  <summary>Details</summary>
Motivation: Motivation of ${paper.id}.

Method: Method of ${paper.id}.

Result: Result of ${paper.id}.

Conclusion: Conclusion of ${paper.id}.

Abstract: Abstract of ${paper.id}. ${paper.tldr}

</details>
`,
  );
  return `<div id=toc></div>

# Table of Contents

- [${category}](#${category}) [Total: ${papers.length}]


<div id='${category}'></div>

# ${category} [[Back]](#toc)

${entries.join("\n\n")}
`;
}
