package io.confidencegateway.confidence.text;

import java.util.ArrayList;
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

    // Pairs whose swap flips a claim; only the commonest, since a long list would mostly add noise.
    private static final Map<String, String> ANTONYMS = antonyms("increase:decrease rise:fall up:down higher:lower "
            + "more:less gain:loss positive:negative before:after accept:reject agree:disagree win:lose strong:weak "
            + "large:small best:worst early:late above:below buy:sell profit:loss grow:shrink improve:worsen "
            + "success:failure first:last maximum:minimum include:exclude expand:reduce like:dislike good:bad "
            + "always:never allow:prevent add:remove start:end cheap:expensive easy:difficult same:different "
            + "true:false right:wrong ahead:behind open:close approve:deny support:oppose");

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
        if (t.length() <= 4 || Character.isDigit(t.charAt(0))) {
            return t;
        }
        for (String suffix : new String[] {"ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s"}) {
            if (t.endsWith(suffix) && t.length() - suffix.length() >= 3) {
                String base = t.substring(0, t.length() - suffix.length());
                return suffix.startsWith("i") && suffix.length() == 3 && suffix.charAt(1) == 'e' ? base + "y" : base;
            }
        }
        return t;
    }

    /** The stemmed antonym of a stem, or null. */
    public static String antonymOf(String stem) {
        return ANTONYMS.get(stem);
    }

    private static Map<String, String> antonyms(String pairs) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String pair : pairs.split(" ")) {
            String[] two = pair.split(":");
            map.put(stem(two[0]), stem(two[1]));
            map.putIfAbsent(stem(two[1]), stem(two[0]));
        }
        return Map.copyOf(map);
    }
}
