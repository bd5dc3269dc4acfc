/**
 * Words that say nothing about what a paper is about. TF-IDF already discounts common words; dropping
 * these too keeps them out of explanations ("pushing up: the, we") and out of word pairs ("of the").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each either et al etc few for from further " +
    "had has have having he her here hers herself him himself his how however i if in into is it its itself " +
    "just may me might more most must my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them themselves then " +
    "there these they this those through thus to too under until up upon us very via was we were what when " +
    "where whether which while who whom why will with within without would yet you your yours " +
    // Every abstract says these.
    "paper propose proposed proposes present presents presented show shows shown demonstrate demonstrates " +
    "approach approaches method methods based using use used new novel results result existing work furthermore " +
    "moreover extensive experiments experimental achieve achieves achieving significantly effectiveness outperforms"
  ).split(" "),
);
