import type { Paper, ParseWarning } from "../paper.js";

/** Collects papers in file order, keeping the first of duplicate ids, and the warnings of one file. */
export class PaperCollector {
  readonly papers: Paper[] = [];
  readonly warnings: ParseWarning[] = [];
  private readonly firstLine = new Map<string, number>();

  add(paper: Paper, line: number): void {
    const first = this.firstLine.get(paper.id);
    if (first !== undefined) {
      this.warn(line, "duplicate_paper", `line ${line}: paper ${paper.id} already appeared on line ${first}; kept the first`);
      return;
    }
    this.firstLine.set(paper.id, line);
    this.papers.push(paper);
  }

  warn(line: number, code: string, message: string): void {
    this.warnings.push({ line, code, message });
  }
}
