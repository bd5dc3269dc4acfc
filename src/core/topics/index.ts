/**
 * The topic index: many topics compiled once, filed under the rarest term each one requires. A paper
 * looks up its own keys and verifies only the topics found there, so the cost of a digest grows with its
 * papers and the topics that (nearly) match them — not with the number of topics loaded.
 *
 * Topics that compile to the same thing (`LLM`, `llm`, `LLMs` in a thousand channels) share one entry,
 * and clauses shared between topics are evaluated once per paper. `add` and `remove` are incremental.
 */
import type { Paper } from "../paper.js";
import type { TopicError } from "./ast.js";
import { chooseKeys, splitQualified } from "./choose-keys.js";
import { compileTopicText } from "./compile.js";
import type { CompiledClause, CompiledTopic } from "./compile.js";
import type { TopicLimits } from "./limits.js";
import { clauseHolds } from "./match.js";
import { IndexMatch, type PaperMatches } from "./index-match.js";
import { forEachBigram, forEachCjkBigram, paperCjkChars, preparePaper } from "./prepare.js";
import type { PreparedPaper } from "./prepare.js";
import { topicSignature, clauseSignature } from "./signature.js";
import { DEFAULT_TERM_STATS } from "./term-stats.js";
import { splitBigram } from "./words.js";
import type { TermStats } from "./term-stats.js";

/** A clause shared by every topic that has it, with its result for the paper being matched. */
interface ClauseNode {
  clause: CompiledClause;
  users: number;
  round: number;
  holds: boolean;
}

interface Slot<Id> {
  signature: string;
  topic: CompiledTopic;
  nodes: ClauseNode[];
  members: Array<{ id: Id; text: string }>;
  keys: string[];
  /** Last lookup round this slot was collected in, to de-duplicate candidates without a Set. */
  round: number;
}

export interface TopicIndexOptions {
  /** Term frequencies to pick each topic's rarest term (default: built-in estimates). */
  stats?: TermStats;
  limits?: TopicLimits;
}

export class TopicIndex<Id = number> {
  private readonly byKey = new Map<string, Slot<Id>[]>();
  /** Slots filed under a CJK character (`c:` keys), by code point: papers list those on demand. */
  private readonly byCjk = new Map<number, Slot<Id>[]>();
  /** Slots filed under a pair of neighbouring CJK characters (two-character `c:` keys). */
  private readonly byCjkPair = new Map<number, Map<number, Slot<Id>[]>>();
  /** Slots of topics with a category clause, filed under (category, key) (`q:` keys), by category. */
  private readonly byCategory = new Map<string, Map<string, Slot<Id>[]>>();
  /** Slots filed under a pair of neighbouring words (`b:` keys), by first stem then second. */
  private readonly byBigram = new Map<string, Map<string, Slot<Id>[]>>();
  private readonly bySignature = new Map<string, Slot<Id>>();
  private readonly byText = new Map<string, Slot<Id>>();
  private readonly byId = new Map<Id, Slot<Id>>();
  private readonly clauses = new Map<string, ClauseNode>();
  private readonly stats: TermStats;
  private readonly limits: TopicLimits | undefined;
  private round = 0;

  constructor(options: TopicIndexOptions = {}) {
    this.stats = options.stats ?? DEFAULT_TERM_STATS;
    this.limits = options.limits;
  }

  /** Number of ids (topics as added). */
  get size(): number {
    return this.byId.size;
  }

  /** Number of distinct compiled topics. */
  get distinct(): number {
    return this.bySignature.size;
  }

  /** Adds (or replaces) the topic under `id`. Returns the syntax error instead when the text is invalid. */
  add(id: Id, topic: string | CompiledTopic): TopicError | null {
    let text: string;
    let slot: Slot<Id> | undefined;
    if (typeof topic === "string") {
      text = topic.trim();
      slot = this.byText.get(text);
      if (slot === undefined) {
        const result = compileTopicText(text, this.limits);
        if (!result.ok) return result.error;
        slot = this.slotFor(result.topic);
      }
    } else {
      text = topic.text;
      slot = this.slotFor(topic);
    }
    this.remove(id);
    slot.members.push({ id, text });
    this.byId.set(id, slot);
    this.byText.set(text, slot);
    return null;
  }

  remove(id: Id): boolean {
    const slot = this.byId.get(id);
    if (slot === undefined) return false;
    this.byId.delete(id);
    const at = slot.members.findIndex((m) => m.id === id);
    const [member] = slot.members.splice(at, 1);
    if (member !== undefined && !slot.members.some((m) => m.text === member.text)) this.byText.delete(member.text);
    if (slot.members.length === 0) this.dropSlot(slot);
    return true;
  }

  has(id: Id): boolean {
    return this.byId.has(id);
  }

  /** Every topic of the index that matches the paper. */
  matchPaper(paper: Paper | PreparedPaper): IndexMatch<Id>[] {
    const prepared = "postings" in paper ? paper : preparePaper(paper);
    const round = ++this.round;
    const out: IndexMatch<Id>[] = [];
    for (const key of prepared.keys) {
      const slots = this.byKey.get(key);
      if (slots !== undefined) this.verify(slots, prepared, round, out);
    }
    if (this.byCategory.size > 0) {
      for (const category of new Set(prepared.categories)) {
        const inner = this.byCategory.get(category);
        if (inner === undefined) continue;
        for (const key of prepared.keys) {
          const slots = inner.get(key);
          if (slots !== undefined) this.verify(slots, prepared, round, out);
        }
      }
    }
    if (this.byBigram.size > 0) {
      forEachBigram(prepared, (first, second) => {
        const slots = this.byBigram.get(first)?.get(second);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
      });
    }
    if (this.byCjkPair.size > 0) {
      forEachCjkBigram(prepared, (first, second) => {
        const slots = this.byCjkPair.get(first)?.get(second);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
      });
    }
    if (this.byCjk.size > 0) {
      for (const code of paperCjkChars(prepared)) {
        const slots = this.byCjk.get(code);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
      }
    }
    return out;
  }

  private verify(slots: Slot<Id>[], paper: PreparedPaper, round: number, out: IndexMatch<Id>[]): void {
    for (const slot of slots) {
      if (slot.round === round) continue;
      slot.round = round;
      if (!this.holds(slot, paper, round)) continue;
      for (const m of slot.members) out.push(new IndexMatch(m.id, m.text, slot.topic, paper));
    }
  }

  private postingList(key: string): Slot<Id>[] | undefined {
    if (key.startsWith("c:")) {
      const [first, second] = cjkCodes(key);
      return second === undefined ? this.byCjk.get(first) : this.byCjkPair.get(first)?.get(second);
    }
    if (key.startsWith("b:")) {
      const [first, second] = splitBigram(key);
      return this.byBigram.get(first)?.get(second);
    }
    if (key.startsWith("q:")) {
      const [category, inner] = splitQualified(key);
      return this.byCategory.get(category)?.get(inner);
    }
    return this.byKey.get(key);
  }

  private createPostingList(key: string, slot: Slot<Id>): void {
    if (key.startsWith("c:")) {
      const [first, second] = cjkCodes(key);
      if (second === undefined) this.byCjk.set(first, [slot]);
      else {
        let inner = this.byCjkPair.get(first);
        if (inner === undefined) this.byCjkPair.set(first, (inner = new Map()));
        inner.set(second, [slot]);
      }
    } else if (key.startsWith("b:")) {
      const [first, second] = splitBigram(key);
      let inner = this.byBigram.get(first);
      if (inner === undefined) this.byBigram.set(first, (inner = new Map()));
      inner.set(second, [slot]);
    } else if (key.startsWith("q:")) {
      const [category, rest] = splitQualified(key);
      let inner = this.byCategory.get(category);
      if (inner === undefined) this.byCategory.set(category, (inner = new Map()));
      inner.set(rest, [slot]);
    } else this.byKey.set(key, [slot]);
  }

  private deletePostingList(key: string): void {
    if (key.startsWith("c:")) {
      const [first, second] = cjkCodes(key);
      if (second === undefined) this.byCjk.delete(first);
      else {
        const inner = this.byCjkPair.get(first);
        inner?.delete(second);
        if (inner?.size === 0) this.byCjkPair.delete(first);
      }
    } else if (key.startsWith("b:")) {
      const [first, second] = splitBigram(key);
      const inner = this.byBigram.get(first);
      inner?.delete(second);
      if (inner?.size === 0) this.byBigram.delete(first);
    } else if (key.startsWith("q:")) {
      const [category, rest] = splitQualified(key);
      const inner = this.byCategory.get(category);
      inner?.delete(rest);
      if (inner?.size === 0) this.byCategory.delete(category);
    } else this.byKey.delete(key);
  }

  /** Matches a whole digest; papers are prepared once each. */
  matchPapers(papers: ReadonlyArray<Paper | PreparedPaper>): PaperMatches<Id>[] {
    return papers.map((paper) => {
      const prepared = "postings" in paper ? paper : preparePaper(paper);
      return { paper: prepared, matches: this.matchPaper(prepared) };
    });
  }

  private holds(slot: Slot<Id>, paper: PreparedPaper, round: number): boolean {
    for (const node of slot.nodes) {
      if (node.round !== round) {
        node.round = round;
        node.holds = clauseHolds(node.clause, paper);
      }
      if (node.holds === node.clause.negated) return false;
    }
    return true;
  }

  private slotFor(topic: CompiledTopic): Slot<Id> {
    const signature = topicSignature(topic);
    const existing = this.bySignature.get(signature);
    if (existing !== undefined) return existing;
    // Cheap clauses first (categories, authors), exclusions last: most candidates fail on the former.
    const nodes = [...topic.clauses].sort((a, b) => clauseCost(a) - clauseCost(b)).map((clause) => this.clauseNode(clause));
    const slot: Slot<Id> = { signature, topic, nodes, members: [], keys: chooseKeys(topic, this.stats), round: 0 };
    this.bySignature.set(signature, slot);
    for (const key of slot.keys) {
      const list = this.postingList(key);
      if (list !== undefined) list.push(slot);
      else this.createPostingList(key, slot);
    }
    return slot;
  }

  private clauseNode(clause: CompiledClause): ClauseNode {
    const signature = clauseSignature(clause);
    let node = this.clauses.get(signature);
    if (node === undefined) {
      node = { clause, users: 0, round: 0, holds: false };
      this.clauses.set(signature, node);
    }
    node.users++;
    return node;
  }

  private dropSlot(slot: Slot<Id>): void {
    this.bySignature.delete(slot.signature);
    for (const key of slot.keys) {
      const list = this.postingList(key);
      if (list === undefined) continue;
      const i = list.indexOf(slot);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.deletePostingList(key);
    }
    for (const node of slot.nodes) {
      node.users--;
      if (node.users === 0) this.clauses.delete(clauseSignature(node.clause));
    }
  }
}

function clauseCost(clause: CompiledClause): number {
  if (clause.negated) return 3;
  return clause.field === "cat" ? 0 : clause.field === "author" ? 1 : 2;
}

/** Code points of a `c:` key: one character, or a pair. */
function cjkCodes(key: string): [number, number | undefined] {
  const codes = [...key.slice(2)].map((ch) => ch.codePointAt(0)!);
  return [codes[0]!, codes[1]];
}
