package io.confidencegateway.confidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.TextAnalyzer;

/**
 * What kind of answer this is, decided before any grounding check: a real answer, a refusal ("Unable to answer
 * based on given passages", "the passages do not mention…"), or an answer with a refusal sentence in it. Refusal
 * sentences, framing lines ("Based on the passages, here are the steps:") and courtesy ("I hope this helps!") make no claim about the world, so
 * only the remaining <em>claims</em> are checked against the passages; their lead-ins ("According to passage 2,")
 * are cut off first, because the words "passage" and "according" are never in the passages themselves.
 */
public record AnswerShape(Kind kind, List<Integer> refusals, List<Integer> framing, List<AnalyzedSentence> claims,
        Optional<String> refusalText) {

    /** The three cases the scorer treats differently. */
    public enum Kind {
        /** Every sentence is a claim (or framing): checked against the passages as usual. */
        ANSWER,
        /** Only refusal (and framing) sentences: the answer says the passages do not hold the answer. */
        REFUSAL,
        /**
         * Claims and a refusal sentence: the claims are checked, the refusal does not count against them. What a
         * refusal sentence claims besides declining ("…, but express delivery costs $9.99") is one of the claims.
         */
        PARTIAL_REFUSAL
    }

    // The words models use to say the sources do not answer, as RAGTruth's four open models and chat models in
    // general phrase it. Only declining to *answer* counts, or the *sources* being silent: "we cannot provide refunds
    // after 90 days" and "the shipping information does not include Canada" are policy claims and must be checked.
    // So the subject of a silence is the passages, the context or a qualified source ("the provided documents"),
    // never a bare "information"/"data"/"details", and "provide"/"give"/"confirm" decline only with "I" as subject.
    private static final String SOURCE = "(passages?( \\d+)?|context|excerpts?|(given|provided|above|retrieved|"
            + "these|those|available) (texts?|information|sources?|documents?|articles?|data|details))";
    private static final String CANNOT = "(unable to|not able to|cannot|can't|can ?not|could not|couldn't|"
            + "not possible to|impossible to)";
    private static final Pattern DECLINES = Pattern.compile("\\b(" + CANNOT + " (answer|determine|say|tell|know|"
            + "find (the|an|any) (answer|information)|be (answered|determined))|\\bi (am |was )?" + CANNOT + " "
            + "(provide|give|confirm|find|offer|access)|(insufficient|not enough) information (to (answer|determine|"
            + "say|tell|know)|(in|from) (the )?" + SOURCE + ")|no (specific |relevant |further |additional |direct |"
            + "explicit )?mention (of|about)|no (specific |relevant |further |additional |direct |explicit )?"
            + "(information|details?|data) (about|on|regarding|of|for)?[^.;,]*\\b(in|from|within) (the |any of the )?"
            + SOURCE + "|no (specific |relevant |further |additional |direct |explicit )?(information|details?|data) "
            + "(is |was |are |were )?(provided|given|mentioned|available)\\b|i (don't|do not) (know|have (enough|the|"
            + "any|sufficient) information)|as an ai\\b)");
    private static final Pattern SOURCE_SILENT = Pattern.compile("\\b" + SOURCE + "( (also|here|above|provided|given|and \\d+|\\(\\d+( and \\d+)?\\)))* ((do|does|did) "
            + "not|don't|doesn't|didn't|fails? to|neither) (\\w+ )?(provide|mention|contain|specify|say|include|state|"
            + "give|offer|address|discuss|indicate|have|list|describe|cover|answer|tell|explain|reference|identify|"
            + "show|support|specifically|explicitly|directly|clearly)|\\b(is|are|was|were) not (explicitly |"
            + "specifically |directly |clearly )?(mentioned|provided|specified|stated|given|included|available|"
            + "addressed|discussed|found|listed|described|covered|indicated|known) in (the |any of the |either of the "
            + "|these |those )?(given |provided |above )?(passages?|context|texts?|sources?|documents?|articles?|"
            + "excerpts?)");
    // Where a refusal sentence goes on to claim something: "The passages do not mention Canada, but express delivery
    // costs $9.99." Only clause joints with a conjunction, so "Based on the passages, it is not possible to say" stays
    // whole.
    private static final Pattern CLAUSE_JOINT = Pattern.compile("(?i)\\s*(?:[,;]\\s*(?:and|but|however|although|"
            + "though|yet|so|while|whereas)\\b,?|;|\\s(?:but|however|although|though|whereas)\\b,?)\\s*");
    private static final Pattern FRAMING_START = Pattern.compile("^(based on|according to|from|using|here (is|are)|"
            + "here's|sure|certainly|below|the following|to answer|in (the )?(given|provided)|the (given|provided) "
            + "passages?)\\b");
    // Courtesy lines carry no claim: "I hope this helps!", "Let me know if you have any other questions."
    private static final Pattern COURTESY = Pattern.compile("^((i )?hope (this|that|it) (helps|answers|is helpful)|let me "
            + "know if|feel free to|if you have any (other|further|more|additional) questions|(is there )?anything else "
            + "i can help|i'?m happy to help|(sure|certainly|of course|great question)[!,.]( i can help( you)? with "
            + "that[!.])?$|i (can|'d be happy to|would be happy to) help( you)? with that)");
    private static final Pattern LEAD_IN = Pattern.compile("(?i)^(\\s*(based on|according to|from|as (stated|"
            + "mentioned|described) in) (the )?(information in )?(the )?(given |provided |above |retrieved )?(passages?|"
            + "context|texts?|information|sources?|documents?)( \\d+)?( and \\d+)?( provided| given| above)?,?\\s*)+");
    private static final Pattern PASSAGE_SAYS = Pattern.compile("(?i)\\b(the )?(first |second |third |last )?"
            + "passages?( \\d+)?( and \\d+)? (also )?(states?|says?|mentions?|provides?|explains?|notes?|suggests?|"
            + "indicates?|describes?|lists?|adds?|confirms?|reports?|shows?)( that)?,?\\s*");
    private static final Pattern PASSAGE_REFERENCE = Pattern.compile("(?i)\\s*\\((according to |see |from |as in )?"
            + "(passages?|sources?) \\d+((, | and |, and |-)\\d+)*\\)|,? ?\\b(as )?(stated|mentioned|noted|described) "
            + "in passages? \\d+((, | and |, and |-)\\d+)*|\\b(in|from) passages? \\d+((, | and |, and |-)\\d+)*,?");

    public static AnswerShape of(AnalyzedText answer) {
        List<Integer> refusals = new ArrayList<>();
        List<Integer> framing = new ArrayList<>();
        List<AnalyzedSentence> claims = new ArrayList<>();
        String refusalText = null;
        for (AnalyzedSentence sentence : answer.sentences()) {
            String lower = sentence.text().toLowerCase(Locale.ROOT).replace('’', '\'');
            Optional<String> declines = declines(lower);
            if (declines.isPresent()) {
                refusals.add(sentence.index());
                refusalText = refusalText == null ? declines.get() : refusalText;
                leftover(sentence).ifPresent(claims::add);
            } else if (isFraming(lower, sentence)) {
                framing.add(sentence.index());
            } else {
                claims.add(claim(sentence));
            }
        }
        Kind kind = refusals.isEmpty() ? Kind.ANSWER : claims.isEmpty() ? Kind.REFUSAL : Kind.PARTIAL_REFUSAL;
        if (kind == Kind.ANSWER && claims.isEmpty()) {
            // Only framing lines: nothing to set aside them for, so they are the claims.
            framing.clear();
            answer.sentences().forEach(s -> claims.add(claim(s)));
        }
        return new AnswerShape(kind, List.copyOf(refusals), List.copyOf(framing), List.copyOf(claims),
                Optional.ofNullable(refusalText));
    }

    /** The words by which a sentence declines to answer, if it does. */
    static Optional<String> declines(String lower) {
        Matcher d = DECLINES.matcher(lower);
        if (d.find()) {
            return Optional.of(d.group());
        }
        Matcher s = SOURCE_SILENT.matcher(lower);
        return s.find() ? Optional.of(s.group()) : Optional.empty();
    }

    /**
     * What a refusal sentence claims besides declining: its clauses that do not decline, as one claim with the
     * sentence's index, or empty when every clause declines or the rest carries no content word, name or number.
     */
    static Optional<AnalyzedSentence> leftover(AnalyzedSentence sentence) {
        String[] clauses = CLAUSE_JOINT.split(sentence.text());
        if (clauses.length < 2) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        for (String clause : clauses) {
            String lower = clause.toLowerCase(Locale.ROOT).replace('’', '\'');
            if (!clause.isBlank() && declines(lower).isEmpty()) {
                kept.add(clause.strip());
            }
        }
        if (kept.isEmpty() || kept.size() == clauses.length) {
            return Optional.empty();
        }
        String rest = String.join(", ", kept).replaceAll("[.!?]+$", "") + ".";
        List<AnalyzedSentence> parts = TextAnalyzer.analyze(rest).sentences();
        if (parts.size() != 1) {
            return Optional.empty();
        }
        AnalyzedSentence s = parts.get(0);
        String lower = s.text().toLowerCase(Locale.ROOT);
        if (s.contentStems().isEmpty() && s.names().isEmpty() && s.quantities().isEmpty()
                || COURTESY.matcher(lower).find()) {
            return Optional.empty();
        }
        return Optional.of(claim(new AnalyzedSentence(sentence.index(), s.text(), s.tokens(), s.contentStems(),
                s.names(), s.quantities(), s.negated(), sentence.citations())));
    }

    private static boolean isFraming(String lower, AnalyzedSentence sentence) {
        return COURTESY.matcher(lower).find() || lower.endsWith(":") && (FRAMING_START.matcher(lower).find() || sentence.tokens().size() <= 8);
    }

    /** The sentence as a claim: lead-ins and passage references cut off, re-analysed, same index. */
    private static AnalyzedSentence claim(AnalyzedSentence sentence) {
        String text = sentence.text();
        String cut = PASSAGE_REFERENCE.matcher(PASSAGE_SAYS.matcher(LEAD_IN.matcher(text).replaceFirst(""))
                .replaceAll("")).replaceAll("").strip();
        if (cut.equals(text) || cut.isEmpty()) {
            return sentence;
        }
        List<AnalyzedSentence> parts = TextAnalyzer.analyze(cut).sentences();
        if (parts.size() != 1) {
            return sentence;
        }
        AnalyzedSentence s = parts.get(0);
        return new AnalyzedSentence(sentence.index(), s.text(), s.tokens(), s.contentStems(), s.names(),
                s.quantities(), s.negated(), sentence.citations());
    }
}
