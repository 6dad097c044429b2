package ai.darwin.hitl.dashboard;

import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.hitl.store.Documents;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What the run's plots draw: every trained competitor's val_bpb, MFU and tokens/s by generation and agent, each
 * generation's control (the unmodified seed program trained with the same seed) with the run's noise floor as its
 * band, and the verification's intervals.
 *
 * @param points       one per trained variant (the baseline and the mutants; a result a sanity gate held included,
 *                     marked HELD)
 * @param controls     one per generation that trained a control, in order
 * @param noiseFloor   the run's noise floor, once measured
 * @param verification the champion against the seed program, once verified
 */
public record RunSeries(List<Point> points, List<Control> controls, NoiseFloor noiseFloor,
                        VerificationReport verification) {

    /** A trained variant's metrics. */
    public record Point(String variantId, int generation, String agentId, String kind, String outcome,
                        Double valBitsPerByte, Double mfu, Double tokensPerSecond) {
    }

    /** A generation's control and its metrics. */
    public record Control(int generation, String variantId, Double valBitsPerByte, Double mfu,
                          Double tokensPerSecond) {
    }

    static RunSeries of(List<Document> competitors, List<Document> generations, VerificationReport verification) {
        List<Point> points = new ArrayList<>();
        for (Document v : competitors) {
            Document metrics = v.get("metrics", Document.class);
            if (metrics != null) {
                points.add(new Point(v.getString("_id"), v.getInteger("generation", 0), v.getString("agentId"),
                        v.getString("kind"), v.getString("outcome"), Documents.number(metrics, "valBitsPerByte"),
                        Documents.number(metrics, "mfu"), Documents.number(metrics, "tokensPerSecond")));
            }
        }
        List<Control> controls = new ArrayList<>();
        NoiseFloor floor = null;
        for (Document g : generations) {
            String control = g.getString("controlVariantId");
            for (Document ranked : g.getList("ranking", Document.class, List.of())) {
                if (ranked.getString("variantId").equals(control)) {
                    controls.add(new Control(g.getInteger("generation"), control,
                            Documents.number(ranked, "valBitsPerByte"), Documents.number(ranked, "mfu"),
                            Documents.number(ranked, "tokensPerSecond")));
                }
            }
            NoiseFloor measured = Documents.read(g.get("noiseFloor", Document.class), NoiseFloor.class);
            floor = measured == null ? floor : measured;
            VerificationReport report = Documents.read(g.get("verification", Document.class), VerificationReport.class);
            verification = verification == null ? report : verification;
        }
        return new RunSeries(points, controls, floor, verification);
    }
}
