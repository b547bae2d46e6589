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
        /** Claims and a refusal sentence: the claims are checked, the refusal does not count against them. */
        PARTIAL_REFUSAL
    }

    // The words models use to say the sources do not answer, as RAGTruth's four open models and chat models in
    // general phrase it. A "does not mention" needs a source word in the sentence, so "the fee does not include tax"
    // stays a claim.
    private static final String SOURCE = "(passages?|context|texts?|information|sources?|documents?|articles?|"
            + "excerpts?|data|details)";
    private static final Pattern DECLINES = Pattern.compile("\\b(unable to (answer|determine|provide|find|say|give|"
            + "confirm|tell)|(cannot|can't|can ?not|could not|couldn't) (be )?(answer|determin|provid|find|found|say|"
            + "tell|confirm|give)|not possible to (answer|determine|say|tell|provide|know)|(insufficient|not enough) "
            + "information|no (specific |relevant |further |additional |direct |explicit )?(information|mention|details?"
            + "|data|indication) (about|on|regarding|of|is|in|that|to|for|was)|i (don't|do not) (know|have (enough|the|"
            + "any|sufficient) information)|as an ai\\b)");
    private static final Pattern SOURCE_SILENT = Pattern.compile("\\b" + SOURCE + "\\b[^.;]*\\b((do|does|did) not|"
            + "don't|doesn't|didn't|fails? to|neither) (\\w+ )?(provide|mention|contain|specify|say|include|state|give|"
            + "offer|address|discuss|indicate|have|list|describe|cover|answer|tell|explain|reference|identify|show|"
            + "support|specifically|explicitly|directly|clearly)|\\b(is|are|was|were) not (explicitly |specifically |"
            + "directly |clearly )?(mentioned|provided|specified|stated|given|included|available|addressed|discussed|"
            + "found|listed|described|covered|indicated|known) in (the |any of the |either of the |these |those )?"
            + "(given |provided |above )?" + SOURCE);
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
