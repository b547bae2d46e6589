package io.confidencegateway.confidence.text;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.IndexWordSet;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Opposites of English words from WordNet 3.1 (Princeton, read through extJWNL from the data jar on the classpath):
 * "worsen" for "improve", "difficult" for "easy", "decrease" for "increase". Answers are stems as
 * {@link Words#stem} makes them, cached per word, so a warm scorer never touches the dictionary files.
 */
public final class Lexicon {

    // Only a word's two commonest senses, and never nouns: WordNet also records opposites for rare senses and for
    // nouns such as "one"/"first", and on the dev set those flagged paraphrases far more often than real swaps.
    private static final int SENSES = 2;
    private static final int CACHE_LIMIT = 100_000;
    private static final Map<String, Set<String>> CACHE = new ConcurrentHashMap<>();
    private static volatile Dictionary dictionary;

    private Lexicon() {
    }

    /** Opens the dictionary (about a second), so that the first answer scored does not pay for it. */
    public static void warmUp() {
        antonyms("increase");
    }

    /** Stems of the words WordNet lists as opposites of this lower-case word (usually none). */
    public static Set<String> antonyms(String word) {
        Set<String> cached = CACHE.get(word);
        if (cached != null) {
            return cached;
        }
        Set<String> computed = lookup(word);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(word, computed);
        }
        return computed;
    }

    // extJWNL is not verified thread-safe (its issue #31), so misses read the dictionary one at a time; hits, nearly
    // every lookup once a scorer is warm, never wait.
    private static synchronized Set<String> lookup(String word) {
        if (word.isEmpty() || !Character.isLetter(word.charAt(0))) {
            return Set.of();
        }
        try {
            IndexWordSet set = dictionary().lookupAllIndexWords(word);
            if (set == null || set.size() == 0) {
                return Set.of();
            }
            Set<String> out = new HashSet<>();
            for (IndexWord index : set.getIndexWordArray()) {
                if (index.getPOS() == POS.NOUN) {
                    continue;
                }
                List<Synset> senses = index.getSenses();
                for (int i = 0; i < Math.min(SENSES, senses.size()); i++) {
                    for (Word w : senses.get(i).getWords()) {
                        if (!w.getLemma().equalsIgnoreCase(index.getLemma())) {
                            continue;
                        }
                        for (Pointer p : w.getPointers(PointerType.ANTONYM)) {
                            Synset target = p.getTargetSynset();
                            if (target != null) {
                                target.getWords().forEach(t -> addLemma(out, t.getLemma()));
                            }
                        }
                    }
                }
            }
            out.remove(Words.stem(word));
            return Set.copyOf(out);
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup failed for '" + word + "'", e);
        }
    }

    private static void addLemma(Set<String> out, String lemma) {
        String lower = lemma.toLowerCase(Locale.ROOT);
        if (lower.indexOf(' ') < 0 && lower.indexOf('_') < 0) {
            out.add(Words.stem(lower));
        }
    }

    private static Dictionary dictionary() throws JWNLException {
        Dictionary d = dictionary;
        if (d == null) {
            synchronized (Lexicon.class) {
                d = dictionary;
                if (d == null) {
                    d = Dictionary.getDefaultResourceInstance();
                    dictionary = d;
                }
            }
        }
        return d;
    }
}
