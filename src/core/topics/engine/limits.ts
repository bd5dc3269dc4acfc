/** Topic limits (configurable; PRODUCT.md: 200 characters per topic, 50 topics per channel). */
export interface TopicLimits {
  maxTopicLength: number;
  maxTopics: number;
}

export const DEFAULT_TOPIC_LIMITS: TopicLimits = { maxTopicLength: 200, maxTopics: 50 };
