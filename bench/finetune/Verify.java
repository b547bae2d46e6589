import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** Prints the fp32 all-MiniLM-L6-v2 embedding (langchain4j: mean-pooled last_hidden_state, L2-normalised) of each
 * argument, for comparison with verify_java.py's PyTorch rebuild. Run: java -cp CLASSPATH Verify.java "sentence" ... */
public class Verify {
    public static void main(String[] args) {
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        for (String s : args) {
            float[] v = model.embed(s).content().vector();
            StringBuilder sb = new StringBuilder();
            for (float f : v) {
                sb.append(f).append(' ');
            }
            System.out.println(sb.toString().trim());
        }
    }
}
