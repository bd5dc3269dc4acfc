/**
 * The reviewed concept table (TOPICS.md rule 4): beyond spellings of one name (synonyms.ts), the named
 * members of a concept (YOLO, DETR → object detection; Mamba → state space model) and the practice
 * vocabulary of common topics (tool use, multi-agent → LLM agents). A topic that IS the concept — its
 * whole term, in any of its synonym spellings — also matches the members; a member hit counts a little
 * less than the concept's own name, and explanations show the path ("DETR — a kind of object
 * detection"). A topic that only contains the concept (`real-time object detection`) gets no members.
 *
 * Entries are reviewed by a person: common, unambiguous names only. Ambiguous short names are left out
 * (SAM: segment anything / sharpness-aware minimization; MAE: masked autoencoder / mean absolute error),
 * and so are members other fields use in another sense ("autonomous agent", "AI agent" and "multi-agent
 * collaboration" in robotics and game theory; "teacher model" outside distillation).
 * Members typed in capitals (CLIP) only count where the paper writes them in capitals too ("video clip").
 */
export interface ConceptEntry {
  concept: string;
  /** Named kinds of the concept: "DETR — a kind of object detection". */
  kinds?: string[];
  /** Words of its practice: "tool use — used in LLM agents". */
  practice?: string[];
}

export const CONCEPTS: readonly ConceptEntry[] = [
  // models and architectures
  { concept: "state space model", kinds: ["Mamba", "VMamba", "selective state space model", "structured state space model"], practice: ["selective scan"] },
  {
    concept: "vision-language model",
    kinds: ["MLLM", "LVLM", "LMM", "LLaVA", "CLIP", "BLIP", "VLA", "vision-language-action model", "multimodal large language model", "large multimodal model", "multimodal LLM", "video LLM", "video large language model", "omni-modal model"],
  },
  { concept: "large language model", kinds: ["GPT-4", "LLaMA", "Qwen", "Mistral", "DeepSeek", "Gemma"] },
  { concept: "diffusion model", kinds: ["DDPM", "latent diffusion", "Stable Diffusion", "score-based generative model", "diffusion transformer"] },
  { concept: "graph neural network", kinds: ["GCN", "GAT", "GraphSAGE", "message passing neural network"] },
  { concept: "vision transformer", kinds: ["DeiT", "Swin Transformer"] },
  { concept: "mixture of experts", kinds: ["Mixtral", "DeepSeekMoE"], practice: ["expert routing", "expert parallelism"] },
  {
    concept: "LLM agent",
    kinds: ["agentic", "multi-agent LLM", "multi-agent system", "multi-agent framework", "multi-agent debate", "web agent", "GUI agent", "computer-use agent", "language agent", "coding agent", "research agent", "search agent", "deep research agent", "conversational agent", "mobile agent", "self-evolving agent"],
    practice: ["tool use", "tool calling", "function calling", "tool-augmented", "tool-integrated", "tool learning", "agent memory", "agentic workflow", "Model Context Protocol"],
  },
  // learning methods
  { concept: "knowledge distillation", kinds: ["distillation", "self-distillation", "teacher-student"] },
  { concept: "continual learning", kinds: ["incremental learning", "class-incremental", "lifelong learning", "continual adaptation"], practice: ["catastrophic forgetting"] },
  { concept: "reinforcement learning", kinds: ["PPO", "GRPO", "policy gradient", "Q-learning", "actor-critic", "RLHF", "RLVR"] },
  { concept: "parameter-efficient fine-tuning", kinds: ["LoRA", "QLoRA", "adapter tuning", "prefix tuning", "prompt tuning"] },
  { concept: "self-supervised learning", kinds: ["SimCLR", "MoCo", "BYOL", "DINO", "DINOv2", "masked autoencoder", "masked image modeling"] },
  { concept: "contrastive learning", kinds: ["SimCLR", "MoCo", "InfoNCE"] },
  { concept: "federated learning", kinds: ["FedAvg"] },
  { concept: "in-context learning", practice: ["few-shot prompting", "in-context examples", "in-context demonstrations", "demonstration selection"] },
  { concept: "neural architecture search", kinds: ["DARTS", "one-shot NAS"], practice: ["supernet", "architecture search"] },
  // robustness and safety
  {
    concept: "adversarial robustness",
    kinds: ["adversarial attack", "adversarial example", "adversarial perturbation", "adversarial patch", "adversarial training", "adversarial defense", "certified robustness", "jailbreak", "jailbreak attack"],
  },
  // inference and systems
  { concept: "speculative decoding", kinds: ["self-speculative decoding", "lookahead decoding", "Medusa"], practice: ["draft model", "draft tokens", "draft-then-verify"] },
  { concept: "pruning", kinds: ["token pruning", "structured pruning", "unstructured pruning", "sparsification", "layer skipping", "KV cache eviction", "token dropping"] },
  { concept: "quantization", kinds: ["post-training quantization", "quantization-aware training", "GPTQ", "AWQ"], practice: ["low-bit", "INT4", "INT8", "FP8"] },
  { concept: "KV cache", practice: ["PagedAttention", "prefix caching", "KV eviction", "KV compression"] },
  { concept: "LLM serving", kinds: ["vLLM", "SGLang"], practice: ["continuous batching", "PagedAttention", "prefill decode disaggregation"] },
  { concept: "GPU kernel", kinds: ["CUDA kernel", "Triton kernel", "fused kernel"], practice: ["kernel fusion", "kernel generation", "kernel optimization"] },
  { concept: "energy efficiency", practice: ["energy consumption", "power consumption", "energy-efficient", "low-power", "energy per inference", "energy savings"] },
  // tasks
  { concept: "object detection", kinds: ["YOLO", "DETR", "Faster R-CNN", "object detector", "open-vocabulary detection"] },
  { concept: "time series forecasting", kinds: ["weather forecasting", "traffic forecasting", "load forecasting", "demand forecasting", "multivariate forecasting"] },
  { concept: "speech recognition", kinds: ["speech-to-text", "speech transcription"] },
  { concept: "retrieval-augmented generation", kinds: ["GraphRAG", "retrieval augmentation"] },
  { concept: "semantic segmentation", kinds: ["panoptic segmentation", "open-vocabulary segmentation"] },
];
