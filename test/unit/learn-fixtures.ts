/** Hand-written papers for the learning tests: a channel that wants speculative decoding, not 3D scenes. */
import type { ArchivedPaper } from "../../src/core/paper.js";
import type { Vote, VoteValue } from "../../src/core/vote.js";
import { makeArchivedPaper } from "../helpers/papers.js";

const paper = (id: string, title: string, abstract: string, tldr: string | null = null): ArchivedPaper =>
  makeArchivedPaper(id, "2026-01-06", { title, abstract, tldr });

export const WANTED = [
  paper("2601.00001", "Tree-based speculative decoding with a small draft model", "We accelerate autoregressive generation of large language models: a small draft model proposes a tree of tokens and the target model verifies them in parallel, raising the acceptance rate."),
  paper("2601.00002", "Self-speculative decoding with early-exit draft heads", "Draft heads attached to intermediate layers propose several tokens that the full model verifies in one forward pass; speculative decoding without a separate draft model."),
  paper("2601.00003", "Acceptance rates in speculative decoding for reasoning models", "We study when draft tokens are accepted by the target model during long chain-of-thought generation and propose adaptive draft lengths for speculative decoding."),
  paper("2601.00004", "Lossless speculative sampling for video language models", "Speculative sampling with a draft model speeds up decoding of video language models; the target verifies drafted tokens, keeping the output distribution unchanged.", "推测解码加速视频语言模型的生成"),
  paper("2601.00005", "Parallel verification of drafted tokens on GPUs", "Verification of draft tokens is batched on the GPU so that speculative decoding of large language models reaches higher throughput at the same acceptance rate."),
];

export const UNWANTED = [
  paper("2601.00011", "Gaussian splatting for dynamic urban scenes", "We reconstruct dynamic street scenes with 3D Gaussian splatting, rendering novel views in real time from multi-camera driving logs."),
  paper("2601.00012", "Pruning Gaussians for compact scene rendering", "A pruning criterion removes redundant 3D Gaussians, shrinking splatting models while rendering quality of the scene is preserved."),
  paper("2601.00013", "Relightable avatars from Gaussian splatting", "Human avatars are reconstructed as 3D Gaussians with material properties, enabling relighting and rendering from novel views."),
  paper("2601.00014", "Mesh extraction from radiance fields and Gaussian splats", "We extract watertight meshes from Gaussian splatting scenes for downstream rendering and simulation of 3D reconstruction."),
  paper("2601.00015", "Feed-forward 3D reconstruction with Gaussian splats", "A transformer predicts 3D Gaussians from two images, reconstructing the scene for novel view rendering without per-scene optimization."),
];

/** Papers nobody voted on, to score. */
export const UNSEEN_SIMILAR = paper("2601.00021", "Speculative decoding with draft token trees for code generation", "A draft model proposes token trees that the target language model verifies; speculative decoding accelerates code generation with high acceptance.");
export const UNSEEN_DISSIMILAR = paper("2601.00022", "Gaussian splatting of indoor scenes from phone videos", "We reconstruct indoor scenes as 3D Gaussians from casual phone videos and render novel views in real time.");

/** Other papers of the archive: they make document frequencies realistic (common words are common). */
export const BACKGROUND = [
  paper("2601.00031", "Federated learning with differential privacy", "Clients train a shared model without sharing data; we add differential privacy noise to the updates and study the accuracy trade-off."),
  paper("2601.00032", "Graph neural networks for molecule property prediction", "A message passing neural network predicts molecular properties; we pretrain on unlabeled molecules and fine-tune on small data sets."),
  paper("2601.00033", "Reinforcement learning for robotic grasping", "A robot learns grasping policies with reinforcement learning in simulation and transfers them to real objects."),
  paper("2601.00034", "Benchmarking large language models on legal questions", "We evaluate large language models on legal reasoning questions and find that retrieval improves accuracy on statutes."),
];

export const CORPUS = [...WANTED, ...UNWANTED, UNSEEN_SIMILAR, UNSEEN_DISSIMILAR, ...BACKGROUND];

export function votesOn(papers: ArchivedPaper[], value: VoteValue, userId = "U1"): Vote[] {
  return papers.map((p) => ({ paperId: p.id, userId, value, at: "2026-01-06T10:00:00.000Z" }));
}

export const byId = (papers: ArchivedPaper[]): Map<string, ArchivedPaper> => new Map(papers.map((p) => [p.id, p]));
