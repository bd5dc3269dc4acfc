/**
 * The topic index: many topics compiled once, filed under the rarest term each one requires. A paper
 * looks up its own keys and verifies only the topics found there, so the cost of a digest grows with its
 * papers and the topics that (nearly) match them — not with the number of topics loaded.
 *
 * Topics that compile to the same thing (`LLM`, `llm`, `LLMs` in a thousand channels) share one entry,
 * and clauses shared between topics are evaluated once per paper. `add` and `remove` are incremental.
 */
import type { Paper } from "../../paper.js";
import type { TopicError } from "../engine/ast.js";
import { chooseKeys } from "./choose-keys.js";
import { compileTopicText } from "../engine/compile.js";
import type { CompiledClause, CompiledTopic } from "../engine/compile.js";
import type { TopicLimits } from "../engine/limits.js";
import { clauseHolds } from "../engine/match.js";
import { IndexMatch, type PaperMatches } from "./index-match.js";
import { Shelves } from "./shelves.js";
import { visitNeighbours } from "./neighbours.js";
import { forEachCjkRun, paperCjkChars, preparePaper } from "../text/prepare.js";
import type { PreparedPaper } from "../text/prepare.js";
import { topicSignature, clauseSignature } from "./signature.js";
import { DEFAULT_TERM_STATS } from "./term-stats.js";
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

/**
 * Up to this many CJK keys, a paper's CJK topics are verified directly: walking every character run of
 * the paper to look each up costs more than a few verifications (a search holds one topic).
 */
const FEW_CJK_KEYS = 4;

export interface TopicIndexOptions {
  /** Term frequencies to pick each topic's rarest term (default: built-in estimates). */
  stats?: TermStats;
  limits?: TopicLimits;
}

export class TopicIndex<Id = number> {
  private readonly shelves: Shelves<Slot<Id>>;
  private readonly bySignature = new Map<string, Slot<Id>>();
  private readonly byText = new Map<string, Slot<Id>>();
  private readonly byId = new Map<Id, Slot<Id>>();
  private readonly clauses = new Map<string, ClauseNode>();
  private readonly stats: TermStats;
  private readonly limits: TopicLimits | undefined;
  private round = 0;
  /** Reused by `matchPaper` for the lists `visitNeighbours` finds. */
  private readonly neighbourLists: Slot<Id>[][] = [];

  constructor(options: TopicIndexOptions = {}) {
    this.stats = options.stats ?? DEFAULT_TERM_STATS;
    this.limits = options.limits;
    this.shelves = new Shelves(this.stats);
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
    const text = typeof topic === "string" ? topic.trim() : topic.text;
    let compiled = typeof topic === "string" ? null : topic;
    if (compiled === null && !this.byText.has(text)) {
      const result = compileTopicText(text, this.limits);
      if (!result.ok) return result.error;
      compiled = result.topic;
    }
    // Removed first: re-adding an id with its own text must not leave it in a slot it just emptied.
    this.remove(id);
    let slot = typeof topic === "string" ? this.byText.get(text) : undefined;
    if (slot === undefined) {
      if (compiled === null) {
        const result = compileTopicText(text, this.limits);
        if (!result.ok) return result.error;
        compiled = result.topic;
      }
      slot = this.slotFor(compiled);
    }
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
    const categories = prepared.categories;
    const { byKey, byCjkChar, byCjkPair, byCjkTriple } = this.shelves;
    for (const key of prepared.keys) {
      const entry = byKey.get(key);
      if (entry === undefined) continue;
      if (entry.own !== null) this.verify(entry.own, prepared, round, out);
      if (entry.byCategory !== null) {
        // A repeated category finds nothing new: its slots are already this round's.
        for (let i = 0; i < categories.length; i++) {
          const slots = entry.byCategory.get(categories[i]!);
          if (slots !== undefined) this.verify(slots, prepared, round, out);
        }
      }
      if (entry.next !== null || entry.near !== null) {
        const postings = prepared.postings.get(key);
        if (postings !== undefined) {
          const found = this.neighbourLists;
          visitNeighbours(prepared, postings, entry.next, entry.near, found);
          for (let i = 0; i < found.length; i++) this.verify(found[i]!, prepared, round, out);
          found.length = 0;
        }
      }
    }
    if (byCjkPair.size + byCjkTriple.size + byCjkChar.size > 0 && prepared.fields.some((field) => field.hasCjk)) this.verifyCjk(prepared, round, out);
    return out;
  }

  /** CJK topics of a paper with CJK text: by its character runs, or, when the index has few, each directly. */
  private verifyCjk(prepared: PreparedPaper, round: number, out: IndexMatch<Id>[]): void {
    const { byCjkChar, byCjkPair, byCjkTriple } = this.shelves;
    if (byCjkPair.size + byCjkTriple.size > FEW_CJK_KEYS) {
      forEachCjkRun(prepared, byCjkTriple.size > 0, (pair, triple) => {
        const slots = byCjkPair.get(pair);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
        const longer = triple < 0 ? undefined : byCjkTriple.get(triple);
        if (longer !== undefined) this.verify(longer, prepared, round, out);
      });
    } else {
      for (const slots of byCjkPair.values()) this.verify(slots, prepared, round, out);
      for (const slots of byCjkTriple.values()) this.verify(slots, prepared, round, out);
    }
    if (byCjkChar.size > FEW_CJK_KEYS) {
      for (const code of paperCjkChars(prepared)) {
        const slots = byCjkChar.get(code);
        if (slots !== undefined) this.verify(slots, prepared, round, out);
      }
    } else for (const slots of byCjkChar.values()) this.verify(slots, prepared, round, out);
  }

  private verify(slots: Slot<Id>[], paper: PreparedPaper, round: number, out: IndexMatch<Id>[]): void {
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.round === round) continue;
      slot.round = round;
      if (!this.holds(slot, paper, round)) continue;
      const members = slot.members;
      const first = new IndexMatch(members[0]!.id, members[0]!.text, slot.topic, paper);
      out.push(first);
      for (let k = 1; k < members.length; k++) out.push(new IndexMatch(members[k]!.id, members[k]!.text, slot.topic, paper, first));
    }
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
    for (const key of slot.keys) this.shelves.file(key, slot);
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
    for (const key of slot.keys) this.shelves.unfile(key, slot);
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
