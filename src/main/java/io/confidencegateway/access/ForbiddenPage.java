package io.confidencegateway.access;

/** The short HTML page a console page answers when the signed-in key lacks the role or product (a person reads it). */
public final class ForbiddenPage {

    private ForbiddenPage() {
    }

    public static String render(String detail) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed</title>"
                + "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/console/assets/console.css\">"
                + "</head><body><main class=\"narrow\"><h1>Not allowed</h1><p>" + escape(detail) + "</p>"
                + "<p><a href=\"/console\">Back to the console</a> · <a href=\"/console/sign-in\">Sign in with "
                + "another key</a></p></main></body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
