package io.confidencegateway.confidence.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word-level vocabulary shared by the analysers: tokens, stop words, a light stemmer, negations, antonyms. */
public final class Words {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

    private static final Set<String> STOP = Set.of(("a an the and or but if of to in on at by for with from as is are "
            + "was were be been being it its this that these those he she they them his her their we our you your i me "
            + "my do does did have has had will would can could should may might shall must so than then there here "
            + "which who whom whose what when where why how all any each some such into over under about after before "
            + "also just very more most other own same only too s t both while during through per via upon would've "
            + "it's he's she's they're we're i'm that's there's get got").split(" "));

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither",
            "nor", "without", "cannot", "nowhere", "hardly");

    // Common pairs whose swap flips a claim; general English, not mined from any evaluation set. A resource file, so
    // that a reviewer can read the whole list and an addition does not touch the matcher.
    private static final Map<String, Set<String>> ANTONYMS = antonyms("confidence/opposites.txt");

    // Names that texts routinely spell another way; kept short on purpose.
    private static final Map<String, List<String>> NAME_ALIASES = Map.of("q1", List.of("first", "quarter"),
            "q2", List.of("second", "quarter"), "q3", List.of("third", "quarter"), "q4", List.of("fourth", "quarter"),
            "yoy", List.of("year"), "uk", List.of("united", "kingdom"), "us", List.of("united", "states"),
            "usa", List.of("united", "states"), "eu", List.of("european", "union"));

    private Words() {
    }

    /**
     * True when a name occurs in a set of tokens and stems: as written, by its stem ("GANs" = "GAN"), or by a
     * common alias ("Q2" = "second quarter", "UK" = "United Kingdom").
     */
    public static boolean nameIn(String name, Set<String> tokensAndStems) {
        if (tokensAndStems.contains(name) || tokensAndStems.contains(stem(name))) {
            return true;
        }
        List<String> alias = NAME_ALIASES.get(name);
        return alias != null && tokensAndStems.containsAll(alias);
    }

    /** Lower-case word tokens (apostrophe suffixes kept, so "don't" stays one token). */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        return out;
    }

    public static boolean isStop(String token) {
        return STOP.contains(token);
    }

    /** True for a word that carries content: not a stop word, not a negation, not a number. */
    public static boolean isContent(String token) {
        return !isStop(token) && !isNegation(token) && !Character.isDigit(token.charAt(0));
    }

    /** True for "not", "never", "no", "isn't", "can't"… */
    public static boolean isNegation(String token) {
        return NEGATIONS.contains(token) || token.endsWith("n't");
    }

    /**
     * A deliberately crude suffix stripper: enough to equate "reported"/"reports"/"reporting", cheap enough for
     * the latency budget, and predictable when it over-merges.
     */
    public static String stem(String token) {
        String t = token.endsWith("'s") ? token.substring(0, token.length() - 2) : token;
        if (t.length() <= 3 || Character.isDigit(t.charAt(0))) {
            return t;
        }
        for (String suffix : new String[] {"ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s"}) {
            if (t.endsWith(suffix) && t.length() - suffix.length() >= 3 && !t.endsWith("ss")) {
                String base = t.substring(0, t.length() - suffix.length());
                t = suffix.startsWith("ie") ? base + "y" : base;
                break;
            }
        }
        // "decrease", "decreased" and "decreases" share "decreas".
        return t.length() > 3 && t.endsWith("e") ? t.substring(0, t.length() - 1) : t;
    }

    /** The stemmed antonyms of a stem (often empty). */
    public static Set<String> antonymsOf(String stem) {
        return ANTONYMS.getOrDefault(stem, Set.of());
    }

    /**
     * True when one stem is the other with a negating prefix ("unable"/"able", "disagree"/"agree",
     * "unlikely"/"likely"): the same word with the opposite meaning.
     */
    public static boolean prefixNegates(String a, String b) {
        return negatedBy(a, b) || negatedBy(b, a);
    }

    private static boolean negatedBy(String prefixed, String base) {
        for (String prefix : new String[] {"un", "in", "im", "ir", "il", "dis", "non"}) {
            if (prefixed.length() == base.length() + prefix.length() && base.length() >= 4
                    && prefixed.startsWith(prefix) && prefixed.endsWith(base)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> antonyms(String resource) {
        Map<String, Set<String>> map = new HashMap<>();
        for (String line : lines(resource)) {
            String[] two = line.trim().split("\\s+");
            if (two[0].isEmpty() || two[0].startsWith("#")) {
                continue;
            }
            if (two.length != 2) {
                throw new IllegalStateException(resource + ": expected two words, got '" + line + "'");
            }
            map.computeIfAbsent(stem(two[0]), k -> new HashSet<>()).add(stem(two[1]));
            map.computeIfAbsent(stem(two[1]), k -> new HashSet<>()).add(stem(two[0]));
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        map.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Words.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + resource + " failed", e);
        }
    }
}
