/** `like:<arXiv id>` topics: parsing, matching by similarity at each strictness, and explanations. */
import { describe, expect, it } from "vitest";
import { checkLikeTopic, likeReasons, type LikeContext } from "../../src/core/like-match.js";
import { asLikeTopic, likeIdsOf } from "../../src/core/like-context.js";
import { createSimilarity, SIMILARITY_THRESHOLDS } from "../../src/core/learn/similar.js";
import { buildVocabulary } from "../../src/core/learn/tfidf.js";
import { createTopicTools } from "../../src/core/topic-tools.js";
import { compileTopicText, type CompiledTopic } from "../../src/core/topics/engine/compile.js";
import { TopicIndex } from "../../src/core/topics/index/topic-index.js";
import { topicHolds } from "../../src/core/topics/engine/match.js";
import { parseTopic } from "../../src/core/topics/engine/parse.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { makeArchivedPaper } from "../helpers/papers.js";
import { CORPUS, UNSEEN_DISSIMILAR, UNSEEN_SIMILAR, UNWANTED, WANTED } from "./learn-fixtures.js";

const tree = WANTED[0]!;
/** Every paper of the corpus may serve as an example. */
const context: LikeContext = { similarity: createSimilarity(buildVocabulary(CORPUS)), examples: new Map(CORPUS.map((paper) => [paper.id, paper])) };

function compiled(text: string): CompiledTopic {
  const result = compileTopicText(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.topic;
}

const likeValues = (text: string) => compiled(text).clauses.flatMap((c) => c.alternatives.flatMap((a) => (a.kind === "like" ? [a.value] : [])));

describe("like: syntax", () => {
  it.each([
    ["an id", "like:2512.09277", "2512.09277"],
    ["a versioned id", "like:2512.09277v3", "2512.09277"],
    ["an abs URL", "like:https://arxiv.org/abs/2512.09277v2", "2512.09277"],
    ["a pdf URL", "like:arxiv.org/pdf/2512.09277", "2512.09277"],
    ["an old-style id", "like:math/0601001", "math/0601001"],
    ["any case of the field", "LIKE:2512.09277", "2512.09277"],
  ])("takes %s", (_name, text, id) => {
    expect(likeValues(text)).toEqual([id]);
  });

  it("is one word: what follows is a clause of its own", () => {
    const topic = parseTopic("like:2512.09277 kv cache -survey cat:cs.LG");
    expect(topic.ok && topic.topic.clauses.map((c) => [c.negated, c.field, c.alternatives.map((a) => a.text)])).toEqual([
      [false, "like", ["2512.09277"]],
      [false, null, ["kv cache"]],
      [true, null, ["survey"]],
      [false, "cat", ["cs.LG"]],
    ]);
  });

  it("takes alternatives, URLs included", () => {
    expect(likeValues("like:(2512.09277 | https://arxiv.org/abs/2601.00001v1)")).toEqual(["2512.09277", "2601.00001"]);
  });

  it.each([
    ["like:kvcache", "bad-paper-id", "'kvcache' is not an arXiv id or URL at 6"],
    ["kv cache like:2512", "bad-paper-id", "'2512' is not an arXiv id or URL at 15"],
    ["like:(2512.09277 | nope)", "bad-paper-id", "'nope' is not an arXiv id or URL at 20"],
    ["diffusion like:", "missing-term", "'like:' needs a term at 16"],
    ["-like:2512.09277", "no-positive-clause", "a topic needs at least one positive clause"],
  ])("refuses %s, saying where", (text, code, message) => {
    const result = parseTopic(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toBe(message);
    }
  });

  it("tells like: topics from word topics, and names their examples", () => {
    expect(asLikeTopic("kv cache")).toBeNull();
    expect(asLikeTopic("looks like: x")).toBeNull();
    expect(asLikeTopic("kv cache -like:2512.09277")?.text).toBe("kv cache -like:2512.09277");
    expect(likeIdsOf(["like:2512.09277v2 -survey", "kv cache", "like:(2512.09277 | 2601.00001)"])).toEqual(["2512.09277", "2601.00001"]);
  });

  it("is never verified through the word index, which files it under a key no paper has", () => {
    const index = new TopicIndex<number>();
    expect(index.add(1, `like:${tree.id}`)).toBeNull();
    expect(index.add(2, `like:${tree.id} speculative decoding`)).toBeNull();
    for (const paper of CORPUS) expect(index.matchPaper(paper)).toEqual([]);
    // Nor does the word engine ever hold a like: clause by itself: only like-match.ts judges similarity.
    for (const paper of CORPUS) expect(topicHolds(compiled(`like:${tree.id}`), preparePaper(paper))).toBe(false);
  });
});

describe("like: matching", () => {
  const check = (text: string, paper = UNSEEN_SIMILAR, strictness: "strict" | "balanced" | "broad" = "balanced") =>
    checkLikeTopic(compiled(text), preparePaper(paper), context, strictness);

  it("matches a similar paper and not a dissimilar one", () => {
    expect(check(`like:${tree.id}`).holds).toBe(true);
    expect(check(`like:${tree.id}`, UNSEEN_DISSIMILAR).holds).toBe(false);
    for (const paper of UNWANTED) expect(check(`like:${tree.id}`, paper, "broad").holds).toBe(false);
  });

  it("never matches the example paper itself", () => {
    for (const strictness of ["strict", "balanced", "broad"] as const) expect(check(`like:${tree.id}`, tree, strictness).holds).toBe(false);
  });

  it("uses the channel's strictness as the similarity threshold", () => {
    const between = CORPUS.flatMap((a) => CORPUS.map((b) => [a, b] as const)).find(([a, b]) => {
      const value = context.similarity.similarity(a, b);
      return a.id !== b.id && value >= SIMILARITY_THRESHOLDS.broad && value < SIMILARITY_THRESHOLDS.strict;
    });
    expect(between).toBeDefined();
    const [example, paper] = between!;
    expect(check(`like:${example.id}`, paper, "broad").holds).toBe(true);
    expect(check(`like:${example.id}`, paper, "strict").holds).toBe(false);
  });

  it("combines with exclusions, categories, words and alternatives", () => {
    // UNSEEN_SIMILAR is about code generation.
    expect(check(`like:${tree.id} -code`).holds).toBe(false);
    expect(check(`like:${tree.id} -survey`).holds).toBe(true);
    expect(check(`like:${tree.id} cat:cs.LG`).holds).toBe(true);
    expect(check(`like:${tree.id} cat:cs.CV`).holds).toBe(false);
    expect(check(`like:${tree.id} code generation`).holds).toBe(true);
    expect(check(`like:${tree.id} federated`).holds).toBe(false);
    // An unknown example in an alternative does not spoil a known one.
    expect(check(`like:(2512.99999 | ${tree.id})`).holds).toBe(true);
    expect(check("like:2512.99999").holds).toBe(false);
    // Excluding papers like the example.
    expect(check(`speculative -like:${tree.id}`).holds).toBe(false);
    expect(check(`speculative -like:${tree.id}`, tree).holds).toBe(false);
    expect(check(`gaussian -like:${tree.id}`, UNWANTED[0]!).holds).toBe(true);
  });

  it("through the topic tools: matches only with the example papers loaded", () => {
    const tools = createTopicTools();
    const topics = [{ id: 7, channelId: "c", text: `like:${tree.id}`, createdAt: "" }];
    const papers = [UNSEEN_SIMILAR, UNSEEN_DISSIMILAR, tree];
    expect(tools.matchTopics(topics, papers, "balanced")).toEqual([]);
    // The example itself is in the list, but never similar to itself.
    const matches = tools.matchTopics(topics, papers, "balanced", context);
    expect(matches.map((m) => m.paper.id)).toEqual([UNSEEN_SIMILAR.id]);
    expect(matches[0]!.topicIds).toEqual([7]);
    expect(matches[0]!.terms[0]).toMatch(new RegExp(`^like ${tree.id}: .*speculative decoding`));
  });

  it("word topics do not change when a like: topic sits beside them", () => {
    const tools = createTopicTools();
    const word = { id: 1, channelId: "c", text: "gaussian splatting", createdAt: "" };
    const like = { id: 2, channelId: "c", text: `like:${tree.id}`, createdAt: "" };
    const alone = tools.matchTopics([word], CORPUS, "balanced").map((m) => m.paper.id);
    const both = tools.matchTopics([word, like], CORPUS, "balanced", context);
    expect(both.filter((m) => m.topicIds.includes(1)).map((m) => m.paper.id)).toEqual(alone);
    const liked = both.filter((m) => m.topicIds.includes(2)).map((m) => m.paper);
    expect(liked).toContain(UNSEEN_SIMILAR);
    expect(liked.some((paper) => UNWANTED.includes(paper) || paper === UNSEEN_DISSIMILAR || paper === tree)).toBe(false);
  });
});

describe("like: explanations", () => {
  const tools = createTopicTools();
  const topic = (text: string) => [{ id: 1, channelId: "c", text, createdAt: "" }];

  it("name the shared terms and the similarity against the threshold", () => {
    const [entry] = tools.explain(topic(`like:${tree.id}`), UNSEEN_SIMILAR, "balanced", context);
    expect(entry!.matched).toBe(true);
    expect(entry!.reasons[0]).toMatch(new RegExp(`^like ${tree.id}: shares .*speculative decoding.*, … \\(similarity 0\\.\\d\\d, balanced needs 0\\.10\\)$`));
  });

  it("say why a paper misses: too far, excluded, the example itself, not in the archive, not loaded", () => {
    const far = tools.explain(topic(`like:${tree.id}`), UNSEEN_DISSIMILAR, "balanced", context)[0]!;
    expect(far.matched).toBe(false);
    expect(far.reasons[0]).toMatch(new RegExp(`^like ${tree.id}: too far \\(similarity 0\\.0\\d, balanced needs 0\\.10\\)`));
    const excluded = tools.explain(topic(`like:${tree.id} -code`), UNSEEN_SIMILAR, "balanced", context)[0]!;
    expect(excluded.matched).toBe(false);
    expect(excluded.reasons.join("; ")).toContain("needs 'code' absent but found in title");
    const self = tools.explain(topic(`like:${tree.id}`), tree, "balanced", context)[0]!;
    expect(self.reasons[0]).toBe(`is the example paper ${tree.id} itself (already posted, never matched again)`);
    const unknown = tools.explain(topic("like:2512.99999"), tree, "balanced", context)[0]!;
    expect(unknown.reasons[0]).toBe("2512.99999 is not in the archive, so 'like:2512.99999' matches nothing");
    expect(tools.explain(topic(`like:${tree.id}`), tree, "balanced")[0]!.reasons[0]).toMatch(/not loaded/);
  });

  it("likeReasons reads the strictness the paper was checked at", () => {
    const strict = checkLikeTopic(compiled(`like:${tree.id}`), preparePaper(UNSEEN_SIMILAR), context, "strict");
    expect(likeReasons(strict)[0]).toContain("strict needs 0.15");
  });

  it("a paper made up to share nothing has no shared terms", () => {
    const unrelated = makeArchivedPaper("2601.00099", "2026-01-06", { title: "Lattice chromodynamics", abstract: "Quarks and gluons on a lattice." });
    const [entry] = tools.explain(topic(`like:${tree.id}`), unrelated, "broad", context);
    expect(entry!.reasons[0]).toMatch(/too far \(similarity 0\.00, broad needs 0\.07\); shares no terms/);
  });
});
