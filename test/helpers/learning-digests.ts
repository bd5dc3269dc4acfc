/**
 * Two made-up digests for the learning tests. 2026-01-05 is what a channel votes on: papers about
 * speculative decoding (wanted) and Gaussian splatting (unwanted). 2026-01-06 is what it then receives:
 * four papers whose titles all carry "efficient" once, so the topic `efficient` scores them the same and
 * keyword order is id order — the two splatting papers first. The votes should turn that around.
 */
import { digestMarkdown, type SyntheticPaper } from "./synthetic-digest.js";

export const VOTED_UP: SyntheticPaper[] = [
  { id: "2601.00101", title: "Tree-based speculative decoding with a small draft model", tldr: "A small draft model proposes a tree of tokens and the target language model verifies them in parallel, raising the acceptance rate." },
  { id: "2601.00102", title: "Self-speculative decoding with early-exit draft heads", tldr: "Draft heads on intermediate layers propose tokens that the full model verifies in one pass; speculative decoding without a separate draft model." },
  { id: "2601.00103", title: "Acceptance rates of speculative decoding for reasoning models", tldr: "We study when draft tokens are accepted by the target model during long generation and adapt the draft length." },
  { id: "2601.00104", title: "Lossless speculative sampling for video language models", tldr: "Speculative sampling with a draft model speeds up decoding; the target model verifies drafted tokens without changing the output." },
  { id: "2601.00105", title: "Parallel verification of drafted tokens on GPUs", tldr: "Verification of draft tokens is batched so that speculative decoding of language models reaches higher throughput." },
  { id: "2601.00106", title: "Draft token trees for speculative code generation", tldr: "A draft model proposes token trees that the target language model verifies, accelerating decoding of code." },
];

export const VOTED_DOWN: SyntheticPaper[] = [
  { id: "2601.00111", title: "Gaussian splatting for dynamic urban scenes", tldr: "We reconstruct dynamic street scenes with 3D Gaussian splatting, rendering novel views in real time." },
  { id: "2601.00112", title: "Pruning Gaussians for compact scene rendering", tldr: "A pruning criterion removes redundant 3D Gaussians, shrinking splatting scenes while rendering quality is kept." },
  { id: "2601.00113", title: "Relightable avatars from Gaussian splatting", tldr: "Human avatars are reconstructed as 3D Gaussians with materials, enabling relighting and novel view rendering." },
  { id: "2601.00114", title: "Mesh extraction from Gaussian splats", tldr: "We extract watertight meshes from Gaussian splatting scenes for rendering and simulation." },
  { id: "2601.00115", title: "Feed-forward 3D reconstruction with Gaussian splats", tldr: "A transformer predicts 3D Gaussians from two images, reconstructing the scene for novel view rendering." },
  { id: "2601.00116", title: "Gaussian splatting of indoor scenes from phone videos", tldr: "Indoor scenes are reconstructed as 3D Gaussians from phone videos and rendered from novel views." },
];

const BACKGROUND: SyntheticPaper[] = [
  { id: "2601.00121", title: "Federated learning with differential privacy", tldr: "Clients train a shared model without sharing data; differential privacy noise is added to the updates." },
  { id: "2601.00122", title: "Graph neural networks for molecule property prediction", tldr: "A message passing network predicts molecular properties after pretraining on unlabeled molecules." },
  { id: "2601.00123", title: "Reinforcement learning for robotic grasping", tldr: "A robot learns grasping policies in simulation and transfers them to real objects." },
];

/** Keyword order (id order): the splatting papers, then the decoding papers. */
export const NEXT_DAY: SyntheticPaper[] = [
  { id: "2601.00201", title: "Efficient Gaussian splatting of street scenes", tldr: "Street scenes are reconstructed as 3D Gaussians and rendered from novel views in real time." },
  { id: "2601.00202", title: "Efficient relighting of Gaussian avatars", tldr: "Human avatars made of 3D Gaussians are relit and rendered from novel views with splatting." },
  { id: "2601.00203", title: "Efficient speculative decoding with token trees", tldr: "A small draft model proposes token trees that the target language model verifies in parallel." },
  { id: "2601.00204", title: "Efficient draft heads for speculative decoding", tldr: "Draft heads propose tokens that the full model verifies; speculative decoding without a separate draft model." },
];
export const SPLATTING_NEXT_DAY = ["2601.00201", "2601.00202"];
export const DECODING_NEXT_DAY = ["2601.00203", "2601.00204"];

/** The digest a channel votes on (any date: the tests pick dates apart from the seeds they run with). */
export const votingDayMarkdown = (): string => digestMarkdown([...VOTED_UP, ...VOTED_DOWN, ...BACKGROUND]);
export const nextDayMarkdown = (): string => digestMarkdown(NEXT_DAY);
export const VOTING_DAY = { date: "2026-01-05", markdown: votingDayMarkdown() };
export const NEXT_DAY_DIGEST = { date: "2026-01-06", markdown: nextDayMarkdown() };
