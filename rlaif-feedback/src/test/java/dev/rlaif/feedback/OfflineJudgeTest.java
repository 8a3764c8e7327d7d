package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.Hub;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The offline judge ranks reference answers above API-swapped and hallucinated ones, and agrees with the matcher. */
class OfflineJudgeTest {

    private static final OfflineJudge JUDGE = OfflineJudge.bundled();

    @ParameterizedTest
    @EnumSource(Hub.class)
    void referencesBeatSwappedAndHallucinatedAnswers(Hub hub) {
        List<Task> tasks = Fixtures.eval(hub);
        List<ApiDoc> db = Fixtures.db(hub);
        double ref = 0;
        double swap = 0;
        double hall = 0;
        int n = 0;
        for (int i = 0; i < tasks.size(); i += 6) {
            Task t = tasks.get(i);
            ref += JUDGE.judge(t, Answers.reference(t)).score();
            swap += JUDGE.judge(t, Answers.swapped(t, db, 0)).score();
            hall += JUDGE.judge(t, Answers.hallucinated(t)).score();
            n++;
        }
        ref /= n;
        swap /= n;
        hall /= n;
        assertTrue(ref > 0.95, hub + " reference mean " + ref);
        assertTrue(ref - swap > 0.1, hub + " reference " + ref + " vs swapped " + swap);
        assertTrue(ref - hall > 0.3, hub + " reference " + ref + " vs hallucinated " + hall);
        assertTrue(hall > 0.2 && swap > 0.4, hub + " partial credit keeps a slope: swapped " + swap + ", hallucinated " + hall);
    }

    @ParameterizedTest
    @EnumSource(Hub.class)
    void answersAgreeWithTheAstVerdict(Hub hub) {
        List<Task> tasks = Fixtures.eval(hub);
        List<ApiDoc> db = Fixtures.db(hub);
        CallMatcher ast = new AstCallMatcher(Map.of(hub, db));
        for (int i = 0; i < tasks.size(); i += 17) {
            Task t = tasks.get(i);
            for (String c : List.of(Answers.reference(t), Answers.swapped(t, db, 3), Answers.hallucinated(t))) {
                int idx = ast.match(t, c);
                Feedback f = JUDGE.judge(t, c);
                boolean exists = pYes(f, "api_exists") == 1.0;
                if (!c.equals(Answers.swapped(t, db, 3))) {
                    // On an id the database does not hold verbatim (an invented one, or an eval reference that
                    // differs from its database record), the judge may be stricter than Gorilla's substring
                    // rule, never more lenient. A swapped answer is a database call verbatim: both must agree.
                    assertTrue(idx >= 0 || !exists, t.id() + " api_exists without an AST match for " + c);
                    continue;
                }
                assertEquals(idx >= 0, exists, t.id() + " api_exists vs AST match for " + c);
                if (idx >= 0 && db.get(idx).domain().equals(t.domain())) {
                    assertEquals(1.0, pYes(f, "fits_domain"), t.id() + ": AST says correct");
                }
                if (idx < 0) {
                    assertTrue(pYes(f, "fits_domain") < 1.0, t.id() + ": AST says hallucination");
                    assertTrue(pYes(f, "valid_arguments") < 1.0);
                }
            }
        }
    }

    @Test
    void anIdThatOnlyContainsARealOneDoesNotExist() {
        List<Task> tasks = Fixtures.eval(Hub.TORCHHUB);
        List<ApiDoc> db = Fixtures.db(Hub.TORCHHUB);
        CallMatcher ast = new AstCallMatcher(Map.of(Hub.TORCHHUB, db));
        int cases = 0;
        for (int i = 0; i < tasks.size(); i += 5) {
            Task t = tasks.get(i);
            String ref = Answers.reference(t);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("model='([^']+)'").matcher(ref);
            if (!m.find()) {
                continue;
            }
            String invented = ref.replace("model='" + m.group(1) + "'", "model='" + m.group(1) + "9'");
            if (ast.match(t, invented) < 0) {
                continue;
            }
            cases++;
            Feedback f = JUDGE.judge(t, invented);
            assertTrue(pYes(f, "api_exists") < 1.0, t.id() + " Gorilla's substring rule matches, the judge must not: "
                    + invented);
            assertTrue(f.score() < JUDGE.judge(t, ref).score(), t.id());
        }
        assertTrue(cases >= 10, "the substring quirk was exercised " + cases + " times");
    }

    @Test
    void gradedCreditForAKnownFamily() {
        Task t = Fixtures.eval(Hub.TORCHHUB).get(0);
        Feedback hall = JUDGE.judge(t, Answers.hallucinated(t));
        Feedback junk = JUDGE.judge(t, t.reference().withApiCall("frobnicate(42)").render());
        double h = pYes(hall, "api_exists");
        assertTrue(h > 0 && h < 1, "known torch.hub.load with an unknown model: partial, got " + h);
        assertEquals(0.0, pYes(junk, "api_exists"));
        assertTrue(hall.score() > junk.score());
    }

    @Test
    void shortAnswersLeaveTheExplanationQuestionOut() {
        Task t = Fixtures.eval(Hub.HUGGINGFACE).get(0);
        Feedback f = JUDGE.judge(t, t.reference().render(3));
        QuestionAnswer expl = f.answers().stream().filter(a -> a.questionId().equals("explanation_matches"))
                .findFirst().orElseThrow();
        assertFalse(expl.valid());
        assertTrue(f.score() > 0.95, "a correct short answer still scores high: " + f.score());
    }

    @Test
    void unknownQuestionsOfACustomRubricAreInvalid() {
        Rubric custom = new Rubric("custom", List.of(new RubricQuestion("api_exists", "Exists?", 1),
                new RubricQuestion("is_polite", "Is the answer polite?", 1)), Rubric.DEFAULT_TEMPLATE);
        OfflineJudge j = OfflineJudge.builder(Fixtures.torchhubOnly()).rubric(custom).build();
        Task t = Fixtures.eval(Hub.TORCHHUB).get(0);
        Feedback f = j.judge(t, Answers.reference(t));
        assertTrue(f.answers().get(0).valid());
        assertFalse(f.answers().get(1).valid());
        assertEquals(1.0, f.score());
        assertFalse(j.configId().equals(JUDGE.configId()));
    }

    @Test
    void pairwiseByScorePrefersTheReference() {
        Task t = Fixtures.eval(Hub.TENSORFLOWHUB).get(5);
        PairwiseJudge p = PairwiseJudge.byScore(JUDGE);
        String ref = Answers.reference(t);
        String bad = Answers.hallucinated(t);
        assertEquals(ref, p.compare(t, bad, ref).chosen());
        assertEquals(ref, p.compare(t, ref, bad).chosen());
        assertTrue(p.compare(t, ref, bad).margin() > 0);
        assertFalse(p.compare(t, ref, ref).valid(), "a tie teaches nothing");
    }

    @Property(tries = 200)
    void anyTextGivesAScoreInRangeOrInvalid(@ForAll String completion) {
        Task t = Fixtures.eval(Hub.HUGGINGFACE).get(3);
        Feedback f = JUDGE.judge(t, completion);
        assertTrue(Double.isNaN(f.score()) || f.score() >= 0 && f.score() <= 1);
        Feedback again = JUDGE.judge(t, completion);
        assertEquals(f.answers(), again.answers(), "deterministic");
        assertEquals(f.rawReply(), again.rawReply());
    }

    private static double pYes(Feedback f, String id) {
        for (QuestionAnswer a : f.answers()) {
            if (a.questionId().equals(id)) {
                return a.pYes();
            }
        }
        throw new AssertionError("no answer " + id);
    }
}
