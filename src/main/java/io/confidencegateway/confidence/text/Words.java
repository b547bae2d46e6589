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

    // Common pairs whose swap flips a claim; general English, not mined from any evaluation set.
    private static final Map<String, Set<String>> ANTONYMS = antonyms("increase:decrease rise:fall up:down "
            + "higher:lower high:low more:less gain:loss positive:negative before:after accept:reject accept:decline "
            + "agree:refuse win:lose strong:weak large:small big:small best:worst early:late above:below buy:sell "
            + "profit:loss grow:shrink improve:worsen success:failure succeed:fail pass:fail first:last "
            + "maximum:minimum include:exclude expand:reduce like:dislike good:bad always:never allow:prevent "
            + "allow:forbid add:remove start:end start:stop begin:finish cheap:expensive easy:difficult easy:hard "
            + "same:different true:false right:wrong ahead:behind open:close approve:reject support:oppose "
            + "long:short fast:slow hot:cold major:minor full:empty love:hate remember:forget confirm:deny "
            + "join:leave arrive:leave public:private internal:external import:export rich:poor young:old "
            + "simple:complex safe:dangerous lend:borrow give:take send:receive enter:exit inside:outside "
            + "morning:evening praise:criticize reward:punish raise:lower attack:defend spend:save push:pull "
            + "light:dark wet:dry dead:alive present:absent optimistic:pessimistic majority:minority "
            + "upgrade:downgrade upward:downward surplus:deficit hire:fire victory:defeat war:peace friend:enemy "
            + "export:import win:loss lead:trail online:offline north:south east:west accurate:inaccurate "
            + "night:day sooner:later past:future old:new");

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

    private static Map<String, Set<String>> antonyms(String pairs) {
        Map<String, Set<String>> map = new java.util.HashMap<>();
        for (String pair : pairs.split(" ")) {
            String[] two = pair.split(":");
            map.computeIfAbsent(stem(two[0]), k -> new java.util.HashSet<>()).add(stem(two[1]));
            map.computeIfAbsent(stem(two[1]), k -> new java.util.HashSet<>()).add(stem(two[0]));
        }
        Map<String, Set<String>> frozen = new java.util.HashMap<>();
        map.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }
}
